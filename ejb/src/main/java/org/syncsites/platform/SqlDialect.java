package org.syncsites.platform;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.hibernate.Session;

/**
 * The few SQL phrases that differ between the two supported databases, in one place. Everything else the
 * application writes in SQL is portable between H2 and PostgreSQL.
 */
public enum SqlDialect {
    H2("SYSTEM_RANGE(1, ?1) series(n)"),
    POSTGRESQL("generate_series(1, ?1) series(n)");

    private final String numberSeries;

    SqlDialect(String numberSeries) {
        this.numberSeries = numberSeries;
    }

    /**
     * Completes an {@code INSERT INTO sync_out ... SELECT ... FROM <table> r WHERE ...} so that records already in
     * the queue of the site bound to parameter ?1 are skipped rather than refused: PostgreSQL lets the queue's
     * unique constraint skip them (the cheapest way, no second index probe); H2 has no ON CONFLICT, so an
     * anti-join does it.
     */
    public String skippingQueuedRecords(String insertSelect) {
        return this == POSTGRESQL
                ? insertSelect + " ON CONFLICT ON CONSTRAINT sync_out_once_per_site DO NOTHING"
                : insertSelect + " AND NOT EXISTS (SELECT 1 FROM sync_out q WHERE q.site_id = ?1 "
                        + "AND q.table_name = r.table_name AND q.record_id = r.record_id)";
    }

    /**
     * Makes the rest of the transaction plan each statement for its own values and the tables' sizes as they are now
     * (nothing to do on H2). PostgreSQL otherwise keeps, for a statement a connection has prepared five times, a
     * generic plan made from the statistics of its tables at that moment: a table that was empty then (a fresh
     * {@code sync_in} at a site's first big push) is scanned whole by it for every record, until the table is analysed
     * again, which never happens where autovacuum is off.
     */
    public static void planEachStatementAfresh(EntityManager em) {
        of(em).setForThisTransaction(em, "plan_cache_mode = force_custom_plan");
    }

    /**
     * Brings the planner's statistics of a table up to date after a bulk change, so that the next queries get
     * index plans at once instead of waiting for the database's background analysis.
     */
    public String refreshStatistics(String table) {
        return this == POSTGRESQL ? "ANALYZE " + table : "ANALYZE TABLE " + table;
    }

    /**
     * The SQL expression of a sequence's next value, one per row. For the change feeds' serials, go through
     * {@link ChangeFeed#nextSerial}, which keeps them in commit order.
     */
    String nextValue(String sequence) {
        return this == POSTGRESQL ? "nextval('" + sequence + "')" : "NEXT VALUE FOR " + sequence;
    }

    /**
     * The highest value the sequence has handed out (0 when none), or a little more: in H2 its base value less one (a
     * value it gives from its cache is counted as handed out); in PostgreSQL {@code pg_sequence_last_value}, null
     * before the first.
     */
    public long lastIssued(Connection connection, String sequence) throws SQLException {
        return valueOf(
                connection,
                this == POSTGRESQL
                        ? "SELECT pg_sequence_last_value('" + sequence + "'::regclass)"
                        : "SELECT BASE_VALUE - INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = "
                                + "'PUBLIC' AND SEQUENCE_NAME = '" + sequence.toUpperCase(Locale.ROOT) + "'");
    }

    /** The highest ID the table's identity column has handed out (0 when none), as {@link #lastIssued}. */
    public long lastIssuedIdentity(EntityManager em, String table, String column) {
        String query = this == POSTGRESQL
                ? "SELECT pg_sequence_last_value(pg_get_serial_sequence('" + table + "', '" + column + "')::regclass)"
                : "SELECT IDENTITY_BASE - IDENTITY_INCREMENT FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = "
                        + "'PUBLIC' AND TABLE_NAME = '" + table.toUpperCase(Locale.ROOT) + "' AND COLUMN_NAME = '"
                        + column.toUpperCase(Locale.ROOT) + "'";
        return em.unwrap(Session.class).doReturningWork(connection -> valueOf(connection, query));
    }

    /** Makes the sequence hand out {@code next} next (PostgreSQL: setval; H2: a restart, which commits). */
    void restart(Connection connection, String sequence, long next) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(
                    this == POSTGRESQL
                            ? "SELECT setval('" + sequence + "', " + (next - 1) + ")"
                            : "ALTER SEQUENCE " + sequence + " RESTART WITH " + next);
        }
    }

    private static long valueOf(Connection connection, String query) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(query)) {
            long value = result.next() ? result.getLong(1) : 0;
            return Math.max(0, value);
        }
    }

    /** A FROM item yielding the rows n = 1 .. ?1. */
    public String numberSeries() {
        return numberSeries;
    }

    /**
     * Lets the caller's transaction commit without waiting for its log to reach the disk, for work whose loss in a
     * crash of the database server harms nothing because it is repeated (a site's acknowledgement: the entries
     * come again and the site takes them again). PostgreSQL: {@code synchronous_commit} off for this transaction
     * only; H2: nothing to do.
     */
    public void commitWithoutWaitingForDisk(EntityManager em) {
        setForThisTransaction(em, "synchronous_commit = off");
    }

    /**
     * PostgreSQL: {@code SET LOCAL} of a setting, on the transaction's own connection and without a flush of the
     * persistence context; H2: nothing.
     */
    private void setForThisTransaction(EntityManager em, String setting) {
        if (this == POSTGRESQL) {
            em.unwrap(Session.class).doWork(c -> {
                try (var statement = c.createStatement()) {
                    statement.execute("SET LOCAL " + setting);
                }
            });
        }
    }

    public static SqlDialect of(EntityManager em) {
        return em.unwrap(Session.class).doReturningWork(SqlDialect::of);
    }

    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
    }

    /** The folder of this database's own migrations: {@code db/vendor/h2} or {@code db/vendor/postgresql}. */
    public String migrationFolder() {
        return "db/vendor/" + name().toLowerCase(Locale.ROOT);
    }
}
