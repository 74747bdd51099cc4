package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.syncsites.networkhealth.SiteState;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.resync.ResyncMonitor;
import org.syncsites.resync.ResyncProgress;
import org.syncsites.siteadmin.LegacyIdentities;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.siteadmin.SiteDetails;
import org.syncsites.siteadmin.SiteImport;
import org.syncsites.siteadmin.SiteOrder;
import org.syncsites.siteadmin.SiteSummary;
import org.syncsites.siteadmin.SiteWarning;
import org.syncsites.store.StoreAdministration;
import org.syncsites.sync.PushedDataAdministration;
import org.syncsites.synchistory.SyncHistory;
import org.syncsites.synchistory.SyncSession;
import org.syncsites.syncqueue.QueuedGroup;

/**
 * Sync sites for scripts and tools: the same operations as the site windows, through the same EJB, with the
 * same rules and permission checks. Errors come back as {@code {"error":{...}}} with 400, 403, 404 or 409.
 */
@Path("/admin/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SitesResource {

    @EJB
    private LegacyIdentities legacyIdentities;

    @EJB
    private SiteAdministration sites;

    @EJB
    private SiteImport siteImport;

    @EJB
    private StoreAdministration storeAdministration;

    @EJB
    private ResyncMonitor resyncs;

    @EJB
    private PushedDataAdministration pushedData;

    @EJB
    private SyncHistory history;

    /**
     * A page of the site list. {@code state} (optional) keeps the remote sites in one state: SYNCED, OVERDUE,
     * CRITICAL, NEVER_SYNCED, BLOCKED, PAUSED, INTEGRATION_FAILED or RESYNC_RUNNING. {@code sort} (optional): NAME (the
     * default), CODE, LAST_SYNC or QUEUE, {@code descending} to reverse it; the central server's site stays first.
     */
    @GET
    public ListPage<SiteSummary> list(
            @QueryParam("filter") @DefaultValue("") String filter,
            @QueryParam("state") String state,
            @QueryParam("sort") @DefaultValue("NAME") String sort,
            @QueryParam("descending") @DefaultValue("false") boolean descending,
            @QueryParam("offset")
                    @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = Paging.FIRST, minimum = "0"))
                    String offset,
            @QueryParam("limit")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            defaultValue = Paging.PAGE,
                                            minimum = "1",
                                            maximum = Paging.MOST))
                    String limit) {
        return sites.list(
                filter,
                siteState(state),
                siteOrder(sort),
                descending,
                Paging.offset(offset),
                Paging.limit(limit, Paging.PAGE));
    }

    private static SiteOrder siteOrder(String sort) {
        try {
            return SiteOrder.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(
                    "sort", Text.of("site.list.unknownOrder", sort, Arrays.toString(SiteOrder.values())));
        }
    }

    /**
     * Sites created or updated from a CSV file (the body, {@code Content-Type: text/csv}; columns: see
     * {@link SiteFile}). Without {@code apply=true} nothing changes: the answer says what each line would do and
     * what is wrong with it. With it every line is applied in one transaction, or none (400 with each line's
     * problems); the answer then holds the passwords generated for new sites, the only time they are given out.
     */
    @POST
    @Path("import")
    @Consumes("text/csv")
    public Object importSites(String csv, @QueryParam("apply") @DefaultValue("false") boolean apply) {
        List<SiteImport.SiteLine> lines = SiteFile.lines(csv);
        return apply ? siteImport.apply(lines) : siteImport.preview(lines);
    }

    /** How many sites the export reads at a time. */
    private static final int EXPORT_PAGE = 1000;

    /**
     * The site list as CSV, every site the list shows with the same {@code filter} and {@code state}, in its order:
     * one line per site, a header first.
     */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@QueryParam("filter") @DefaultValue("") String filter, @QueryParam("state") String state) {
        SiteState only = siteState(state);
        return Csv.download("sites.csv", csv -> {
            csv.row(
                    "id",
                    "code",
                    "name",
                    "type",
                    "stores",
                    "store_codes",
                    "state",
                    "blocked",
                    "paused",
                    "device_bound",
                    "last_successful_sync",
                    "queue_length",
                    "integration_failed");
            for (int offset = 0; ; offset += EXPORT_PAGE) {
                List<SiteSummary> page =
                        sites.list(filter, only, offset, EXPORT_PAGE).rows();
                Map<Long, List<String>> storeCodes = storeAdministration.codesOnSites(page.stream()
                        .filter(site -> !site.central())
                        .map(SiteSummary::id)
                        .toList());
                for (SiteSummary site : page) {
                    csv.row(
                            site.id(),
                            site.code(),
                            site.name(),
                            site.type(),
                            site.storeCount(),
                            String.join(";", storeCodes.getOrDefault(site.id(), List.of())),
                            site.central() ? "CENTRAL" : site.syncAge(),
                            site.blocked(),
                            site.paused(),
                            site.hardwareBound(),
                            site.lastSuccessfulSyncAt(),
                            site.queueLength(),
                            site.integrationFailed());
                }
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
            }
        });
    }

    private static SiteState siteState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return SiteState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(
                    "state", Text.of("health.state.unknown", state, Arrays.toString(SiteState.values())));
        }
    }

    @GET
    @Path("{id}")
    public SiteDetails get(@PathParam("id") long id) {
        return sites.get(id);
    }

    /** Body: a change set without siteId; its newPassword is the new site's sync password. */
    @POST
    public Response create(SiteChangeSet changes) {
        SiteDetails created = sites.create(new SiteChangeSet(
                null, 0, changes.settings(), changes.newPassword(), changes.storesToAdd(), changes.storesToRemove()));
        return Response.created(URI.create("/api/admin/sites/" + created.id()))
                .entity(created)
                .build();
    }

    /** Body: a change set whose expectedVersion is the version the caller read. */
    @PUT
    @Path("{id}")
    public SiteDetails update(@PathParam("id") long id, SiteChangeSet changes) {
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
    @Path("{id}/warnings")
    public List<Warning> warnings(@PathParam("id") long id, SiteChangeSet changes) {
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
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        sites.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/hardware-id/reset")
    public SiteDetails resetHardwareId(@PathParam("id") long id) {
        return sites.resetHardwareId(id);
    }

    /** What of the site's pushed data could not be integrated; 204 when nothing. */
    @GET
    @Path("{id}/integration-failure")
    public PushedDataAdministration.Report integrationFailure(@PathParam("id") long id) {
        return pushedData.report(id);
    }

    @POST
    @Path("{id}/integration-failure/retry")
    public Map<String, Integer> retryIntegration(@PathParam("id") long id) {
        return Map.of("retried", pushedData.retry(id));
    }

    /** A site's identity as a legacy central gave it: {@code id} (text) and {@code siteId} (a number); null: its own. */
    public record LegacyIdentity(String id, Integer siteId) {}

    /**
     * Gives the site the identity a legacy central gave it ({@code {"id":"...","siteId":42}}), so that its device
     * goes on syncing without being initialised again; both null: its own again. Editors; audited.
     */
    @PUT
    @Path("{id}/legacy-identity")
    public LegacyIdentities.Identity setLegacyIdentity(@PathParam("id") long id, LegacyIdentity identity) {
        return legacyIdentities.set(
                id, identity == null ? null : identity.id(), identity == null ? null : identity.siteId());
    }

    @PUT
    @Path("{id}/oms-central")
    public SiteDetails setOmsCentral(@PathParam("id") long id, boolean omsCentral) {
        return sites.setOmsCentral(id, omsCentral);
    }

    @POST
    @Path("{id}/unblock")
    public SiteDetails unblock(@PathParam("id") long id) {
        return sites.unblock(id);
    }

    /** Pauses the site's sync: its device is refused until it is resumed; nothing queued for it is lost. */
    @POST
    @Path("{id}/pause")
    public SiteDetails pause(@PathParam("id") long id) {
        return sites.pauseSync(id);
    }

    @POST
    @Path("{id}/resume")
    public SiteDetails resume(@PathParam("id") long id) {
        return sites.resumeSync(id);
    }

    /** Body of {@code PUT {id}/alert-mute}: until when (an ISO-8601 instant, e.g. "2026-12-24T08:00:00Z"). */
    public record AlertMute(Instant until) {}

    /**
     * Mutes the site's alerts until a time (at most 90 days ahead): they are still raised and shown on the dashboard,
     * not sent by e-mail or webhook until then; what is still open then is sent. Muting again sets another end.
     */
    @PUT
    @Path("{id}/alert-mute")
    public SiteDetails muteAlerts(@PathParam("id") long id, AlertMute mute) {
        return sites.muteAlerts(id, mute == null ? null : mute.until());
    }

    /** Sends the site's alerts again from now (what is open and not sent yet goes with the next look). */
    @DELETE
    @Path("{id}/alert-mute")
    public SiteDetails unmuteAlerts(@PathParam("id") long id) {
        return sites.unmuteAlerts(id);
    }

    /**
     * Starts the site over for a new device: hardware ID cleared, queue emptied, initialisation new, all of its
     * stores' data queued again.
     */
    @POST
    @Path("{id}/reinitialise")
    public SiteDetails reinitialise(@PathParam("id") long id) {
        return sites.reinitialise(id);
    }

    /** What waits for the site, per store and table, largest first, with the oldest entry's time. */
    @GET
    @Path("{id}/queue")
    public List<QueuedGroup> queue(@PathParam("id") long id) {
        return sites.queueContents(id);
    }

    /** Runs a failed resync of the site again: the new job's progress. */
    @POST
    @Path("{id}/resyncs/{jobId}/retry")
    public ResyncProgress retryResync(@PathParam("id") long id, @PathParam("jobId") long jobId) {
        return resyncs.job(sites.retryResync(id, jobId).getId());
    }

    /** A page of the site's sync sessions, newest first. */
    @GET
    @Path("{id}/history")
    public ListPage<SyncSession> history(
            @PathParam("id") long id,
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
    @Path("{id}/resyncs")
    public List<ResyncProgress> resyncs(@PathParam("id") long id) {
        return resyncs.ofSite(id, 20);
    }
}
