package org.syncsites.store;

import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;

/**
 * Writing a store's data record as sync delivers it (a remote site's push integrated on the central, or the
 * central's data received on a remote site), in the caller's transaction: records are keyed by table and record
 * ID, so writing one again changes nothing more. Records written here get no local change number: sync never
 * echoes them back.
 */
public final class StoreRecords {

    private StoreRecords() {
    }

    /** Inserts the record, or replaces the one with its table and record ID (undeleting it). */
    public static void write(EntityManager em, long storeId, String tableName, String recordId, String data,
                             OffsetDateTime at) {
        int updated = em.createNativeQuery("UPDATE store_record SET data = ?1, changed_at = ?2, deleted = FALSE, "
                        + "store_id = ?3 WHERE table_name = ?4 AND record_id = ?5")
                .setParameter(1, data).setParameter(2, at).setParameter(3, storeId).setParameter(4, tableName)
                .setParameter(5, recordId).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO store_record (store_id, table_name, record_id, data, changed_at, deleted) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5, FALSE)")
                    .setParameter(1, storeId).setParameter(2, tableName).setParameter(3, recordId)
                    .setParameter(4, data).setParameter(5, at).executeUpdate();
        }
    }

    /** Marks the record deleted; nothing to do when it does not exist. */
    public static void markDeleted(EntityManager em, String tableName, String recordId, OffsetDateTime at) {
        em.createNativeQuery("UPDATE store_record SET deleted = TRUE, changed_at = ?1 WHERE table_name = ?2 "
                        + "AND record_id = ?3")
                .setParameter(1, at).setParameter(2, tableName).setParameter(3, recordId).executeUpdate();
    }
}
