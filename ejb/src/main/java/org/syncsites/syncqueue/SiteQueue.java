package org.syncsites.syncqueue;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Times;
import org.syncsites.syncv5.SyncRecord;

/**
 * The sites' outgoing queues (table {@code sync_out}), set-based: each entry names a record to send to a site (by table
 * and record ID, and by its row's key in {@code store_record} or {@code master_record}), whose current content is read
 * when the site pulls; a record is queued at most once per site (unique constraint). A queue is its entries from the
 * site's {@code queue_start} on (view {@code sync_queue}): what the site acknowledged lies before it until
 * {@link #reclaim} deletes it. Adding and taking entries happens in the caller's transaction, with the queue length
 * kept ({@link QueueCounters}); the caller holds the site's row lock ({@code LockOrder}), so that the store cannot
 * move meanwhile. No entity maps the table: nothing reads an entry as an object.
 */
public final class SiteQueue {

    /** {@code sync_out.source}: the queued record lives in {@code store_record}. */
    public static final String FROM_STORE_DATA = "store";
    /** {@code sync_out.source}: the queued record lives in {@code master_record}. */
    public static final String FROM_MASTER_DATA = "master";
    /** {@code sync_out.source}: the queued record lives in {@code shared_record} (a patient's data: no store). */
    public static final String FROM_SHARED_DATA = "shared";

    private SiteQueue() {}

    /**
     * The store left the site: whatever of it still waits in the site's queue is dropped, so the site is never
     * sent another record of that store. @return how many entries were dropped
     */
    public static int forgetStore(EntityManager em, long siteId, long storeId) {
        reclaim(em, siteId);
        int removed = em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1 AND store_id = ?2")
                .setParameter(1, siteId)
                .setParameter(2, storeId)
                .executeUpdate();
        QueueCounters.add(em, siteId, -removed);
        return removed;
    }

