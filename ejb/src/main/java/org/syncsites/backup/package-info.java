/**
 * Backups of the embedded H2 database, made online (H2's {@code BACKUP TO}: transactionally consistent while the
 * server runs) on a schedule the operator sets and whenever an editor asks, kept in a folder of the server's data
 * (DatabaseBackups, Backup). PostgreSQL is backed up by its own tools (README "Backups").
 * <p>
 * Uses audit, security and platform.
 */
package org.syncsites.backup;
