package org.syncsites.resync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.Meters;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Text;
import org.syncsites.syncqueue.SiteQueue;

/**
 * Queues a store's records for a site, one chunk per call, set-based: one {@code INSERT ... SELECT} per chunk,
 * never an entity per record.
 * <p>
 * Exactly once: the job row is locked for the chunk, the chunk's queue entries and the job's cursor are
 * written in the same transaction, and the queue's unique constraint refuses a record queued twice for a site.
 * When the site's queue held none of the store's data as the job started, chunks are plain inserts (the fast
 * path); otherwise, and whenever a chunk is retried, they skip the records already queued. A redelivered or duplicate message, a second request while one runs, or
 * a job resumed after a crash therefore never queues a record twice, and never skips one.
 */
@Stateless
@PermitAll
public class ResyncWorker {

    /** Records per chunk (per transaction). */
    public static final int CHUNK_SIZE = Integer.getInteger("syncsites.resync.chunkSize", 20_000);

    @Inject
    private Meters meters;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /**
     * Queues the job's next chunk, in a transaction of its own: a failed chunk is rolled back (and its lock on
     * the job released) before the caller notes the failure.
     *
     * @param retry whether an earlier attempt at this chunk failed: then records already queued are skipped
     *              whatever the job found when it started
     * @return whether work remains after this chunk
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean queueNextChunk(long jobId, int chunkSize, boolean retry) {
        ResyncJob unlocked = em.find(ResyncJob.class, jobId);
        if (unlocked == null || unlocked.getState().finished()) {
            return false;
        }
        // the site first, then the job: the order a store move takes them in (LockOrder), which cancels the job
        LockOrder.sites(em, List.of(unlocked.getSiteId()));
        // what the site acknowledged goes first: an acknowledged entry must not keep a record from being queued again
        SiteQueue.reclaim(em, unlocked.getSiteId());
        em.refresh(unlocked, LockModeType.PESSIMISTIC_WRITE);
        ResyncJob job = unlocked;
        if (job.getState().finished()) {
            return false;
        }
        Instant now = Instant.now();
        if (job.start(now)) {
            job.targetHadStoreData(!em.createNativeQuery("SELECT 1 FROM sync_out WHERE site_id = ?1 AND store_id = ?2")
                    .setParameter(1, job.getSiteId())
                    .setParameter(2, job.getStoreId())
                    .setMaxResults(1)
                    .getResultList()
                    .isEmpty());
        }
        Source source = Source.of(job.getPhase());
        // ordered by the index's own columns: H2 reads an index in order, and stops at the limit, only when told so
        Object[] chunk = (Object[]) em.createNativeQuery("SELECT MAX(c.id), COUNT(*) FROM (SELECT r.id FROM "
                        + source.table + " r WHERE r.store_id = ?1 AND r.id > ?2 ORDER BY r.store_id, r.id LIMIT ?3) c")
                .setParameter(1, job.getStoreId())
                .setParameter(2, job.getCursorId())
                .setParameter(3, chunkSize)
                .getSingleResult();
        long count = ((Number) chunk[1]).longValue();
        if (count == 0) {
            job.nextPhase(now);
            if (job.getState().finished()) {
                // the patients the store sees come with it, and with their data (docs/open-msupply-data.md), queued
                // again as they are now: an entry of theirs that the site pulled while no store of it saw them (so
                // that no edit since was queued for it) must not keep those edits from it once acknowledged
                SiteQueue.queue(
                        em,
                        job.getSiteId(),
                        SiteQueue.FROM_SHARED_DATA,
                        "shared_record",
                        "r.patient_id IN (SELECT v.patient_id FROM patient_visibility v WHERE v.store_id = ?3)",
                        job.getStoreId());
                meters.resyncJob("completed");
                // the queue just grew by a store: let the planner know before the site pulls it
                em.createNativeQuery(SqlDialect.of(em).refreshStatistics("sync_out"))
                        .executeUpdate();
                return false;
            }
            return true;
        }
        long lastId = ((Number) chunk[0]).longValue();
        int queued = SiteQueue.queueReclaimed(
                em,
                job.getSiteId(),
                source.name,
                source.table,
                retry || job.mustSkipQueuedRecords(),
                "r.store_id = ?3 AND r.id > ?4 AND r.id <= ?5",
                job.getStoreId(),
                job.getCursorId(),
                lastId);
        meters.resyncRecordsQueued(queued);
        job.advance(lastId, count, queued, now);
        return true;
    }

    /** Notes a failed attempt (in its own transaction, as the attempt's is rolled back). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(long jobId, Text message, boolean finalFailure) {
        ResyncJob job = em.find(ResyncJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && !job.getState().finished()) {
            job.failed(message, Instant.now(), finalFailure);
            if (finalFailure) {
                meters.resyncJob("failed");
            }
        }
    }

    /** Where each phase reads its records. */
    private enum Source {
        STORE("store_record", SiteQueue.FROM_STORE_DATA),
        MASTER("master_record", SiteQueue.FROM_MASTER_DATA);

        final String table;
        final String name;

        Source(String table, String name) {
            this.table = table;
            this.name = name;
        }

        static Source of(ResyncPhase phase) {
            return phase == ResyncPhase.STORE_RECORDS ? STORE : MASTER;
        }
    }
}
