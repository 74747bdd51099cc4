package org.syncsites.store;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stores' data records (table {@code store_record}), set-based; no entity maps the table, as nothing reads a
 * record as an object. Writing a store's data record as sync delivers it (a remote site's push integrated on the central, or the
 * central's data received on a remote site), in the caller's transaction: records are keyed by table and record
 * ID, so writing one again changes nothing more. Records written here get no local change number: sync never
 * echoes them back.
 */
public final class StoreRecords {

    private StoreRecords() {}

    /** How many records (deleted ones included: they travel too) the store holds. */
    public static long count(EntityManager em, long storeId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM store_record WHERE store_id = ?1")
                        .setParameter(1, storeId)
                        .getSingleResult())
                .longValue();
    }

    /** How many records each of the stores holds; stores without any are left out. */
    public static Map<Long, Long> countByStore(EntityManager em, Collection<Long> storeIds) {
        Map<Long, Long> counts = new HashMap<>();
        List<Long> ids = List.copyOf(storeIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            // the IDs are numbers, written into the statement, a thousand at a time
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT store_id, COUNT(*) FROM store_record WHERE store_id IN ("
                            + ids.subList(from, Math.min(ids.size(), from + 1000)).stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(","))
                            + ") GROUP BY store_id")
                    .getResultList();
            rows.forEach(row -> counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
        }
        return counts;
    }

    /** Inserts the record, or replaces the one with its table and record ID (undeleting it). */
    public static void write(
            EntityManager em, long storeId, String tableName, String recordId, String data, OffsetDateTime at) {
        write(em, storeId, tableName, recordId, data, at, null, null);
    }

    /**
     * {@link #write(EntityManager, long, String, String, String, OffsetDateTime)}, with the record's parent (a line's
     * invoice) and the other party's store (a transfer's, a message's), both null when it has none.
     */
    public static void write(
            EntityManager em,
            long storeId,
            String tableName,
            String recordId,
            String data,
            OffsetDateTime at,
            String parentId,
            Long partyStoreId) {
        int updated = em.createNativeQuery("UPDATE store_record SET data = ?1, changed_at = ?2, deleted = FALSE, "
                        + "store_id = ?3, parent_id = ?6, party_store_id = ?7 WHERE table_name = ?4 AND record_id = ?5")
                .setParameter(1, data)
                .setParameter(2, at)
                .setParameter(3, storeId)
                .setParameter(4, tableName)
                .setParameter(5, recordId)
                .setParameter(6, parentId)
                .setParameter(7, partyStoreId)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery(
                            "INSERT INTO store_record (store_id, table_name, record_id, data, changed_at, deleted, "
                                    + "parent_id, party_store_id) VALUES (?1, ?2, ?3, ?4, ?5, FALSE, ?6, ?7)")
                    .setParameter(1, storeId)
                    .setParameter(2, tableName)
                    .setParameter(3, recordId)
                    .setParameter(4, data)
                    .setParameter(5, at)
                    .setParameter(6, parentId)
                    .setParameter(7, partyStoreId)
                    .executeUpdate();
        }
    }

    /** Marks the record deleted; nothing to do when it does not exist. */
    public static void markDeleted(EntityManager em, String tableName, String recordId, OffsetDateTime at) {
        em.createNativeQuery("UPDATE store_record SET deleted = TRUE, changed_at = ?1 WHERE table_name = ?2 "
                        + "AND record_id = ?3")
                .setParameter(1, at)
                .setParameter(2, tableName)
                .setParameter(3, recordId)
                .executeUpdate();
    }
}
