package org.syncsites.syncv5;

import java.io.Serializable;
import java.util.Locale;

/**
 * Sync Sites' answer to {@code GET check_connection}, its own addition to v5: which server answers and the sync
 * versions it speaks, whether the caller's version is among them, whether its credentials are accepted and
 * whether its device is the one the site is bound to. A check never counts as a failed sign-in and never binds a
 * device.
 */
public record ConnectionCheck(
        String server,
        int minVersion,
        int maxVersion,
        boolean versionCompatible,
        Credentials credentials,
        Device device)
        implements Serializable {

    public enum Credentials {
        ACCEPTED,
        /** wrong site name or password (the two are not told apart) */
        REJECTED,
        /** the site is blocked after too many failed sign-ins: an administrator must unblock it */
        BLOCKED,
        /**
         * too many checks with a wrong password lately: checks of this site wait a while. No longer sent by this
         * server (it told an existing name from an unknown one: such checks are answered {@code REJECTED}); read from
         * a central of an earlier version
         */
        TOO_MANY_CHECKS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Device {
        /** the site is bound to this device */
        MATCHES,
        /** no device yet: the first sync binds this one */
        NOT_BOUND,
        /** the site is bound to another device: an administrator must reset its hardware ID */
        ANOTHER_DEVICE,
        /** not checked, because the credentials were not accepted */
        UNKNOWN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
