package org.syncsites.it.support;

import java.util.concurrent.Callable;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.evidence.PasswordGuessEvidence;

/**
 * Runs test code as a signed-in user, authenticated by the application's real security realm (the users
 * table and bcrypt), so that EJB permission checks see exactly what they would see for a browser user.
 */
public final class As {

    /** The first administrator; its password is given to the test server by the failsafe configuration. */
    public static final String ADMIN = "admin";

    public static final String ADMIN_PASSWORD = "it-admin-password";

    private As() {}

    public static <T> T admin(Callable<T> action) {
        return user(ADMIN, ADMIN_PASSWORD, action);
    }

    public static void admin(ThrowingRunnable action) {
        admin(() -> {
            action.run();
            return null;
        });
    }

    public static void user(String username, String password, ThrowingRunnable action) {
        user(username, password, () -> {
            action.run();
            return null;
        });
    }

    public static <T> T user(String username, String password, Callable<T> action) {
        SecurityIdentity identity = signedIn(username, password);
        try {
            return identity.runAs(action);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /** The identity of the user signed in now: it keeps the roles the realm gives them now, as a session does. */
    public static SecurityIdentity signedIn(String username, String password) {
        try {
            return SecurityDomain.getCurrent()
                    .authenticate(username, new PasswordGuessEvidence(password.toCharArray()));
        } catch (SecurityException | RealmUnavailableException e) {
            throw new AssertionError("Cannot sign in as " + username + ": " + e, e);
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
