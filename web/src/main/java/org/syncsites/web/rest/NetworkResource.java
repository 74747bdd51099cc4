package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.syncsites.networkhealth.Dashboard;
import org.syncsites.networkhealth.HealthSettings;
import org.syncsites.networkhealth.NetworkHealth;

/**
 * The network's health for scripts and monitoring: the dashboard's figures (counts of sites per state, most overdue
 * sites, app versions, sessions per hour) and the health settings (overdue thresholds, history kept).
 */
@Path("/admin/network")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NetworkResource {

    @EJB
    private NetworkHealth health;

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
}
