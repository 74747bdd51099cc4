package org.syncsites.syncv5;

import java.io.Serializable;
import java.util.List;

/**
 * A batch of records and a count: {@code maxCursor} for the central change log (its highest serial);
 * {@code queueLength} for a site's queue or a push (entries still to come, these included).
 */
public record Batch(long count, List<SyncRecord> records) implements Serializable {}
