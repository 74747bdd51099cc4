package org.syncsites.sync;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.syncsites.store.StoreRecords;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

/**
 * Integrates what a remote site pushed (kept in sync_in as it arrived) into the central data, after the site's
 * last push request: one chunk per JMS message, each chunk in its own transaction together with the message for
 * the next one, so a crash loses nothing and applies nothing twice (a chunk removes what it applied). Every node
 * resumes integrations whose heartbeat went stale (their node died with the message).
 */
@Stateless
@PermitAll
public class PushIntegration {

    /** JNDI name of the queue that carries integration work (see wildfly-config/cli/messaging.cli). */
    public static final String QUEUE = "java:/jms/queue/syncsites/PushIntegration";
    /** Marks integration messages, so that the dead-letter consumer tells them from resync messages. */
    public static final String MESSAGE_KIND = "syncsitesKind";
    public static final String KIND = "push-integration";

    static final int CHUNK_SIZE = 2000;
    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(PushIntegration.class.getName());

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private JMSContext jms;

    @Resource(lookup = QUEUE)
    private Queue queue;

    /** The site's last push arrived: integrate everything it sent, in the background (caller's transaction). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void start(long siteId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("UPDATE site SET integration_requested_at = ?1, integration_heartbeat_at = ?1 WHERE id = ?2")
                .setParameter(1, now).setParameter(2, siteId).executeUpdate();
        send(siteId);
    }

    /** Whether what the site pushed is still being integrated. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean inProgress(long siteId) {
        return !em.createNativeQuery("SELECT id FROM site WHERE id = ?1 AND integration_requested_at IS NOT NULL")
                .setParameter(1, siteId).getResultList().isEmpty();
    }

    /**
     * Applies the next chunk of the site's received records to the central data and removes them from sync_in.
     * The site's row is locked meanwhile, so two deliveries for one site never apply the same records.
     * @return whether more remain
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean integrateNextChunk(long siteId) {
        if (em.createNativeQuery("SELECT id FROM site WHERE id = ?1 FOR UPDATE").setParameter(1, siteId)
                .getResultList().isEmpty()) {
            return false; // the site was deleted meanwhile (its received records went with it)
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, store_id, table_name, record_id, deleted, data "
                        // locked: a re-sent record waits, then arrives as a new row for the next chunk
                        + "FROM sync_in WHERE site_id = ?1 ORDER BY id FOR UPDATE")
                .setParameter(1, siteId).setMaxResults(CHUNK_SIZE).getResultList();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Object[] row : rows) {
            if (Boolean.TRUE.equals(row[4])) {
                StoreRecords.markDeleted(em, (String) row[2], (String) row[3], now);
            } else {
                StoreRecords.write(em, ((Number) row[1]).longValue(), (String) row[2], (String) row[3],
                        (String) row[5], now);
            }
        }
        if (!rows.isEmpty()) {
            // exactly the rows applied: a push committing meanwhile may add rows with lower IDs
            em.createNativeQuery("DELETE FROM sync_in WHERE id IN (" + rows.stream()
                    .map(row -> Long.toString(((Number) row[0]).longValue()))
                    .collect(java.util.stream.Collectors.joining(",")) + ")").executeUpdate();
        }
        boolean more = rows.size() == CHUNK_SIZE;
        if (more) {
            em.createNativeQuery("UPDATE site SET integration_heartbeat_at = ?1 WHERE id = ?2")
                    .setParameter(1, now).setParameter(2, siteId).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE site SET integration_requested_at = NULL, integration_heartbeat_at = NULL "
                    + "WHERE id = ?1").setParameter(1, siteId).executeUpdate();
        }
        return more;
    }

    /** Puts (back) a message for the site's integration on the queue. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void send(long siteId) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty(MESSAGE_KIND, KIND)
                .send(queue, Long.toString(siteId));
    }

    /** Integration failed after every redelivery: stop reporting it in progress; what was received stays kept. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void giveUp(long siteId) {
        LOG.severe(() -> "Integration of what site " + siteId + " pushed failed after every redelivery. The "
                + "records stay in sync_in; the site's next push retries them.");
        em.createNativeQuery("UPDATE site SET integration_requested_at = NULL, integration_heartbeat_at = NULL "
                + "WHERE id = ?1").setParameter(1, siteId).executeUpdate();
    }

    /** Resumes integrations without progress for {@link #STALE_AFTER} (their message died with a node). */
    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false, info = "push integration watchdog")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void resumeStale() {
        OffsetDateTime staleBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(STALE_AFTER);
        @SuppressWarnings("unchecked")
        List<Number> stale = em.createNativeQuery("SELECT id FROM site WHERE integration_requested_at IS NOT NULL "
                + "AND integration_heartbeat_at < ?1").setParameter(1, staleBefore).getResultList();
        for (Number siteId : stale) {
            LOG.info(() -> "Resuming the stalled integration of site " + siteId);
            em.createNativeQuery("UPDATE site SET integration_heartbeat_at = ?1 WHERE id = ?2")
                    .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC)).setParameter(2, siteId.longValue())
                    .executeUpdate();
            send(siteId.longValue());
        }
    }
}
