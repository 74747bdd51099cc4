package org.syncsites.security;

import jakarta.ejb.ApplicationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the password checks (bcrypt, about 0.1 s of a core each) that one node makes at once for callers who are
 * not signed in yet: site sign-ins without a valid digest, connection checks, site users' and administrators'
 * sign-ins, and the equal work done for a name nobody has. Without a bound, a flood of unknown names fills every core
 * with bcrypt and every real site's sync stalls.
 * <p>
 * At most {@value #AT_ONCE_SETTING} checks run at once (by default half the node's cores, at least one: the other
 * half stays for the sites that sign in with their digest, which needs no check, and for everything else); a few more
 * ({@value #WAITING_SETTING}, by default 8) may wait up to a second for their turn, holding their request thread;
 * anyone beyond is answered at once {@link Busy}: HTTP 429 with {@code Retry-After}. A sign-in turned away so is not
 * counted as a failed one: the permit is taken before the attempt is reserved.
 */
public final class PasswordChecks {

    /** The system property that sets how many checks may run at once on a node. */
    public static final String AT_ONCE_SETTING = "syncsites.passwordChecks.atOnce";
    /** The system property that sets how many checks may wait for their turn on a node. */
    public static final String WAITING_SETTING = "syncsites.passwordChecks.waiting";
    /** What {@code Retry-After} says: seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final int AT_ONCE =
            Math.max(1, Integer.getInteger(AT_ONCE_SETTING, Runtime.getRuntime().availableProcessors() / 2));
    private static final int WAITING = Math.max(0, Integer.getInteger(WAITING_SETTING, 8));
    private static final long WAIT_MILLIS = 1000;
    private static final Semaphore PERMITS = new Semaphore(AT_ONCE, true);

    private PasswordChecks() {}

    /**
     * A turn to check a password, to be closed once checked.
     *
     * @throws Busy when the node checks as many as it may and enough wait already, or the turn did not come in time
     */
    public static Permit permit() {
        if (PERMITS.tryAcquire()) {
            return new Permit();
        }
        if (PERMITS.getQueueLength() < WAITING) {
            try {
                if (PERMITS.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return new Permit();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new Busy();
    }

    /** A turn taken: {@link #close} gives it back. */
    public static final class Permit implements AutoCloseable {
        private boolean open = true;

        private Permit() {}

        @Override
        public void close() {
            if (open) {
                open = false;
                PERMITS.release();
            }
        }
    }

    /** The node checks as many passwords as it may: the caller is to try again in {@link #RETRY_AFTER_SECONDS}. */
    @ApplicationException(rollback = true)
    public static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Busy() {
            super("Too many password checks at once: try again in " + RETRY_AFTER_SECONDS + " seconds");
        }
    }
}
