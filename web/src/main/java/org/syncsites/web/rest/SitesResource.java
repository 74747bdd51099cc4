package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.BeanParam;
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
import org.syncsites.networkhealth.SiteState;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.resync.ResyncMonitor;
import org.syncsites.siteadmin.LegacyIdentities;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteAlertMutes;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.siteadmin.SiteDetails;
import org.syncsites.siteadmin.SiteDevices;
import org.syncsites.siteadmin.SiteImport;
import org.syncsites.siteadmin.SiteOrder;
import org.syncsites.siteadmin.SiteSelection;
import org.syncsites.siteadmin.SiteSummary;
import org.syncsites.siteadmin.SiteSyncControl;
import org.syncsites.store.StoreAdministration;
import org.syncsites.sync.PushedDataAdministration;
import org.syncsites.synchistory.SyncHistory;

/**
 * Sync sites for scripts and tools ({@code /api/admin/sites}): the list, its export and import, and new sites; one
 * site is a sub-resource of its own ({@link SiteResource}). The same operations as the site windows, through the same
 * EJBs, with the same rules and permission checks. Errors come back as {@code {"error":{...}}} with 400, 403, 404 or
 * 409.
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
    private SiteAlertMutes alertMutes;

    @EJB
    private SiteDevices devices;

    @EJB
    private SiteSyncControl syncControl;

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
     * CRITICAL, NEVER_SYNCED, BLOCKED, PAUSED, INTEGRATION_FAILED or RESYNC_RUNNING; {@code appVersion} (optional) the
     * sites whose device last said it runs that version of its app. {@code sort} (optional): NAME (the
     * default), CODE, LAST_SYNC or QUEUE, {@code descending} to reverse it; the central server's site stays first.
     */
    @GET
    public ListPage<SiteSummary> list(
            @QueryParam("filter") @DefaultValue("") String filter,
            @QueryParam("state") String state,
            @QueryParam("appVersion") @DefaultValue("") String appVersion,
            @QueryParam("sort") @DefaultValue("NAME") String sort,
            @QueryParam("descending") @DefaultValue("false") boolean descending,
            @BeanParam PageRequest page) {
        return sites.list(
                new SiteSelection(filter, siteState(state), appVersion),
                siteOrder(sort),
                descending,
                page.offset(),
                page.limit());
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
     * The site list as CSV, every site the list shows with the same {@code filter}, {@code state} and
     * {@code appVersion}, in its order:
     * one line per site, a header first.
     */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(
            @QueryParam("filter") @DefaultValue("") String filter,
            @QueryParam("state") String state,
            @QueryParam("appVersion") @DefaultValue("") String appVersion) {
        SiteSelection selection = new SiteSelection(filter, siteState(state), appVersion);
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
                List<SiteSummary> page = sites.list(selection, SiteOrder.NAME, false, offset, EXPORT_PAGE)
                        .rows();
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

    static SiteState siteState(String state) {
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

    /** Body: a change set without siteId; its newPassword is the new site's sync password. */
    @POST
    public Response create(SiteChangeSet changes) {
        SiteDetails created = sites.create(new SiteChangeSet(
                null, 0, changes.settings(), changes.newPassword(), changes.storesToAdd(), changes.storesToRemove()));
        return Response.created(URI.create("/api/admin/sites/" + created.id()))
                .entity(created)
                .build();
    }

    /** One site: its details, changes and actions ({@link SiteResource}). */
    @Path("{id}")
    public SiteResource site(@PathParam("id") long id) {
        return new SiteResource(
                id, sites, devices, syncControl, alertMutes, legacyIdentities, resyncs, pushedData, history);
    }
}
