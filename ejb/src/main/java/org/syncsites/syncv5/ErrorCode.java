package org.syncsites.syncv5;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code code} of an error body (§2.2): the six the protocol's clients recognise, then Sync Sites' own, which
 * clients show by their message.
 */
public enum ErrorCode {
    SITE_NAME_NOT_FOUND,
    SITE_INCORRECT_PASSWORD,
    SITE_INCORRECT_HARDWARE_ID,
    SITE_HAS_NO_STORE,
    SITE_AUTH_TIMEOUT,
    API_VERSION_INCOMPATIBLE,
    SYNC_IS_RUNNING,
    /** The request is not what the protocol describes; the message says what is wrong. */
    BAD_REQUEST,
    REQUEST_TOO_LARGE,
    RECORD_TOO_LARGE,
    /** A pushed record of a table only the central server changes. */
    RECORD_OF_CENTRAL_TABLE,
    /** A pushed record of a store that is not active on the pushing site. */
    RECORD_OF_ANOTHER_STORE,
    /** Integrating what the site pushed failed: {@code site_status} says so until its next push. */
    INTEGRATION_FAILED,
    /** An admin paused the site's sync: nothing is exchanged until they resume it; nothing queued is lost. */
    SITE_SYNC_PAUSED,
    /** {@code initialise} answered before the site's data was queued: poll {@code site_status}. */
    INITIALISATION_IN_PROGRESS,
    /** The site's data could not all be queued (a resync of its initialisation failed): an admin retries it. */
    INITIALISATION_FAILED,
    /**
     * The site's password was set in bulk on a server with another sign-in key: another server may check it. Kept in
     * the site's sync history and counted in the metrics; the site itself is answered {@link #SITE_INCORRECT_PASSWORD},
     * as for a name that is no site's.
     */
    PASSWORD_NOT_CHECKABLE_HERE,
    /**
     * The server checks as many passwords as it may at once (HTTP 429, with {@code Retry-After}): a sign-in that needs
     * its password checked is to be tried again shortly; sites that sign in with their digest are never told so.
     */
    SERVER_BUSY,
    /**
     * The site holds what only a later state of the central server gave it (its change-log cursor or the queue
     * entries it acknowledges are past what the central's database issued), as after a restore of that database from
     * a backup: nothing is exchanged with it that would lose data until an admin re-initialises it.
     */
    SITE_AHEAD_OF_CENTRAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code a wire word names; empty for a code this side does not know (clients keep it as text). */
    public static Optional<ErrorCode> of(String text) {
        for (ErrorCode code : values()) {
            if (code.wire().equals(text)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
