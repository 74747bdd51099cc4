package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.resync.InitialisationPreview;
import org.syncsites.siteadmin.SiteSyncControl;

/**
 * What a site downloads when its device initialises ({@code GET /api/admin/sites/{id}/initialisation-preview}), or,
 * with {@code addingStores} (repeated), what adding those stores makes it download: records and bytes per store and
 * table, the patients, the central data, and the time at 2G, 3G and {@code kbps} (a link of the admin's choosing).
 */
@Path("/admin/sites/{id}/initialisation-preview")
@Produces(MediaType.APPLICATION_JSON)
public class InitialisationPreviewResource {

    /** The fastest link a preview is timed on: 10 Gbit/s. */
    private static final int MOST_KBPS = 10_000_000;

    @EJB
    private SiteSyncControl syncControl;

    @GET
    public InitialisationPreview.Preview preview(
            @PathParam("id") long siteId,
            @QueryParam("addingStores") List<Long> addingStores,
            @QueryParam("kbps") @DefaultValue("0") int kbps) {
        if (kbps < 0 || kbps > MOST_KBPS) {
            throw new RuleViolation("kbps", Text.of("preview.kbps.range", MOST_KBPS));
        }
        return syncControl.initialisationPreview(siteId, addingStores == null ? List.of() : addingStores, kbps);
    }
}
