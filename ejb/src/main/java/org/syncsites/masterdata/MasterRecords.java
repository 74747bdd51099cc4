package org.syncsites.masterdata;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.syncsites.platform.ChangeFeed;

/**
 * The central's master records (table {@code master_record}), set-based; no entity maps the table, as nothing
 * reads a record as an object. Writing a master record, in the caller's transaction: every write, deletes included, gives the record a new
 * serial in the central change log (in commit order, see {@link ChangeFeed}), so that it reaches the sites that
 * pull the change log after it.
 */
public final class MasterRecords {

    private MasterRecords() {}

    /** How many central records are specific to the store (they travel with it). */
    public static long countOfStore(EntityManager em, long storeId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM master_record WHERE store_id = ?1")
                        .setParameter(1, storeId)
                        .getSingleResult())
                .longValue();
    }

    /**
     * Inserts the record, or replaces the one with its table and record ID (undeleting it).
     * @param storeId the store it travels with, or null for global master data
     */
    public static void write(EntityManager em, Long storeId, String tableName, String recordId, String data) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String serial = ChangeFeed.CENTRAL.nextSerial(em);
        int updated = em.createNativeQuery("UPDATE master_record SET data = ?1, changed_at = ?2, deleted = FALSE, "
                        + "store_id = ?3, change_serial = " + serial + " WHERE table_name = ?4 AND record_id = ?5")
                .setParameter(1, data)
                .setParameter(2, now)
                .setParameter(3, storeId)
                .setParameter(4, tableName)
                .setParameter(5, recordId)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO master_record (store_id, table_name, record_id, data, change_serial, "
                            + "changed_at, deleted) VALUES (?1, ?2, ?3, ?4, " + serial + ", ?5, FALSE)")
                    .setParameter(1, storeId)
                    .setParameter(2, tableName)
                    .setParameter(3, recordId)
                    .setParameter(4, data)
                    .setParameter(5, now)
                    .executeUpdate();
        }
    }

    /** Marks the record deleted; nothing to do when it does not exist. */
    public static void markDeleted(EntityManager em, String tableName, String recordId) {
        em.createNativeQuery("UPDATE master_record SET deleted = TRUE, changed_at = ?1, change_serial = "
                        + ChangeFeed.CENTRAL.nextSerial(em) + " WHERE table_name = ?2 AND record_id = ?3")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, tableName)
                .setParameter(3, recordId)
                .executeUpdate();
    }
}
