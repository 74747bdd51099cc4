package org.syncsites.platform;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The cursor feeds that sites read by serial number: the central change log ({@code master_record.change_serial},
 * read by {@code central_records}) and, on a datafile that is itself a remote site, the local change log of what
 * its users entered ({@code store_record.local_change_serial}, read by its pushes).
 * <p>
 * A reader keeps the highest serial it has seen and asks for what follows. That is only safe if a serial becomes
 * visible after every smaller one: a sequence alone does not give that, since it hands out serials when a
 * statement runs while rows become visible at commit (T1 takes 100, T2 takes 101 and commits first, a reader
 * moves its cursor to 101 and never sees 100). So every writer of a feed takes the feed's writer lock (its row in
 * {@code change_feed_writer}, {@code FOR UPDATE}) before it takes serials and keeps it until it commits: serials
 * are then taken in commit order. Writers of one feed queue behind each other (they are short: an admin's edit,
 * a batch of master data, a received sync batch); readers never wait.
 * <p>
 * Chosen over "serve only serials below the oldest writer in flight" because that needs the database's own
 * transaction bookkeeping, which PostgreSQL exposes ({@code pg_current_snapshot}) and H2 does not.
 * <p>
 * Lock order, to stay free of deadlocks: a transaction locks a site, then a store, then a feed; never the
 * other way round.
 * <p>
 * Each start of the server leaves a gap in the central change log ({@link #leaveGapAtStart}): serials after the
 * highest one the database holds that are never handed out. A site whose cursor lies in a gap, or past the highest
 * serial, holds changes this database does not: it was restored from a backup after the site last synced (the
 * server was restarted on the restored database, so the gap starts where the backup ended). The gap also keeps the
 * serials of changes made after the restore clear of those the sites already saw, which they would otherwise skip.
 * Its size is a trade: a site more than a gap ahead is seen only until new changes catch up with it, and
 * open-mSupply counts the serials between its cursor and {@code maxCursor} as its progress's total (its cursor is a
 * 32-bit number: at 10,000 per start there is room for 200,000 starts).
 */
public enum ChangeFeed {
    CENTRAL("central", "central_change_serial"),
    LOCAL("local", "local_change_serial");

    private final String writerRow;
    private final String sequence;

    ChangeFeed(String writerRow, String sequence) {
        this.writerRow = writerRow;
        this.sequence = sequence;
    }

    /** How many serials each start of the server leaves out: {@code -Dsyncsites.changeLog.gapAtStart}. */
    public static final long GAP_AT_START = Long.getLong("syncsites.changeLog.gapAtStart", 10_000);

    /**
     * Leaves a gap of {@link #GAP_AT_START} serials after the highest in the central change log, and notes it in
     * {@code change_serial_gap}; with the feed's writer lock, so that no serial is handed out meanwhile. Commits.
     */
    public static void leaveGapAtStart(Connection connection) throws SQLException {
        SqlDialect dialect = SqlDialect.of(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement
                    .executeQuery(
                            "SELECT feed FROM change_feed_writer WHERE feed = '" + CENTRAL.writerRow + "' FOR UPDATE")
                    .close();
            long highest;
            try (var result = statement.executeQuery("SELECT COALESCE(MAX(change_serial), 0) FROM master_record")) {
                result.next();
                highest = result.getLong(1);
            }
            long next = Math.max(highest, dialect.lastIssued(connection, CENTRAL.sequence)) + GAP_AT_START + 1;
            try (var gap = connection.prepareStatement(
                    "INSERT INTO change_serial_gap (after_serial, before_serial, made_at) VALUES (?, ?, ?)")) {
                gap.setLong(1, highest);
                gap.setLong(2, next);
                gap.setTimestamp(3, Timestamp.from(Instant.now()));
                gap.executeUpdate();
            }
            dialect.restart(connection, CENTRAL.sequence, next);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Takes the feed's writer lock for the rest of the caller's transaction (at once if it holds it already) and
     * returns the SQL expression that draws the feed's next serial, one per row.
     */
    public String nextSerial(EntityManager em) {
        em.createNativeQuery("SELECT feed FROM change_feed_writer WHERE feed = ?1 FOR UPDATE")
                .setParameter(1, writerRow)
                .getResultList();
        return SqlDialect.of(em).nextValue(sequence);
    }
}
