package org.syncsites.user;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import org.syncsites.audit.AuditTrail;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.syncsites.security.PasswordHashing;

/**
 * Form sign-ins of users, and whether a signed-in session may go on.
 * <ul>
 *   <li>Each sign-in is <em>reserved</em> before its password is checked, in a transaction of its own that commits
 *       at once: after {@value #MAX_IN_A_ROW} without success the account waits {@link #WAIT} and further attempts
 *       are refused unchecked, however many arrive together and on whichever node. The right password clears the
 *       count. An editor who enables the account lifts the wait. The start of a wait is audited.</li>
 *   <li>A session remembers the account's access version from its sign-in; when a permission, the password or
 *       the account's state changes, the version rises and the session ends on its next request
 *       ({@link #status}), on any node, since the version is read from the database.</li>
 * </ul>
 */
@Stateless
@PermitAll
public class UserSignIns {

    static final int MAX_IN_A_ROW = 5;
    static final Duration WAIT = Duration.ofMinutes(10);

    /** A hash no password matches quickly, checked for an unknown name so that its answer takes as long. */
    private static final String UNKNOWN_USER_HASH = PasswordHashing.hash("no user has this password");

    /** What a session needs to know about its user's account on each request. */
    public record AccountStatus(boolean enabled, long accessVersion, boolean mustChangePassword) implements Serializable {
    }

    /** The outcome of reserving a sign-in: whether the password may be checked, and the account's version. */
    public record Reservation(boolean allowed, long accessVersion) {
        static final Reservation REFUSED = new Reservation(false, -1);
    }

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Reservation reserve(String username) {
        Optional<UserAccount> found = UserAccount.named(em, username, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            PasswordHashing.matches(username, UNKNOWN_USER_HASH);
            return Reservation.REFUSED;
        }
        UserAccount user = found.get();
        Instant now = Instant.now();
        boolean waitedBefore = user.signInWaitUntil() != null && now.isBefore(user.signInWaitUntil());
        if (!user.reserveSignIn(now, MAX_IN_A_ROW, WAIT)) {
            return Reservation.REFUSED;
        }
        if (!waitedBefore && user.signInWaitUntil() != null) {
            audit.record(AuditTrail.Action.USER_SIGN_INS_WAIT, "User", user.id(), user.username(), "sign-in",
                    null, MAX_IN_A_ROW + " sign-ins in a row without the right password: the next wait until "
                            + user.signInWaitUntil());
        }
        return new Reservation(user.enabled(), user.accessVersion());
    }

    /** The password was right: the count starts again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AccountStatus succeeded(String username) {
        UserAccount user = UserAccount.named(em, username, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
        user.clearFailedSignIns();
        return statusOf(user);
    }

    /** The account as a session sees it now; empty when the user no longer exists. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<AccountStatus> status(String username) {
        return em.createQuery("SELECT u.enabled AS enabled, u.accessVersion AS access_version, "
                        + "u.mustChangePassword AS must_change FROM UserAccount u WHERE u.username = :name",
                        Tuple.class)
                .setParameter("name", username).getResultStream().findFirst()
                .map(row -> new AccountStatus(row.get("enabled", Boolean.class), row.get("access_version", Long.class),
                        row.get("must_change", Boolean.class)));
    }

    static AccountStatus statusOf(UserAccount user) {
        return new AccountStatus(user.enabled(), user.accessVersion(), user.mustChangePassword());
    }
}
