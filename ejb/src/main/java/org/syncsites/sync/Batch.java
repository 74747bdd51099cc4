package org.syncsites.sync;

import java.io.Serializable;
import java.util.List;

/**
 * A batch of records and a count: for the central change log, {@code count} is the highest serial
 * ({@code maxCursor}); for a site's queue, the number of entries still queued, these included ({@code queueLength}).
 */
public record Batch(long count, List<SyncRecord> records) implements Serializable {
}
