package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.syncsites.networkhealth.Dashboard;
import org.syncsites.networkhealth.HealthSettings;
import org.syncsites.networkhealth.NetworkHealth;
import org.syncsites.site.MinimumAppVersions;
import org.syncsites.site.SitesAhead;

/**
 * The network's health for scripts and monitoring: the dashboard's figures (counts of sites per state, most overdue
 * sites, app versions, sessions per hour) and the health settings (overdue thresholds, history kept); the lowest app
 * versions the network accepts; the sites found ahead of its database.
 */
@Path("/admin/network")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NetworkResource {

    @EJB
    private NetworkHealth health;

    @EJB
    private MinimumAppVersions minimumAppVersions;

    @EJB
    private SitesAhead sitesAhead;

    @GET
    public Dashboard dashboard() {
        return health.dashboard();
    }

    /** The settings; a viewer reads the webhook's address without its path and query (often a secret). */
    @GET
    @Path("settings")
    public HealthSettings settings() {
        return health.settingsForCaller();
    }

    /** Body: the settings, with the version read; 409 when someone else changed them meanwhile. */
    @PUT
    @Path("settings")
    public HealthSettings changeSettings(HealthSettings settings) {
        return health.changeSettings(settings);
    }

    /** The lowest app version the network accepts, per app name. */
    @GET
    @Path("minimum-app-versions")
    public List<MinimumAppVersions.Minimum> minimumAppVersions() {
        return minimumAppVersions.list();
    }

    /**
     * Body: {@code {"version": "2.13.0"}}. Devices of the app (its {@code app-name}, any case) that sign in with an
     * older version are refused with 409 {@code api_version_incompatible}, naming the version needed.
     */
    @PUT
    @Path("minimum-app-versions/{appName}")
    public MinimumAppVersions.Minimum setMinimumAppVersion(@PathParam("appName") String appName, VersionBody body) {
        return minimumAppVersions.set(appName, body == null ? null : body.version);
    }

    /** Every version of the app is accepted again; 404 when none was set. */
    @DELETE
    @Path("minimum-app-versions/{appName}")
    public Response removeMinimumAppVersion(@PathParam("appName") String appName) {
        minimumAppVersions.remove(appName);
        return Response.noContent().build();
    }

    /**
     * Sites found ahead of this database (as after a restore from a backup): each refused until an editor
     * re-initialises it ({@code POST /api/admin/sites/{id}/reinitialise}).
     */
    @GET
    @Path("sites-ahead")
    public List<SitesAhead.Ahead> sitesAhead() {
        return sitesAhead.list();
    }

    /** The body of {@link #setMinimumAppVersion}. */
    public static class VersionBody {
        public String version;
    }
}
