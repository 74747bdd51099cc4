package org.syncsites.platform;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The one order in which transactions lock rows, so that two of them wait for each other instead of deadlocking:
 * first the site rows involved, in ascending ID order; then stores; then patients (their name records, in order of
 * ID: who sees a patient and the patient's data change under that lock); then a change feed ({@link ChangeFeed}).
 * Work that involves several sites (a store moving from one site to another; what one site pushed being queued
 * for the site that holds the store now) locks them all here first. Locks last until the transaction ends.
 */
public final class LockOrder {

    private LockOrder() {}

    /** Locks the rows of these sites (IDs of deleted sites are passed over). */
    public static void sites(EntityManager em, Collection<Long> siteIds) {
        for (Long siteId : new TreeSet<>(siteIds)) {
            em.createNativeQuery("SELECT id FROM site WHERE id = ?1 FOR UPDATE")
                    .setParameter(1, siteId)
                    .getResultList();
        }
    }

    /**
     * Locks one site's row as {@link #sites} does, reading its queue's start ({@code site.queue_start}) in the same
     * statement: an acknowledgement's lock, which must see the start as it is once nobody else can move it.
     * @return the site's queue start
     */
    public static long siteReadingQueueStart(EntityManager em, long siteId) {
        return ((Number) em.createNativeQuery("SELECT queue_start FROM site WHERE id = ?1 FOR UPDATE")
                        .setParameter(1, siteId)
                        .getSingleResult())
                .longValue();
    }

    /**
     * Locks a store together with the site it is on (the site first), so that it cannot move until the caller's
     * transaction ends. @return the ID of the store's site, or null when the store does not exist
     */
    public static Long storeWithItsSite(EntityManager em, long storeId) {
        while (true) {
            Long siteId = siteOf(em, storeId, false);
            if (siteId == null) {
                return null;
            }
            sites(em, List.of(siteId));
            Long lockedSiteId = siteOf(em, storeId, true);
            if (siteId.equals(lockedSiteId) || lockedSiteId == null) {
                return lockedSiteId;
            }
            // it moved between the two reads: lock its new site too (in order) and look again
        }
    }

    private static Long siteOf(EntityManager em, long storeId, boolean lock) {
        List<?> found = em.createNativeQuery("SELECT site_id FROM store WHERE id = ?1" + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, storeId)
                .getResultList();
        return found.isEmpty() ? null : ((Number) found.get(0)).longValue();
    }
}
