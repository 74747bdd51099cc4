package org.syncsites.store;

import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import org.syncsites.masterdata.MasterRecords;

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
        MasterRecords.write(em, null, TABLE, store.getCode(), data);
    }
}
