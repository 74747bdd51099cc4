package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.siteadmin.BulkAction;
import org.syncsites.siteadmin.BulkJob;
import org.syncsites.siteadmin.SiteBulkActions;
import org.syncsites.siteadmin.SiteSelection;

/**
 * One action applied to every remote site a filtered site list shows ({@code /api/admin/sites/bulk-actions}): count
 * the sites of a filter, start the action with the count confirmed, follow its progress, continue one that stopped
 * with its node. The filter is the site list's ({@code filter}, {@code state}, {@code appVersion}).
 */
@Path("/admin/sites/bulk-actions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BulkActionsResource {

    @EJB
    private SiteBulkActions bulkActions;

    /** How many remote sites the filter selects now: {@code {"sites": n}}, the number to confirm. */
    @GET
    @Path("count")
    public Map<String, Long> count(
            @QueryParam("filter") @DefaultValue("") String filter,
            @QueryParam("state") String state,
            @QueryParam("appVersion") @DefaultValue("") String appVersion) {
        return Map.of(
                "sites", bulkActions.count(new SiteSelection(filter, SitesResource.siteState(state), appVersion)));
    }

    /**
     * Starts an action on the remote sites the request's filter selects: 202 with the job, which runs in the
     * background; 409 when the filter no longer selects {@code expectedCount} sites (count and confirm again).
     */
    @POST
    public Response start(Request request) {
        if (request == null) {
            throw new RuleViolation("action", Text.of("bulk.action.missing"));
        }
        BulkJob.View job = bulkActions.start(
                new SiteSelection(request.filter(), SitesResource.siteState(request.state()), request.appVersion()),
                action(request.action()),
                request.value(),
                request.expectedCount());
        return Response.accepted(job)
                .location(URI.create("/api/admin/sites/bulk-actions/" + job.id()))
                .build();
    }

    /** The latest bulk actions, newest first. */
    @GET
    public List<BulkJob.View> recent() {
        return bulkActions.recent();
    }

    /** One bulk action and how far it got. */
    @GET
    @Path("{id}")
    public BulkJob.View job(@PathParam("id") long id) {
        return bulkActions.job(id);
    }

    /** Continues a bulk action that stopped with its node, from the first site it had not dealt with. */
    @POST
    @Path("{id}/continue")
    public BulkJob.View resume(@PathParam("id") long id) {
        return bulkActions.resume(id);
    }

    private static BulkAction action(String action) {
        if (action == null || action.isBlank()) {
            throw new RuleViolation("action", Text.of("bulk.action.missing"));
        }
        try {
            return BulkAction.valueOf(action.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(
                    "action", Text.of("bulk.action.unknown", action, Arrays.toString(BulkAction.values())));
        }
    }

    /**
     * A bulk action asked for: the list's filter, the action (PAUSE_SYNC, RESUME_SYNC, UNBLOCK, MUTE_ALERTS,
     * UNMUTE_ALERTS, SET_SYNC_INTERVAL, SET_REQUEST_SIZE), its value (MUTE_ALERTS: until when, ISO 8601;
     * SET_SYNC_INTERVAL: minutes; SET_REQUEST_SIZE: records) and the number of sites confirmed.
     */
    public record Request(
            String filter, String state, String appVersion, String action, String value, long expectedCount) {}
}
