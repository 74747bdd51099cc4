package org.syncsites.remote;

/**
 * A record pulled from the central server: {@code cursor} is its central change-log ID or its queue entry's
 * syncOutId; {@code recordData} is JSON text, null for deletes; {@code action} is update, delete or merge.
 */
public record ReceivedRecord(String cursor, String tableName, String recordId, String action, String recordData,
                             String storeCode) {

    public boolean isDelete() {
        return "delete".equals(action);
    }

    /** A merge of two master records ({@code recordData}: mergeIdToKeep, mergeIdToDelete). */
    public boolean isMerge() {
        return "merge".equals(action);
    }
}
