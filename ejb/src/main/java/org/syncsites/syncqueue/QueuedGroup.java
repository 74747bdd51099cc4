package org.syncsites.syncqueue;

import java.io.Serializable;
import java.time.Instant;

/**
 * Entries of a site's queue of one store (code and name null for the network's global master data) and table: how
 * many, and when the oldest of them was queued.
 */
public record QueuedGroup(String storeCode, String storeName, String tableName, long entries, Instant oldestQueuedAt)
        implements Serializable {}
