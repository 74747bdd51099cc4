package org.syncsites.sync;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.util.List;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.site.Site;

/**
 * What admins see and do about a site's pushed data that could not be integrated: the failure, the records set
 * aside, and a retry (editors; audited).
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class PushedDataAdministration {

    /** At most this many set-aside records are listed. */
    public static final int LISTED = 50;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private PushIntegration integration;

    @EJB
    private AuditTrail audit;

    /** The site's integration problem, or null when it has none. */
    public Report report(long siteId) {
        site(siteId);
        IntegrationFailure failure = integration.lastFailure(siteId);
        return failure == null ? null : new Report(failure, integration.setAside(siteId, LISTED));
    }

    /** Integrates the site's set-aside records again. @return how many are retried */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public int retry(long siteId) {
        Site site = site(siteId);
        int retried = integration.retry(siteId);
        audit.record(
                AuditTrail.Action.PUSH_INTEGRATION_RETRIED,
                "Site",
                siteId,
                site.label(),
                "setAsideRecords",
                Integer.toString(retried),
                null);
        return retried;
    }

    private Site site(long siteId) {
        Site site = em.find(Site.class, siteId);
        if (site == null) {
            throw new NotFound(Text.of("site.notFound", siteId));
        }
        return site;
    }

    /** The failure and the first {@value #LISTED} records set aside. */
    public record Report(IntegrationFailure failure, List<SetAsideRecord> records) implements Serializable {}
}
