package org.syncsites.sync;

import java.io.Serializable;

/**
 * What the central server answers a remote site's "Check connection": whether its sync version is supported,
 * whether its credentials are accepted and whether its device is the one the site is bound to. A check never
 * counts as a failed sign-in and never binds a device.
 */
public record ConnectionCheck(boolean versionCompatible, Credentials credentials, Device device)
        implements Serializable {

    public enum Credentials {
        ACCEPTED,
        /** wrong site name or password (the two are not told apart) */
        REJECTED,
        /** the site is blocked after too many failed sign-ins: an administrator must unblock it */
        BLOCKED,
        /** too many checks with a wrong password lately: checks of this site wait a while */
        TOO_MANY_CHECKS
    }

    public enum Device {
        /** the site is bound to this device */
        MATCHES,
        /** no device yet: the first sync binds this one */
        NOT_BOUND,
        /** the site is bound to another device: an administrator must reset its hardware ID */
        ANOTHER_DEVICE,
        /** not checked, because the credentials were not accepted */
        UNKNOWN
    }
}
