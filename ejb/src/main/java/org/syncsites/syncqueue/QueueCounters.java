package org.syncsites.syncqueue;

import jakarta.persistence.EntityManager;

/**
 * The one owner of a site's queue counters in its row: {@code queue_length}, kept equal to the number of the site's
 * entries in sync_out (every insert into or delete from a site's queue calls {@link #add} in the same transaction),
 * {@code queue_start}, the first entry not acknowledged, and {@code queue_reclaimed}, up to where acknowledged
 * entries are deleted.
 */
public final class QueueCounters {

    private QueueCounters() {}

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

    /** Every acknowledged entry of the site before {@code upTo} is deleted (never moves back). */
    static void reclaimedUpTo(EntityManager em, long siteId, long upTo) {
        em.createNativeQuery("UPDATE site SET queue_reclaimed = ?1 WHERE id = ?2 AND queue_reclaimed < ?1")
                .setParameter(1, upTo)
                .setParameter(2, siteId)
                .executeUpdate();
    }

    /** The site's queue was emptied: its length is 0 and nothing before its start waits to be deleted. */
    static void cleared(EntityManager em, long siteId) {
        em.createNativeQuery("UPDATE site SET queue_length = 0, queue_reclaimed = queue_start WHERE id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }
}
