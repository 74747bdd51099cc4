package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.syncsites.remote.RemoteSettingsChange;
import org.syncsites.remote.RemoteSetup;
import org.syncsites.remote.RemoteStatus;
import org.syncsites.site.ConnectionReport;

/**
 * This server as a remote site of a central server, for scripts: its settings and sync status, saving the
 * settings, checking the connection and starting a sync. The same EJB as the Central server page.
 */
@Path("/admin/remote")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RemoteResource {

    @EJB
    private RemoteSetup remote;

    @GET
    public RemoteStatus status() {
        return remote.status();
    }

    /** Body: serverUrl, siteName, newPassword (blank keeps the saved one), syncIntervalMinutes, syncRequestSize, alternativeHttpClient. */
    @PUT
    public RemoteStatus save(RemoteSettingsChange change) {
        remote.save(change);
        return remote.status();
    }

    /** Each line, whether it is good and what it says (in the caller's language, see {@link JsonWords}). */
    @POST
    @Path("check")
    public ConnectionReport check() {
        return remote.checkConnection();
    }

    /**
     * Trusts the central's certificate with this SHA-256 fingerprint besides the CAs (body: {@code fingerprint}, as the
     * check reported it in {@code untrustedCertificate}); compare it with the one the central printed first.
     */
    @PUT
    @Path("trusted-certificate")
    public RemoteStatus trustCertificate(TrustedCertificate certificate) {
        remote.trustCertificate(
                certificate == null || certificate.fingerprint() == null ? "" : certificate.fingerprint());
        return remote.status();
    }

    /** Trusts only the CAs again. */
    @DELETE
    @Path("trusted-certificate")
    public RemoteStatus forgetCertificate() {
        remote.trustCertificate(null);
        return remote.status();
    }

    /** A certificate to trust, by its SHA-256 fingerprint. */
    public record TrustedCertificate(String fingerprint) {}

    /** Starts a sync in the background: 202; follow it with GET. */
    @POST
    @Path("sync")
    public Response syncNow() {
        remote.syncNow();
        return Response.accepted(remote.status()).build();
    }
}
