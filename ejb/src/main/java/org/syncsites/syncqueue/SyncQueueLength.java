package org.syncsites.syncqueue;

import jakarta.persistence.EntityManager;

/**
 * The one place that keeps {@code site.queue_length} equal to the number of the site's entries in sync_out: every
 * insert into or delete from a site's queue calls {@link #add} in the same transaction.
 */
public final class SyncQueueLength {

    private SyncQueueLength() {}

    /** Adds {@code delta} (negative for removed entries) to the site's queue length. */
    public static void add(EntityManager em, long siteId, long delta) {
        if (delta != 0) {
            em.createNativeQuery("UPDATE site SET queue_length = queue_length + ?1 WHERE id = ?2")
                    .setParameter(1, delta)
                    .setParameter(2, siteId)
                    .executeUpdate();
        }
    }

    /** {@link #add}, and the site's queue start moved to {@code start} in the same statement ({@link SiteQueue#remove}). */
    static void addMovingStart(EntityManager em, long siteId, long delta, long start) {
        em.createNativeQuery("UPDATE site SET queue_length = queue_length + ?1, queue_start = ?3 WHERE id = ?2")
                .setParameter(1, delta)
                .setParameter(2, siteId)
                .setParameter(3, start)
                .executeUpdate();
    }

    public static long of(EntityManager em, long siteId) {
        return ((Number) em.createNativeQuery("SELECT queue_length FROM site WHERE id = ?1")
                        .setParameter(1, siteId)
                        .getSingleResult())
                .longValue();
    }
}
