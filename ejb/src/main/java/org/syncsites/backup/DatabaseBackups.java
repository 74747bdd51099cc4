package org.syncsites.backup;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;

/**
 * Backups of the embedded H2 database: H2's {@code BACKUP TO} writes a zip of the database while the server runs,
 * consistent as of one transaction, into the backups folder ({@code -Dsyncsites.backup.dir}, by default
 * {@code backups} beside the database's file: {@code data/backups} under {@code ./start.sh}). Made every {@code -Dsyncsites.backup.everyHours} hours (24 by
 * default; 0 makes none on a schedule) and whenever an editor asks; the newest {@code -Dsyncsites.backup.keep} (7)
 * are kept. Restoring one is the operator's, with the server stopped (README "Backups"). On PostgreSQL nothing is made:
 * its own tools back it up.
 */
@Singleton
@RolesAllowed(Roles.VIEWER)
@Lock(LockType.WRITE) // one backup at a time
public class DatabaseBackups {

    private static final Logger LOG = Logger.getLogger(DatabaseBackups.class.getName());

    private static final String PREFIX = "syncsites-";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /** The backups, newest first. */
    @Lock(LockType.READ)
    public List<Backup> list() {
        Path folder = folder();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(DatabaseBackups::isBackup)
                    .map(DatabaseBackups::backup)
                    .sorted(Comparator.comparing(Backup::madeAt).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a backup now (an editor's request), audited. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Backup backUpNow() {
        if (SqlDialect.of(em) != SqlDialect.H2) {
            throw new RuleViolation(Text.of("backup.postgresql"));
        }
        Backup made = backUp();
        audit.record(
                AuditTrail.Action.BACKUP_MADE,
                "Backup",
                null,
                made.name(),
                "bytes",
                null,
                String.valueOf(made.bytes()));
        return made;
    }

    /** Every hour: a backup when the newest is older than the schedule's hours (H2 only). */
    @Schedule(hour = "*", minute = "23", persistent = false, info = "database backups")
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void backUpOnSchedule() {
        long hours = Long.getLong("syncsites.backup.everyHours", 24);
        if (hours <= 0 || SqlDialect.of(em) != SqlDialect.H2) {
            return;
        }
        List<Backup> made = list();
        if (made.isEmpty()
                || made.get(0)
                        .madeAt()
                        .isBefore(Instant.now().minus(Duration.ofHours(hours)).plusSeconds(60))) {
            Backup backup = backUp();
            LOG.info(() ->
                    "Database backed up to " + folder().resolve(backup.name()) + " (" + backup.bytes() + " bytes)");
        }
    }

    private Backup backUp() {
        Path folder = folder();
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(PREFIX + STAMP.format(Instant.now()) + ".zip");
            Path writing = folder.resolve(file.getFileName() + ".part");
            Files.deleteIfExists(writing);
            // a file name is not a parameter of BACKUP TO: written in, quotes doubled
            em.createNativeQuery(
                            "BACKUP TO '" + writing.toAbsolutePath().toString().replace("'", "''") + "'")
                    .executeUpdate();
            Files.move(writing, file); // complete, or not there
            prune();
            return backup(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes all but the newest backups the setting keeps. */
    private void prune() throws IOException {
        int keep = Math.max(1, Integer.getInteger("syncsites.backup.keep", 7));
        List<Backup> backups = list();
        for (Backup old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
            Files.deleteIfExists(folder().resolve(old.name()));
        }
    }

    /** The backups folder: as set, or {@code backups} beside the database's own file. */
    private Path folder() {
        String configured = System.getProperty("syncsites.backup.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Object database = SqlDialect.of(em) == SqlDialect.H2
                ? em.createNativeQuery("SELECT DATABASE_PATH()").getSingleResult()
                : null;
        return database == null
                ? Path.of(System.getProperty("jboss.server.data.dir", "data"), "syncsites", "backups")
                : Path.of(database.toString()).toAbsolutePath().getParent().resolve("backups");
    }

    private static boolean isBackup(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".zip");
    }

    private static Backup backup(Path file) {
        try {
            return new Backup(
                    file.getFileName().toString(),
                    Files.size(file),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
