package org.syncsites.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.syncsites.platform.ChangeFeed;

/**
 * Every site learns which stores exist and which site each is active on, as mSupply's sites do: each store is a
 * global master record of table {@code store}, with its own record of table {@code name} (a store is the other party
 * of transfers by its name), changed in the central change log whenever a store is created, renamed, moves or
 * changes mode, so both reach every site through {@code central_records}.
 * <p>
 * The records have the shapes open-mSupply integrates (docs/open-msupply-data.md, "Stores"): a {@code store} without
 * {@code name_ID}, {@code store_mode}, {@code disabled} and {@code sync_id_remote_site}, or whose {@code name} record is
 * missing, is ignored there, and a site with no store of its own has nothing to work in. This server as a remote site
 * reads {@code ID}, {@code code}, {@code name} and {@code site_ID}.
 * <p>
 * Written set-based, one statement per table for any number of stores (the demo data makes a million at once).
 */
public final class StoreDirectory {

    public static final String TABLE = "store";
    /** The table of a store's name record. */
    public static final String NAME_TABLE = "name";

    /** The stores with their sites: a site moved from a legacy central keeps the site ID that central gave it. */
    private static final String STORES = "store st JOIN site ss ON ss.id = st.site_id";

    private static final String SITE_ID = "COALESCE(ss.legacy_site_id, st.site_id)";

    private StoreDirectory() {}

    /** Writes the store's records as they are now, with new change serials (caller's transaction). */
    public static void publish(EntityManager em, Store store) {
        em.flush();
        publish(em, "st.id = ?2", store.getId());
    }

    /**
     * Writes the records of the stores {@code where} selects (a condition on alias {@code st} whose parameters start at
     * ?2) as they are now, with new change serials (caller's transaction).
     */
    public static void publish(EntityManager em, String where, Object... parameters) {
        write(em, NAME_TABLE, "st.name_id", nameJson(), where, parameters);
        write(em, TABLE, Store.syncIdColumn("st"), storeJson(), where, parameters);
    }

    private static void write(
            EntityManager em, String table, String recordId, String json, String where, Object... parameters) {
        String serial = ChangeFeed.CENTRAL.nextSerial(em);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Query update = em.createNativeQuery("UPDATE master_record SET data = (SELECT " + json + " FROM " + STORES
                + " WHERE " + recordId
                + " = master_record.record_id), changed_at = ?1, deleted = FALSE, change_serial = "
                + serial
                + " WHERE table_name = '" + table + "' AND record_id IN (SELECT " + recordId + " FROM store st WHERE "
                + where + ")");
        execute(update, now, parameters);
        Query insert = em.createNativeQuery("INSERT INTO master_record (store_id, table_name, record_id, data, "
                + "change_serial, changed_at, deleted) SELECT NULL, '" + table + "', " + recordId + ", " + json + ", "
                + serial + ", ?1, FALSE FROM " + STORES + " WHERE (" + where + ") AND NOT EXISTS (SELECT 1 FROM "
                + "master_record m WHERE m.table_name = '" + table + "' AND m.record_id = " + recordId + ")");
        execute(insert, now, parameters);
    }

    /**
     * Withdraws the store's records of the IDs it had before its identity changed ({@code table} {@value #TABLE} or
     * {@value #NAME_TABLE}): every site deletes them, as it takes the records of the new IDs.
     */
    public static void withdraw(EntityManager em, String table, String recordId) {
        em.createNativeQuery("UPDATE master_record SET deleted = TRUE, changed_at = ?1, change_serial = "
                        + ChangeFeed.CENTRAL.nextSerial(em) + " WHERE table_name = ?2 AND record_id = ?3")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, table)
                .setParameter(3, recordId)
                .executeUpdate();
    }

    private static void execute(Query statement, OffsetDateTime now, Object... parameters) {
        statement.setParameter(1, now);
        for (int i = 0; i < parameters.length; i++) {
            statement.setParameter(i + 2, parameters[i]);
        }
        statement.executeUpdate();
    }

    /** open-mSupply's {@code store}: every key it requires, in its JSON types. */
    private static String storeJson() {
        return "'{\"ID\":' || " + text(Store.syncIdColumn("st")) + " || ',\"code\":' || " + text("st.code")
                + " || ',\"name\":' || " + text("st.name") + " || ',\"name_ID\":' || " + text("st.name_id")
                + " || ',\"site_ID\":' || CAST(" + SITE_ID + " AS VARCHAR(20))"
                + " || ',\"sync_id_remote_site\":' || CAST(" + SITE_ID + " AS VARCHAR(20))"
                + " || ',\"store_mode\":' || " + text("st.store_mode")
                + " || ',\"disabled\":' || CASE WHEN st.disabled THEN 'true' ELSE 'false' END"
                + " || ',\"logo\":\"\",\"created_date\":\"\"}'";
    }

    /** open-mSupply's {@code name} of type {@code store}: every key it requires, empty where a store has nothing. */
    private static String nameJson() {
        return "'{\"ID\":' || " + text("st.name_id") + " || ',\"name\":' || " + text("st.name")
                + " || ',\"code\":' || " + text("st.code")
                + " || ',\"type\":\"store\",\"customer\":true,\"supplier\":true,\"female\":false,"
                + "\"manufacturer\":false,\"donor\":false,\"hold\":false,\"isDeceased\":false,"
                + "\"supplying_store_id\":\"\",\"first\":\"\",\"last\":\"\",\"phone\":\"\",\"charge code\":\"\","
                + "\"comment\":\"\",\"country\":\"\",\"bill_address1\":\"\",\"bill_address2\":\"\",\"email\":\"\","
                + "\"url\":\"\",\"NEXT_OF_KIN_ID\":\"\",\"next_of_kin_relative\":\"\",\"national_health_number\":\"\","
                + "\"date_of_birth\":\"\",\"created_date\":\"\",\"om_created_datetime\":\"\",\"om_gender\":\"\"}'";
    }

    /**
     * A column as a JSON string literal: backslashes and quotes escaped, written as CHR(92) and CHR(34) so that no
     * backslash stands in the statement; names and codes hold no control characters.
     */
    private static String text(String column) {
        return "CHR(34) || REPLACE(REPLACE(" + column + ", CHR(92), CHR(92) || CHR(92)), CHR(34), CHR(92) || CHR(34)) "
                + "|| CHR(34)";
    }
}
