package org.syncsites.store;

import jakarta.persistence.EntityManager;

/**
 * How many stores there are, kept in one row as stores are added (stores are never deleted), so that a list does
 * not count them all on every call. Every statement that adds stores adds their number here, in its transaction.
 */
public final class StoreCount {

    private StoreCount() {}

    /** Adds {@code added} stores to the count. */
    public static void add(EntityManager em, long added) {
        if (added != 0) {
            em.createNativeQuery("UPDATE store_count SET stores = stores + ?1 WHERE id = 1")
                    .setParameter(1, added)
                    .executeUpdate();
        }
    }

    public static long of(EntityManager em) {
        return ((Number) em.createNativeQuery("SELECT stores FROM store_count WHERE id = 1")
                        .getSingleResult())
                .longValue();
    }
}
