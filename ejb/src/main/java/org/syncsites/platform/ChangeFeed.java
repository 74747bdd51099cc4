package org.syncsites.platform;

import jakarta.persistence.EntityManager;

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