    /**
     * The site's first {@code limit} entries, in queue order, with their records' current content (a record flagged
     * deleted, or not found, as a delete). One range scan of the site's queue from where it starts ({@code start}, the
     * site's {@code queue_start}: past the entries acknowledged before, which are not read again), and each record read
     * by its key: a plan that stays the same at any size (a join let PostgreSQL switch to hashing the whole record
     * table). Read with JDBC itself: thousands of rows of text go straight into records. Ordered by site and ID, the
     * index's own order: H2 only reads the index in order (and stops after {@code limit} rows) when the ORDER BY names
     * its columns.
     */
    public static List<SyncRecord> first(EntityManager em, long siteId, long start, int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement read = connection.prepareStatement("SELECT q.id, q.table_name, q.record_id, "
                    + "CASE WHEN q.source = '" + FROM_STORE_DATA + "' THEN (SELECT CASE WHEN s.deleted THEN NULL "
                    + "ELSE s.data END FROM store_record s WHERE s.id = q.record_ref) WHEN q.source = '"
                    + FROM_MASTER_DATA
                    + "' THEN (SELECT CASE WHEN m.deleted THEN NULL ELSE m.data END FROM master_record m WHERE m.id = "
                    + "q.record_ref) ELSE (SELECT CASE WHEN p.deleted THEN NULL ELSE p.data END FROM shared_record p "
                    + "WHERE p.id = q.record_ref) END "
                    + "FROM sync_out q WHERE q.site_id = ? AND q.id >= ? ORDER BY q.site_id, q.id LIMIT ?")) {
                read.setLong(1, siteId);
                read.setLong(2, start);
                read.setInt(3, limit);
                read.setFetchSize(limit);
                List<SyncRecord> entries = new ArrayList<>(Math.min(limit, 5000));
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        String data = rows.getString(4);
                        entries.add(SyncRecord.of(
                                rows.getLong(1), rows.getString(2), rows.getString(3), data == null, data));
                    }
                }
                return entries;
            }
        });
    }

    /**
     * Removes exactly these entries of the site's queue (IDs of other sites' entries, of entries acknowledged
     * before, or of none, are passed over). Locks the site's row first, reading its queue's start (as {@code LockOrder}
     * has it: a store move that drops entries of this queue locks it too, and new entries wait meanwhile); the caller
     * holds no other row lock. @return how many were removed
     * <p>
     * A site acknowledges what it pulled, which is a run of its queue's first entries: then the queue's start moves
     * past them ({@code site.queue_start}: one row updated), and they stay in the table, never read again, until
     * {@link #reclaim} deletes them in bulk. That is when every entry of the site from the start up to the highest
     * acknowledged ID is acknowledged (read and compared first); the start moves to just past the last of those
     * entries, never past an ID the site merely named, so that no entry queued later can fall behind it (entries are
     * added under the same lock with IDs from an ascending sequence). Anything else (a partial or out-of-order
     * acknowledgement) deletes the IDs themselves.
     */
    public static int remove(EntityManager em, long siteId, Set<Long> entryIds) {
        long start = LockOrder.siteReadingQueueStart(em, siteId);
        long highest = Collections.max(entryIds);
        @SuppressWarnings("unchecked")
        List<Number> waiting = em.createNativeQuery("SELECT id FROM sync_out WHERE site_id = ?1 AND id >= ?2 "
                        + "AND id <= ?3 ORDER BY site_id, id")
                .setParameter(1, siteId)
                .setParameter(2, start)
                .setParameter(3, highest)
                .setMaxResults(entryIds.size() + 1)
                .getResultList();
        boolean firstEntries =
                waiting.size() <= entryIds.size() && waiting.stream().allMatch(id -> entryIds.contains(id.longValue()));
        if (firstEntries) {
            int removed = waiting.size();
            if (removed > 0) {
                // past the start read under the lock above: it only moves forward
                QueueCounters.addMovingStart(
                        em, siteId, -removed, waiting.get(removed - 1).longValue() + 1);
            }
            return removed;
        }
        // the IDs are numbers, written into the statement: one plan per batch size instead of binding thousands
        int removed = em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1 AND id >= ?2 AND id IN ("
                        + entryIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
                .setParameter(1, siteId)
                .setParameter(2, start)
                .executeUpdate();
        QueueCounters.add(em, siteId, -removed);
        return removed;
    }

    /**
     * Deletes every entry the site acknowledged (those before its queue's start); the caller holds the site's row
     * lock. Called before anything adds to or drops from the site's queue, so that an acknowledged entry never stands
     * in the way of a record queued again (a record is queued at most once per site).
     */
    public static void reclaim(EntityManager em, long siteId) {
        long[] acknowledged = acknowledged(em, siteId);
        if (acknowledged != null) {
            deleteBetween(em, siteId, acknowledged[0], acknowledged[1]);
            QueueCounters.reclaimedUpTo(em, siteId, acknowledged[1]);
        }
    }

    /**
     * Deletes the oldest {@code limit} or so of the entries the site acknowledged, without its row lock (nobody reads
     * or adds entries before a queue's start, and {@link #reclaim} deleting the same ones at once only waits for
     * them): {@link QueueReclaim}'s work, which a site's pulls and acknowledgements never wait for. Note the returned
     * ID with {@link QueueCounters#reclaimedUpTo} in a transaction of its own: the site's row lock taken after these rows' locks
     * could deadlock with a {@link #reclaim} that takes them the other way round.
     * @return the ID before which the site's acknowledged entries are now deleted, or -1 when there were none
     */
    public static long reclaimSome(EntityManager em, long siteId, int limit) {
        long[] acknowledged = acknowledged(em, siteId);
        if (acknowledged == null) {
            return -1;
        }
        long upTo = acknowledged[1];
        List<?> beyond = em.createNativeQuery(
                        "SELECT id FROM sync_out WHERE site_id = ?1 AND id >= ?2 AND id < ?3 " + "ORDER BY site_id, id")
                .setParameter(1, siteId)
                .setParameter(2, acknowledged[0])
                .setParameter(3, upTo)
                .setFirstResult(limit)
                .setMaxResults(1)
                .getResultList();
        if (!beyond.isEmpty()) {
            upTo = ((Number) beyond.get(0)).longValue();
        }
        deleteBetween(em, siteId, acknowledged[0], upTo);
        return upTo;
    }

    /** From where to where the site's acknowledged entries may still be in the table; null: none are. */
    private static long[] acknowledged(EntityManager em, long siteId) {
        List<?> found = em.createNativeQuery("SELECT queue_reclaimed, queue_start FROM site WHERE id = ?1")
                .setParameter(1, siteId)
                .getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) found.get(0);
        long from = ((Number) row[0]).longValue();
        long to = ((Number) row[1]).longValue();
        return to > from ? new long[] {from, to} : null;
    }

    private static void deleteBetween(EntityManager em, long siteId, long from, long to) {
        em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1 AND id >= ?2 AND id < ?3")
                .setParameter(1, siteId)
                .setParameter(2, from)
                .setParameter(3, to)
                .executeUpdate();
    }

    /** The site is deleted: its whole queue goes with it. */
    public static void forgetSite(EntityManager em, long siteId) {
        em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    /**
     * The site's queue is started over (a re-initialised site): every entry goes, and its length is 0.
     * @return how many entries were dropped
     */
    public static int clear(EntityManager em, long siteId) {
        int removed = em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
        QueueCounters.cleared(em, siteId);
        return removed;
    }

    /**
     * What waits in the site's queue, counted per store and table, with the oldest entry's time; the largest groups
     * first. Counts every entry: ask for it when a person wants to see it, not on every page.
     */
    public static List<QueuedGroup> contents(EntityManager em, long siteId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT st.code, st.name, q.table_name, COUNT(*), MIN(q.queued_at) "
                        + "FROM sync_queue q LEFT JOIN store st ON st.id = q.store_id WHERE q.site_id = ?1 "
                        + "GROUP BY st.code, st.name, q.table_name ORDER BY COUNT(*) DESC, st.code, q.table_name")
                .setParameter(1, siteId)
                .getResultList();
        List<QueuedGroup> groups = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            groups.add(new QueuedGroup(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    ((Number) row[3]).longValue(),
                    Times.ofColumn(row[4])));
        }
        return groups;
    }

    /** How many records of the store wait in the site's queue. */
    public static long waiting(EntityManager em, long siteId, long storeId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?1 AND store_id = ?2")
                        .setParameter(1, siteId)
                        .setParameter(2, storeId)
                        .getSingleResult())
                .longValue();
    }

    /**
     * Queues for the site the records of {@code table} ({@code store_record}, {@code master_record} or
     * {@code shared_record}, as {@code source} says) that
     * {@code where} selects (a condition on alias {@code r}, with its parameters from ?3 on), unless they are
     * queued for it already; the caller holds the site's row lock. @return how many were queued
     */
    public static int queue(
            EntityManager em, long siteId, String source, String table, String where, Object... parameters) {
        reclaim(em, siteId);
        return insert(
                em,
                siteId,
                source,
                table,
                FROM_SHARED_DATA.equals(source) ? "CAST(NULL AS BIGINT)" : "r.store_id",
                Waiting.REPLACED,
                where,
                parameters);
    }

    /**
     * {@link #queue}, for a caller that has already {@link #reclaim reclaimed} the site's acknowledged entries under
     * the same lock (a resync, chunk by chunk). With {@code mayBeQueued} false none of these records can be in the
     * site's queue yet (a store new to the site, in a first attempt): they are inserted without looking, the fast way.
     */
    public static int queueReclaimed(
            EntityManager em,
            long siteId,
            String source,
            String table,
            boolean mayBeQueued,
            String where,
            Object... parameters) {
        return insert(
                em,
                siteId,
                source,
                table,
                FROM_SHARED_DATA.equals(source) ? "CAST(NULL AS BIGINT)" : "r.store_id",
                mayBeQueued ? Waiting.KEPT : Waiting.NONE,
                where,
                parameters);
    }

    /** What becomes of an entry of the same record already waiting in the site's queue. */
    private enum Waiting {
        /** None can be there: inserted without looking. */
        NONE,
        /** It stays, and the record is not queued again: the same content (a resync asked again). */
        KEPT,
        /**
         * It goes, and the record is queued again at the end: a new version of the record, which an entry pulled
         * already, with the content the record had then, must not keep from the site once that pull is acknowledged.
         */
        REPLACED
    }

    /**
     * {@link #queue}, the entries counted as the store {@code forStore}'s rather than as their records' own stores':
     * the site receives them for that store (a transfer or a message to it, sent to its site), so they go with it
     * when it leaves the site ({@link #forgetStore}).
     */
    public static int queueFor(
            EntityManager em,
            long siteId,
            long forStore,
            String source,
            String table,
            String where,
            Object... parameters) {
        reclaim(em, siteId);
        return insert(
                em, siteId, source, table, "CAST(" + forStore + " AS BIGINT)", Waiting.REPLACED, where, parameters);
    }

    private static int insert(
            EntityManager em,
            long siteId,
            String source,
            String table,
            String store,
            Waiting waiting,
            String where,
            Object... parameters) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (waiting == Waiting.REPLACED) {
            // an entry of the record still waiting may have been pulled already, with the content the record had then,
            // and its acknowledgement would end it: it goes, and the record is queued again at the end, to be sent as
            // it is now (the caller reclaimed what was acknowledged, under the site's row lock)
            var replaced = em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1 AND queued_at <= ?2 AND "
                            + "(table_name, record_id) IN (SELECT r.table_name, r.record_id FROM " + table + " r WHERE "
                            + where + ")")
                    .setParameter(1, siteId)
                    .setParameter(2, now);
            for (int i = 0; i < parameters.length; i++) {
                replaced.setParameter(i + 3, parameters[i]);
            }
            QueueCounters.add(em, siteId, -replaced.executeUpdate());
        }
        String insert =
                "INSERT INTO sync_out (site_id, source, table_name, record_id, record_ref, store_id, queued_at) "
                        + "SELECT ?1, '" + source + "', r.table_name, r.record_id, r.id, " + store + ", ?2 FROM "
                        + table + " r "
                        + "WHERE " + where;
        var statement = em.createNativeQuery(
                        waiting == Waiting.NONE ? insert : SqlDialect.of(em).skippingQueuedRecords(insert))
                .setParameter(1, siteId)
                .setParameter(2, now);
        for (int i = 0; i < parameters.length; i++) {
            statement.setParameter(i + 3, parameters[i]);
        }
        int queued = statement.executeUpdate();
        QueueCounters.add(em, siteId, queued);
        return queued;
    }
}
