package org.syncsites.sync;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.platform.Text;

/** A pushed record that could not be integrated into the central data, and why (in words an admin can act on). */
public record SetAsideRecord(String tableName, String recordId, Instant failedAt, Text reason)
        implements Serializable {}
