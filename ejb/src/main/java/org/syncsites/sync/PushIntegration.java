package org.syncsites.sync;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.syncsites.platform.Columns;
import org.syncsites.platform.Failures;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.Text;
import org.syncsites.platform.Times;
import org.syncsites.platform.WorkMessages;
import org.syncsites.store.StoreRecords;
import org.syncsites.syncqueue.SiteQueue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    static final int CHUNK_SIZE = 2000;
    /** At most this many characters of record data per chunk (one transaction), whatever the record count. */
    static final long CHUNK_BYTES = Long.getLong("syncsites.integration.chunkBytes", 16L * 1024 * 1024);
    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(PushIntegration.class.getName());

    @Inject
    private org.syncsites.platform.Meters meters;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private JMSContext jms;

    @Resource(lookup = QUEUE)
    private Queue queue;

    @Resource
    private SessionContext context;

    /** The site's last push arrived: integrate everything it sent, in the background (caller's transaction). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void start(long siteId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("UPDATE site SET integration_requested_at = ?1, integration_heartbeat_at = ?1, "
                        + "integration_failed_at = NULL, integration_failure = NULL WHERE id = ?2")
                .setParameter(1, now).setParameter(2, siteId).executeUpdate();
        send(siteId);
    }

    /** What went wrong with the site's last integration, or null when nothing did (or it is still running). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public IntegrationFailure lastFailure(long siteId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT integration_failed_at, integration_failure, "
                        + "integration_set_aside FROM site s WHERE s.id = ?1 AND s.integration_requested_at IS NULL")
                .setParameter(1, siteId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        long setAside = ((Number) row[2]).longValue();
        if (row[0] == null && setAside == 0) {
            return null;
        }
        return new IntegrationFailure(Times.ofColumn(row[0]), Text.decode((String) row[1]), setAside);
    }

    /** The records of the site set aside because they could not be integrated (at most {@code limit}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SetAsideRecord> setAside(long siteId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT table_name, record_id, failed_at, failure FROM sync_in "
                        + "WHERE site_id = ?1 AND failed_at IS NOT NULL ORDER BY id")
                .setParameter(1, siteId).setMaxResults(limit).getResultList();
        return rows.stream().map(r -> new SetAsideRecord((String) r[0], (String) r[1], Times.ofColumn(r[2]), (String) r[3]))
                .toList();
    }

    /**
     * An admin asks to integrate the site's set-aside records again (after fixing the cause). @return how many
     * records are retried
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int retry(long siteId) {
        int retried = em.createNativeQuery("UPDATE sync_in SET failed_at = NULL, failure = NULL WHERE site_id = ?1 "
                + "AND failed_at IS NOT NULL").setParameter(1, siteId).executeUpdate();
        em.createNativeQuery("UPDATE site SET integration_set_aside = 0 WHERE id = ?1").setParameter(1, siteId)
                .executeUpdate();
        start(siteId);
        return retried;
    }

    /**
     * Applies the next chunk of the site's received records to the central data and removes them from sync_in.
     * Locks, in {@link LockOrder}: the site (so two deliveries for one site never apply the same records) and the
     * sites that hold the chunk's stores now, then those stores. A record of a store that has moved to another
     * remote site since it was pushed is still integrated (the pushing site held the store when it entered it) and
     * queued for the store's new site, never for the one that pushed it.
     * @return whether more remain
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean integrateNextChunk(long siteId) {
        return integrate(siteId, CHUNK_SIZE);
    }

    /**
     * After a chunk failed: applies the next {@code count} records one at a time, each in its own transaction,
     * setting aside (with the reason) each one that fails, so that one bad record holds back nothing else.
     * @return whether more remain
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean integrateOneByOne(long siteId, int count) {
        PushIntegration self = context.getBusinessObject(PushIntegration.class);
        for (int i = 0; i < count; i++) {
            Long next = self.nextPending(siteId);
            if (next == null) {
                break;
            }
            try {
                self.integrateSingle(siteId);
            } catch (StoreMovedMeanwhile e) {
                throw e; // not the record's fault: the broker delivers again
            } catch (RuntimeException e) {
                self.setAside(next, Failures.rootMessage(e));
            }
        }
        return self.finishIfDone(siteId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Long nextPending(long siteId) {
        List<?> next = em.createNativeQuery("SELECT id FROM sync_in WHERE site_id = ?1 AND failed_at IS NULL ORDER BY id")
                .setParameter(1, siteId).setMaxResults(1).getResultList();
        return next.isEmpty() ? null : ((Number) next.get(0)).longValue();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void integrateSingle(long siteId) {
        integrate(siteId, 1);
    }

    /** Finishes the integration when nothing is pending any more. @return whether more remain */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean finishIfDone(long siteId) {
        boolean more = nextPending(siteId) != null || integrate(siteId, 0);
        if (!more) {
            meters.pushIntegration("completed");
        }
        return more;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void setAside(long syncInId, String reason) {
        LOG.warning(() -> "A pushed record (sync_in " + syncInId + ") could not be integrated and is set aside: " + reason);
        int setAside = em.createNativeQuery("UPDATE sync_in SET failed_at = ?1, failure = ?2 WHERE id = ?3")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC)).setParameter(2, Columns.clip(reason, 1000))
                .setParameter(3, syncInId).executeUpdate();
        em.createNativeQuery("UPDATE site SET integration_set_aside = integration_set_aside + ?1 WHERE id = "
                + "(SELECT site_id FROM sync_in WHERE id = ?2)").setParameter(1, setAside).setParameter(2, syncInId)
                .executeUpdate();
    }

    private boolean integrate(long siteId, int atMost) {
        String pending = "FROM sync_in WHERE site_id = ?1 AND failed_at IS NULL ORDER BY id";
        int limit = withinByteBudget(siteId, atMost, pending);
        @SuppressWarnings("unchecked")
        List<Object[]> peek = limit == 0 ? List.of() : em.createNativeQuery("SELECT DISTINCT st.id, st.site_id FROM "
                        + "(SELECT store_id " + pending + " LIMIT " + limit + ") i JOIN store st ON st.id = i.store_id")
                .setParameter(1, siteId).getResultList();
        Set<Long> sites = new HashSet<>();
        sites.add(siteId);
        peek.forEach(row -> sites.add(((Number) row[1]).longValue()));
        LockOrder.sites(em, sites);
        if (em.createNativeQuery("SELECT id FROM site WHERE id = ?1").setParameter(1, siteId).getResultList().isEmpty()) {
            return false; // the site was deleted meanwhile (its received records went with it)
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = limit == 0 ? List.of() : em.createNativeQuery("SELECT id, store_id, table_name, record_id, "
                        // locked: a re-sent record waits, then arrives as a new row for the next chunk
                        + "deleted, data " + pending + " FOR UPDATE")
                .setParameter(1, siteId).setMaxResults(limit).getResultList();
        Map<Long, Long> holderOfStore = new HashMap<>();
        for (Object[] row : rows) {
            long storeId = ((Number) row[1]).longValue();
            if (!holderOfStore.containsKey(storeId)) {
                Number holder = (Number) em.createNativeQuery("SELECT site_id FROM store WHERE id = ?1 FOR UPDATE")
                        .setParameter(1, storeId).getSingleResult();
                if (!sites.contains(holder.longValue())) {
                    // moved between the look and the locks: roll back, the broker delivers again
                    throw new StoreMovedMeanwhile(storeId);
                }
                holderOfStore.put(storeId, holder.longValue());
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Object[] row : rows) {
            long storeId = ((Number) row[1]).longValue();
            String table = (String) row[2];
            String recordId = (String) row[3];
            if (Boolean.TRUE.equals(row[4])) {
                StoreRecords.markDeleted(em, table, recordId, now);
            } else {
                StoreRecords.write(em, storeId, table, recordId, (String) row[5], now);
            }
            long holder = holderOfStore.get(storeId);
            if (holder != siteId && !isCentral(holder)) {
                SiteQueue.queue(em, holder, SiteQueue.FROM_STORE_DATA, "store_record",
                        "r.table_name = ?3 AND r.record_id = ?4", table, recordId);
            }
        }
        if (!rows.isEmpty()) {
            // exactly the rows applied: a push committing meanwhile may add rows with lower IDs
            em.createNativeQuery("DELETE FROM sync_in WHERE id IN (" + rows.stream()
                    .map(row -> Long.toString(((Number) row[0]).longValue()))
                    .collect(java.util.stream.Collectors.joining(",")) + ")").executeUpdate();
        }
        boolean more = limit > 0 && rows.size() == limit;
        if (more) {
            em.createNativeQuery("UPDATE site SET integration_heartbeat_at = ?1 WHERE id = ?2")
                    .setParameter(1, now).setParameter(2, siteId).executeUpdate();
        } else if (limit != 1) {
            // done: records set aside on the way are reported to the site and to admins
            // (those of this run only: the site is told once; admins see every record set aside until retried)
            Number setAside = (Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_in i JOIN site s ON s.id = i.site_id "
                    + "WHERE i.site_id = ?1 AND i.failed_at >= s.integration_requested_at").setParameter(1, siteId)
                    .getSingleResult();
            String failure = setAside.longValue() == 0 ? null
                    : Text.of("sync.integration.setAside", setAside.longValue()).encoded();
            if (failure == null) {
                em.createNativeQuery("UPDATE site SET integration_requested_at = NULL, integration_heartbeat_at = NULL, "
                        + "integration_failed_at = NULL, integration_failure = NULL WHERE id = ?1")
                        .setParameter(1, siteId).executeUpdate();
            } else {
                em.createNativeQuery("UPDATE site SET integration_requested_at = NULL, integration_heartbeat_at = NULL, "
                                + "integration_failed_at = ?2, integration_failure = ?3 WHERE id = ?1")
                        .setParameter(1, siteId).setParameter(2, now).setParameter(3, failure).executeUpdate();
            }
        }
        return more;
    }

    /**
     * How many of the next {@code atMost} pending records fit in {@link #CHUNK_BYTES} characters of data (at least
     * one): a chunk is sized by what it holds, so 2,000 records of 1 MB never meet in one transaction.
     */
    private int withinByteBudget(long siteId, int atMost, String pending) {
        if (atMost <= 1) {
            return atMost;
        }
        @SuppressWarnings("unchecked")
        List<Number> sizes = em.createNativeQuery("SELECT COALESCE(LENGTH(data), 0) " + pending)
                .setParameter(1, siteId).setMaxResults(atMost).getResultList();
        long total = 0;
        for (int i = 0; i < sizes.size(); i++) {
            total += sizes.get(i).longValue();
            if (total > CHUNK_BYTES && i > 0) {
                return i;
            }
        }
        return atMost;
    }

    private boolean isCentral(long siteId) {
        return Boolean.TRUE.equals(em.createNativeQuery("SELECT central FROM site WHERE id = ?1").setParameter(1, siteId)
                .getSingleResult());
    }

    /** Puts (back) a message for the site's integration on the queue. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void send(long siteId) {
        WorkMessages.send(jms, queue, siteId);
    }

    /**
     * Integration failed after every redelivery: it is no longer reported in progress but failed, to the site
     * (site_status) and to admins (site window, site list); what was received stays kept for a retry.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void giveUp(long siteId) {
        LOG.severe(() -> "Integration of what site " + siteId + " pushed failed after every redelivery. The "
                + "records stay in sync_in; the site's next push or an admin's retry tries them again.");
        em.createNativeQuery("UPDATE site SET integration_requested_at = NULL, integration_heartbeat_at = NULL, "
                        + "integration_failed_at = ?1, integration_failure = ?2 WHERE id = ?3")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, Text.of("sync.integration.gaveUp").encoded())
                .setParameter(3, siteId).executeUpdate();
        meters.pushIntegration("failed");
    }

    /** A store of the chunk moved between the look at its site and the lock: the chunk is tried again. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class StoreMovedMeanwhile extends RuntimeException {
        StoreMovedMeanwhile(long storeId) {
            super("Store " + storeId + " moved to another site during integration; trying again");
        }
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
