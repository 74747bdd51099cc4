package org.syncsites.user;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import org.syncsites.security.Permission;

/**
 * What the pages show of a user. Never carries a password or its hash. Serializable: the signed-in user is kept
 * in the web session, which a cluster replicates.
 */
public record UserView(
        long id,
        String username,
        String fullName,
        boolean enabled,
        Set<Permission> permissions,
        boolean mustChangePassword,
        Instant signInsWaitUntil,
        boolean providerLinked,
        boolean providerLinkOpen)
        implements Serializable {

    static UserView of(UserAccount user) {
        Instant wait = user.signInWaitUntil() != null && Instant.now().isBefore(user.signInWaitUntil())
                ? user.signInWaitUntil()
                : null;
        return new UserView(
                user.id(),
                user.username(),
                user.fullName(),
                user.enabled(),
                user.permissions(),
                user.mustChangePassword(),
                wait,
                user.linkedToProvider(),
                user.providerLinkOpen());
    }

    /** Enabled and not waiting after failed sign-ins. */
    public boolean maySignIn() {
        return enabled && signInsWaitUntil == null;
    }

    public boolean mayEditSyncSettings() {
        return permissions.contains(Permission.EDIT_SYNC_SETTINGS);
    }
}
