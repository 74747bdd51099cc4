package org.syncsites.store;

import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import org.syncsites.platform.SqlDialect;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Every site learns which stores exist and which site each is active on, as mSupply's sites do: each store is a
 * global master record of table {@code store} ({@code {"ID","code","name","site_ID"}}), changed in the central
 * change log whenever a store is created or moves, so it reaches every site through {@code central_records}.
 * A remote site uses it to name its stores and to stop sending records of a store that moved to another site.
 */
public final class StoreDirectory {

    public static final String TABLE = "store";

    private StoreDirectory() {
    }

    /** Writes the store's directory record as it is now, with a new change serial (caller's transaction). */
    public static void publish(EntityManager em, Store store) {
        String data = Json.createObjectBuilder().add("ID", store.getCode()).add("code", store.getCode())
                .add("name", store.getName()).add("site_ID", store.getSite().getId()).build().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String serial = SqlDialect.of(em).nextChangeSerial();
        int updated = em.createNativeQuery("UPDATE master_record SET data = ?1, changed_at = ?2, deleted = FALSE, "
                        + "change_serial = " + serial + " WHERE table_name = ?3 AND record_id = ?4")
                .setParameter(1, data).setParameter(2, now).setParameter(3, TABLE).setParameter(4, store.getCode())
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO master_record (store_id, table_name, record_id, data, change_serial, "
                            + "changed_at, deleted) VALUES (NULL, ?1, ?2, ?3, " + serial + ", ?4, FALSE)")
                    .setParameter(1, TABLE).setParameter(2, store.getCode()).setParameter(3, data)
                    .setParameter(4, now).executeUpdate();
        }
    }
}
