package org.syncsites.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.syncsites.platform.Text;

/**
 * The one owner of the integration state in a site's row: whether what it pushed is being integrated
 * ({@code integration_requested_at}) and its last sign of progress ({@code integration_heartbeat_at}), why the
 * last integration failed ({@code integration_failed_at}, {@code integration_failure}), and how many of its pushed
 * records are set aside ({@code integration_set_aside}). Every method joins its caller's transaction.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class IntegrationProgress {

    private static final String COUNT_SET_ASIDE = "UPDATE site SET integration_set_aside = (SELECT COUNT(*) FROM "
            + "sync_in WHERE site_id = ?1 AND failed_at IS NOT NULL) WHERE id = ?1";

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /** The site's last push arrived: its integration is requested, with no failure so far. */
    public void requested(long siteId) {
        em.createNativeQuery("UPDATE site SET integration_requested_at = ?1, integration_heartbeat_at = ?1, "
                        + "integration_failed_at = NULL, integration_failure = NULL WHERE id = ?2")
                .setParameter(1, now())
                .setParameter(2, siteId)
                .executeUpdate();
    }

    /** The integration goes on: a watchdog does not take it for stalled. */
    public void heartbeat(long siteId) {
        em.createNativeQuery("UPDATE site SET integration_heartbeat_at = ?1 WHERE id = ?2")
                .setParameter(1, now())
                .setParameter(2, siteId)
                .executeUpdate();
    }

    /** Everything that could be integrated was: no integration runs, and none failed. */
    public void finished(long siteId) {
        em.createNativeQuery("UPDATE site SET integration_requested_at = NULL, integration_heartbeat_at = NULL, "
                        + "integration_failed_at = NULL, integration_failure = NULL WHERE id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    /** The integration failed after every redelivery, for {@code why}. */
    public void gaveUp(long siteId, Text why) {
        em.createNativeQuery("UPDATE site SET integration_requested_at = NULL, integration_heartbeat_at = NULL, "
                        + "integration_failed_at = ?1, integration_failure = ?2 WHERE id = ?3")
                .setParameter(1, now())
                .setParameter(2, why.encoded())
                .setParameter(3, siteId)
                .executeUpdate();
    }

    /** The site's count of records set aside is made equal to those in sync_in again. */
    public void recountSetAside(long siteId) {
        em.createNativeQuery(COUNT_SET_ASIDE).setParameter(1, siteId).executeUpdate();
    }

    /** An admin retries every record set aside: none is any more. */
    public void noneSetAside(long siteId) {
        em.createNativeQuery("UPDATE site SET integration_set_aside = 0 WHERE id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    /** {@code count} more records of the site that pushed the record {@code syncInId} are set aside. */
    public void setAside(long syncInId, int count) {
        em.createNativeQuery("UPDATE site SET integration_set_aside = integration_set_aside + ?1 WHERE id = "
                        + "(SELECT site_id FROM sync_in WHERE id = ?2)")
                .setParameter(1, count)
                .setParameter(2, syncInId)
                .executeUpdate();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
