package org.syncsites.siteadmin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.util.List;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.RuleViolation.Problem;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.site.Site;
import org.syncsites.store.StoreDirectory;

/**
 * A network moving from a legacy mSupply central keeps its sites' identities: each site's {@code id} and
 * {@code siteId} as its device knows them ({@code GET /sync/v5/site}), which open-mSupply will not see change
 * ({@code SITE_UUID_IS_BEING_CHANGED}), and by which it finds its own stores ({@code sync_id_remote_site}); the
 * central's own site takes the legacy central's site ID ({@code mSupplyCentralSiteId}). So the devices go on syncing
 * with this server without being initialised again. A legacy site ID is no other site's ID, now or later (new sites
 * are numbered past it). Audited.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class LegacyIdentities {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Resource
    private SessionContext context;

    /** A site's identity as its device knows it. */
    public record Identity(long site, String id, long siteId) implements Serializable {}

    /** Gives the site the identity a legacy central gave it; null for both: its own again. */
    public Identity set(long siteId, String legacyId, Integer legacySiteId) {
        Problem problem = problemWith(em, siteId, legacyId, legacySiteId);
        if (problem != null) {
            throw new RuleViolation(problem.field(), problem.text());
        }
        if (legacySiteId != null) {
            context.getBusinessObject(LegacyIdentities.class).numberNewSitesPast(legacySiteId);
        }
        return assign(siteId, legacyId, legacySiteId);
    }

    /** What is wrong with the identity for the site ({@code siteId} -1: a new site), or null. */
    static Problem problemWith(EntityManager em, long siteId, String legacyId, Integer legacySiteId) {
        String id = legacyId == null || legacyId.isBlank() ? null : legacyId.strip();
        if (id != null && id.length() > 64) {
            return new Problem("id", Text.of("site.legacy.id.length"));
        }
        if (legacySiteId != null) {
            if (legacySiteId < 1) {
                return new Problem("siteId", Text.of("site.legacy.siteId.positive"));
            }
            List<?> taken = em.createNativeQuery(
                            "SELECT name FROM site WHERE (id = ?1 OR legacy_site_id = ?1) AND " + "id <> ?2")
                    .setParameter(1, legacySiteId)
                    .setParameter(2, siteId)
                    .getResultList();
            if (!taken.isEmpty()) {
                return new Problem(
                        "siteId", Text.of("site.legacy.siteId.taken", legacySiteId, String.valueOf(taken.get(0))));
            }
        }
        return null;
    }

    /**
     * Writes the identity, checked by {@link #problemWith}, new sites already numbered past its site ID (the site
     * import numbers them past the highest of its file before it writes any site; see {@link #numberNewSitesPast}).
     */
    public Identity assign(long siteId, String legacyId, Integer legacySiteId) {
        String id = legacyId == null || legacyId.isBlank() ? null : legacyId.strip();
        LockOrder.sites(em, List.of(siteId));
        Site site = em.find(Site.class, siteId);
        if (site == null) {
            throw new NotFound(Text.of("site.notFound", siteId));
        }
        String before = site.protocolId() + " / " + site.protocolSiteId();
        em.createNativeQuery("UPDATE site SET legacy_id = ?1, legacy_site_id = ?2 WHERE id = ?3")
                .setParameter(1, id)
                .setParameter(2, legacySiteId)
                .setParameter(3, siteId)
                .executeUpdate();
        em.refresh(site);
        // its stores' records carry its site ID: every site learns them again
        StoreDirectory.publish(em, "st.site_id = ?2", siteId);
        audit.recordChange(
                AuditTrail.Action.SITE_LEGACY_IDENTITY_SET,
                "Site",
                siteId,
                site.label(),
                "identity",
                before,
                site.protocolId() + " / " + site.protocolSiteId());
        return new Identity(siteId, site.protocolId(), site.protocolSiteId());
    }

    /**
     * New sites are numbered past {@code siteId}, so that none is ever given it as its own ID. On PostgreSQL the
     * identity's sequence is moved on ({@code setval}: no lock on the table, which the caller's transaction reads); on
     * H2 the identity column is restarted, which is DDL that H2 commits at once: hence a transaction of its own.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void numberNewSitesPast(long siteId) {
        long highest = ((Number) em.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM site")
                        .getSingleResult())
                .longValue();
        if (siteId < highest) {
            return; // new sites are numbered past the highest ID already
        }
        if (SqlDialect.of(em) == SqlDialect.POSTGRESQL) {
            em.createNativeQuery("SELECT setval(pg_get_serial_sequence('site', 'id'), ?1)")
                    .setParameter(1, siteId)
                    .getSingleResult();
        } else {
            em.createNativeQuery("ALTER TABLE site ALTER COLUMN id RESTART WITH " + (siteId + 1))
                    .executeUpdate();
        }
    }
}
