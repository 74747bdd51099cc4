package org.syncsites.sync;

import java.io.Serializable;

/**
 * A record as the v5 protocol carries it. {@code recordData} is the record's JSON text (or null for deletes);
 * {@code cursor} is the central change-log serial (central records) or the queue entry id (queued records).
 */
public record SyncRecord(long cursor, String tableName, String recordId, String action, String recordData)
        implements Serializable {

    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
}
