package org.syncsites.sync;

import java.time.Instant;

/** A pushed record that could not be integrated into the central data, and why. */
public record SetAsideRecord(String tableName, String recordId, Instant failedAt, String reason)
        implements java.io.Serializable {
}
