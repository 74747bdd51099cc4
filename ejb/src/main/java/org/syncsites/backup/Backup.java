package org.syncsites.backup;

import java.io.Serializable;
import java.time.Instant;

/** One backup file: its name in the backups folder, its size and when it was made. */
public record Backup(String name, long bytes, Instant madeAt) implements Serializable {}
