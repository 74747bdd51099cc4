package org.syncsites.syncv5;

import java.io.Serializable;

/**
 * A record as the protocol carries it in every feed (§3.4, §3.5, §3.7). {@code cursor} is the central change-log
 * ID, the queue entry's or the pushed change's {@code syncOutId}, as text (the codec writes it as the feed
 * wants). {@code recordData} is the record's JSON text, null for deletes. {@code storeCode} is
 * {@code recordData.store_ID} of a record read from the wire, when it names one (null otherwise, and on records
 * about to be written).
 */
public record SyncRecord(
        String cursor, String tableName, String recordId, Action action, String recordData, String storeCode)
        implements Serializable {

    /** A record to be written: its store code is not needed on the wire. */
    public SyncRecord(String cursor, String tableName, String recordId, Action action, String recordData) {
        this(cursor, tableName, recordId, action, recordData, null);
    }

    /** A record of a change number (central change log, a site's queue, a local change to push). */
    public static SyncRecord of(long cursor, String tableName, String recordId, boolean deleted, String recordData) {
        return new SyncRecord(
                Long.toString(cursor),
                tableName,
                recordId,
                deleted ? Action.DELETE : Action.UPDATE,
                deleted ? null : recordData);
    }
}
