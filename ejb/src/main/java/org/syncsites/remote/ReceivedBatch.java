package org.syncsites.remote;

import java.util.List;

/** One pulled batch: {@code count} is maxCursor (central records) or queueLength (queued records). */
public record ReceivedBatch(long count, List<ReceivedRecord> records) {
}
