package org.syncsites.masterdata;

import java.util.Set;

/**
 * Which tables hold master data, owned by the central server (items, names, store preferences...); every other
 * table holds data that stores' users enter. A remote site needs this to file what its central sends it.
 */
public final class MasterTables {

    private static final Set<String> NAMES = Set.of(
            "store",
            "item",
            "name",
            "clinician",
            "store_preference",
            "item_store_join",
            "name_store_join",
            "list_master",
            "list_master_line",
            "currency",
            "unit");

    private MasterTables() {}

    public static boolean isMasterData(String tableName) {
        return NAMES.contains(tableName);
    }
}
