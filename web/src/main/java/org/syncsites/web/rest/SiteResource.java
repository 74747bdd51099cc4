package org.syncsites.web.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.Text;
import org.syncsites.resync.ResyncMonitor;
import org.syncsites.resync.ResyncProgress;
import org.syncsites.siteadmin.DeviceSeen;
import org.syncsites.siteadmin.LegacyIdentities;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteAlertMutes;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.siteadmin.SiteDetails;
import org.syncsites.siteadmin.SiteDevices;
import org.syncsites.siteadmin.SiteSyncControl;
import org.syncsites.siteadmin.SiteWarning;
import org.syncsites.sync.PushedDataAdministration;
import org.syncsites.synchistory.SyncHistory;
import org.syncsites.synchistory.SyncSession;
import org.syncsites.syncqueue.QueuedGroup;

/**
 * One site of {@link SitesResource} ({@code /api/admin/sites/{id}}): its details, its change set, and what admins do
 * with its device, its sync, its alerts, its pushed data and its history, each through the EJB of that concern, with
 * the same rules and permission checks as the site window.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {

    private final long id;
    private final SiteAdministration sites;
    private final SiteDevices devices;
    private final SiteSyncControl syncControl;
    private final SiteAlertMutes alertMutes;
    private final LegacyIdentities legacyIdentities;
    private final ResyncMonitor resyncs;
    private final PushedDataAdministration pushedData;
    private final SyncHistory history;

    SiteResource(
            long id,
            SiteAdministration sites,
            SiteDevices devices,
            SiteSyncControl syncControl,
            SiteAlertMutes alertMutes,
            LegacyIdentities legacyIdentities,
            ResyncMonitor resyncs,
            PushedDataAdministration pushedData,
            SyncHistory history) {
        this.id = id;
        this.sites = sites;
        this.devices = devices;
        this.syncControl = syncControl;
        this.alertMutes = alertMutes;
        this.legacyIdentities = legacyIdentities;
        this.resyncs = resyncs;
        this.pushedData = pushedData;
        this.history = history;
    }

    @GET
    public SiteDetails get() {
        return sites.get(id);
    }

    /** Body: a change set whose expectedVersion is the version the caller read. */
    @PUT
    public SiteDetails update(SiteChangeSet changes) {
        return sites.update(new SiteChangeSet(
                id,
                changes.expectedVersion(),
                changes.settings(),
                changes.newPassword(),
                changes.storesToAdd(),
                changes.storesToRemove()));
    }

    /** A warning as the API writes it: its kind and what to know, in the caller's language ({@link JsonWords}). */
    public record Warning(SiteWarning.Kind kind, Text message) {}

    /** What the caller should know before applying the change set; nothing is written. */
    @POST
    @Path("warnings")
    public List<Warning> warnings(SiteChangeSet changes) {
        return sites
                .warningsFor(new SiteChangeSet(
                        id,
                        changes.expectedVersion(),
                        changes.settings(),
                        changes.newPassword(),
                        changes.storesToAdd(),
                        changes.storesToRemove()))
                .stream()
                .map(w -> new Warning(w.kind(), w.text()))
                .toList();
    }

    @DELETE
    public Response delete() {
        sites.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("hardware-id/reset")
    public SiteDetails resetHardwareId() {
        return devices.resetHardwareId(id);
    }

    /** The site's device history: every device that signed in or tried to, the one seen last first. */
    @GET
    @Path("devices")
    public List<DeviceSeen> devices() {
        return devices.devices(id);
    }

    /** What of the site's pushed data could not be integrated; 204 when nothing. */
    @GET
    @Path("integration-failure")
    public PushedDataAdministration.Report integrationFailure() {
        return pushedData.report(id);
    }

    @POST
    @Path("integration-failure/retry")
    public Map<String, Integer> retryIntegration() {
        return Map.of("retried", pushedData.retry(id));
    }

    /** A site's identity as a legacy central gave it: {@code id} (text) and {@code siteId} (a number); null: its own. */
    public record LegacyIdentity(String id, Integer siteId) {}

    /**
     * Gives the site the identity a legacy central gave it ({@code {"id":"...","siteId":42}}), so that its device
     * goes on syncing without being initialised again; both null: its own again. Editors; audited.
     */
    @PUT
    @Path("legacy-identity")
    public LegacyIdentities.Identity setLegacyIdentity(LegacyIdentity identity) {
        return legacyIdentities.set(
                id, identity == null ? null : identity.id(), identity == null ? null : identity.siteId());
    }

    @PUT
    @Path("oms-central")
    public SiteDetails setOmsCentral(boolean omsCentral) {
        return sites.setOmsCentral(id, omsCentral);
    }

    @POST
    @Path("unblock")
    public SiteDetails unblock() {
        return devices.unblock(id);
    }

    /** Pauses the site's sync: its device is refused until it is resumed; nothing queued for it is lost. */
    @POST
    @Path("pause")
    public SiteDetails pause() {
        return syncControl.pauseSync(id);
    }

    @POST
    @Path("resume")
    public SiteDetails resume() {
        return syncControl.resumeSync(id);
    }

    /** Body of {@code PUT {id}/alert-mute}: until when (an ISO-8601 instant, e.g. "2026-12-24T08:00:00Z"). */
    public record AlertMute(Instant until) {}

    /**
     * Mutes the site's alerts until a time (at most 90 days ahead): they are still raised and shown on the dashboard,
     * not sent by e-mail or webhook until then; what is still open then is sent. Muting again sets another end.
     */
    @PUT
    @Path("alert-mute")
    public SiteDetails muteAlerts(AlertMute mute) {
        return alertMutes.muteAlerts(id, mute == null ? null : mute.until());
    }

    /** Sends the site's alerts again from now (what is open and not sent yet goes with the next look). */
    @DELETE
    @Path("alert-mute")
    public SiteDetails unmuteAlerts() {
        return alertMutes.unmuteAlerts(id);
    }

    /**
     * Starts the site over for a new device: hardware ID cleared, queue emptied, initialisation new, all of its
     * stores' data queued again.
     */
    @POST
    @Path("reinitialise")
    public SiteDetails reinitialise() {
        return syncControl.reinitialise(id);
    }

    /** What waits for the site, per store and table, largest first, with the oldest entry's time. */
    @GET
    @Path("queue")
    public List<QueuedGroup> queue() {
        return syncControl.queueContents(id);
    }

    /** Runs a failed resync of the site again: the new job's progress. */
    @POST
    @Path("resyncs/{jobId}/retry")
    public ResyncProgress retryResync(@PathParam("jobId") long jobId) {
        return resyncs.job(syncControl.retryResync(id, jobId).getId());
    }

    /** A page of the site's sync sessions, newest first. */
    @GET
    @Path("history")
    public ListPage<SyncSession> history(
            @QueryParam("offset")
                    @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = Paging.FIRST, minimum = "0"))
                    String offset,
            @QueryParam("limit")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            defaultValue = Paging.HISTORY_PAGE,
                                            minimum = "1",
                                            maximum = Paging.MOST))
                    String limit) {
        int first = Paging.offset(offset);
        int count = Paging.limit(limit, Paging.HISTORY_PAGE);
        sites.get(id); // 404 for a site that does not exist
        return history.ofSite(id, first, count);
    }

    @GET
    @Path("resyncs")
    public List<ResyncProgress> resyncs() {
        return resyncs.ofSite(id, 20);
    }
}
