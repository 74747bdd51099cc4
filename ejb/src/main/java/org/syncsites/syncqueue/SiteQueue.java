package org.syncsites.syncqueue;

import jakarta.persistence.EntityManager;
import org.syncsites.platform.SqlDialect;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The sites' outgoing queues (table {@code sync_out}), set-based: each entry names a record to send to a site,
 * whose current content is read when the site pulls; a record is queued at most once per site (unique
 * constraint). Adding and taking entries happens in the caller's transaction, with the queue length kept
 * ({@link SyncQueueLength}); the caller holds the site's row lock ({@code LockOrder}), so that the store cannot
 * move meanwhile. No entity maps the table: nothing reads an entry as an object.
 */
public final class SiteQueue {

    /** {@code sync_out.source}: the queued record lives in {@code store_record}. */
    public static final String FROM_STORE_DATA = "store";
    /** {@code sync_out.source}: the queued record lives in {@code master_record}. */
    public static final String FROM_MASTER_DATA = "master";

    private SiteQueue() {
    }

    /**
     * The store left the site: whatever of it still waits in the site's queue is dropped, so the site is never
     * sent another record of that store. @return how many entries were dropped
     */
    public static int forgetStore(EntityManager em, long siteId, long storeId) {
        int removed = em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1 AND store_id = ?2")
                .setParameter(1, siteId).setParameter(2, storeId).executeUpdate();
        SyncQueueLength.add(em, siteId, -removed);
        return removed;
    }

    /** The site is deleted: its whole queue goes with it. */
    public static void forgetSite(EntityManager em, long siteId) {
        em.createNativeQuery("DELETE FROM sync_out WHERE site_id = ?1").setParameter(1, siteId).executeUpdate();
    }

    /** How many records of the store wait in the site's queue. */
    public static long waiting(EntityManager em, long siteId, long storeId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_out WHERE site_id = ?1 AND store_id = ?2")
                .setParameter(1, siteId).setParameter(2, storeId).getSingleResult()).longValue();
    }

    /**
     * Queues for the site the records of {@code table} ({@code store_record} or {@code master_record}) that
     * {@code where} selects (a condition on alias {@code r}, with its parameters from ?3 on), unless they are
     * queued for it already. @return how many were queued
     */
    public static int queue(EntityManager em, long siteId, String source, String table, String where,
                            Object... parameters) {
        var insert = em.createNativeQuery(SqlDialect.of(em).skippingQueuedRecords("INSERT INTO sync_out (site_id, "
                        + "source, table_name, record_id, store_id, queued_at) SELECT ?1, '" + source + "', "
                        + "r.table_name, r.record_id, r.store_id, ?2 FROM " + table + " r WHERE " + where))
                .setParameter(1, siteId).setParameter(2, OffsetDateTime.now(ZoneOffset.UTC));
        for (int i = 0; i < parameters.length; i++) {
            insert.setParameter(i + 3, parameters[i]);
        }
        int queued = insert.executeUpdate();
        SyncQueueLength.add(em, siteId, queued);
        return queued;
    }
}
