package org.syncsites.store;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.SqlDialect;
import org.syncsites.security.Roles;
import org.syncsites.site.Site;
import org.syncsites.syncqueue.QueuedRecord;
import org.syncsites.syncqueue.SyncQueueLength;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Bulk store data for demos and benchmarks: generated in the database, set-based, one statement per call.
 * Records alternate between the tables {@code transact} and {@code trans_line}; store-specific central data
 * goes to {@code store_preference}.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class StoreData {

    /** At most this many records per call (one transaction); call again for more. */
    public static final int MAX_PER_CALL = 2_000_000;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /**
     * Adds {@code count} generated records to the store's data, as if its users had entered them here: they are
     * numbered in the local change log (a remote site pushes them to its central), and when the store is active
     * on a remote site of this server they are queued for that site. @return the number added
     */
    public int generateStoreRecords(long storeId, int count) {
        Store store = store(storeId, count);
        String prefix = store.getCode() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqlDialect dialect = SqlDialect.of(em);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int added = em.createNativeQuery("INSERT INTO store_record (store_id, table_name, record_id, data, changed_at, "
                        + "deleted, local_change_serial) "
                        + "SELECT ?2, CASE WHEN MOD(n, 4) = 0 THEN 'transact' ELSE 'trans_line' END, "
                        + "?3 || CAST(n AS VARCHAR(20)), "
                        + "'{\"ID\":\"' || ?3 || CAST(n AS VARCHAR(20)) || '\",\"store_ID\":\"' || ?4 "
                        + "|| '\",\"quantity\":' || CAST(MOD(n, 97) AS VARCHAR(10)) || ',\"comment\":\"generated\"}', "
                        + "?5, FALSE, " + dialect.nextLocalChangeSerial() + " FROM " + dialect.numberSeries())
                .setParameter(1, count).setParameter(2, storeId).setParameter(3, prefix)
                .setParameter(4, store.getCode()).setParameter(5, now)
                .executeUpdate();
        Site site = store.getSite();
        if (!site.isCentral()) {
            int queued = em.createNativeQuery("INSERT INTO sync_out (site_id, source, table_name, record_id, store_id, "
                            + "queued_at) SELECT ?1, ?5, table_name, record_id, store_id, ?2 FROM store_record "
                            + "WHERE store_id = ?3 AND record_id LIKE ?4")
                    .setParameter(1, site.getId()).setParameter(2, now).setParameter(3, storeId)
                    .setParameter(4, prefix + "%").setParameter(5, QueuedRecord.FROM_STORE_DATA).executeUpdate();
            SyncQueueLength.add(em, site.getId(), queued);
        }
        em.createNativeQuery(dialect.refreshStatistics("store_record")).executeUpdate();
        return added;
    }

    /** Adds {@code count} generated central records specific to the store (they travel with it). */
    public int generateStoreSpecificMasterRecords(long storeId, int count) {
        Store store = store(storeId, count);
        String prefix = store.getCode() + "-pref-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqlDialect dialect = SqlDialect.of(em);
        return em.createNativeQuery("INSERT INTO master_record (store_id, table_name, record_id, data, change_serial, "
                        + "changed_at, deleted) SELECT ?2, 'store_preference', ?3 || CAST(n AS VARCHAR(20)), "
                        + "'{\"ID\":\"' || ?3 || CAST(n AS VARCHAR(20)) || '\",\"store_ID\":\"' || ?4 || '\"}', "
                        + dialect.nextChangeSerial() + ", ?5, FALSE FROM " + dialect.numberSeries())
                .setParameter(1, count).setParameter(2, storeId).setParameter(3, prefix)
                .setParameter(4, store.getCode()).setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** Adds {@code count} generated global master records (items), which reach every site via the change log. */
    public int generateGlobalMasterRecords(int count) {
        if (count < 1 || count > MAX_PER_CALL) {
            throw new RuleViolation("count", "Generate between 1 and " + MAX_PER_CALL + " records per call.");
        }
        String prefix = "item-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqlDialect dialect = SqlDialect.of(em);
        return em.createNativeQuery("INSERT INTO master_record (store_id, table_name, record_id, data, change_serial, "
                        + "changed_at, deleted) SELECT NULL, 'item', ?2 || CAST(n AS VARCHAR(20)), "
                        + "'{\"ID\":\"' || ?2 || CAST(n AS VARCHAR(20)) || '\",\"name\":\"Item ' || CAST(n AS VARCHAR(20)) "
                        + "|| '\"}', " + dialect.nextChangeSerial() + ", ?3, FALSE FROM " + dialect.numberSeries())
                .setParameter(1, count).setParameter(2, prefix).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    private Store store(long storeId, int count) {
        if (count < 1 || count > MAX_PER_CALL) {
            throw new RuleViolation("count", "Generate between 1 and " + MAX_PER_CALL + " records per call.");
        }
        Store store = em.find(Store.class, storeId);
        if (store == null) {
            throw new NotFound("Store " + storeId + " does not exist.");
        }
        return store;
    }
}
