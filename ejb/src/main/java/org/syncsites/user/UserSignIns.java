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
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.PasswordHashing;
import org.syncsites.security.Permission;
import org.syncsites.security.RandomPasswords;
import org.syncsites.security.Roles;

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
    public record AccountStatus(boolean enabled, long accessVersion, boolean mustChangePassword, Set<String> roles)
            implements Serializable {

        /** The roles of an account with these permission roles: every account is a viewer (as the view user_role). */
        static Set<String> roles(Stream<String> permissionRoles) {
            Set<String> roles = new TreeSet<>(Set.of(Roles.VIEWER));
            permissionRoles.forEach(roles::add);
            return Set.copyOf(roles);
        }
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
            audit.record(
                    AuditTrail.Action.USER_SIGN_INS_WAIT,
                    "User",
                    user.id(),
                    user.username(),
                    "sign-in",
                    null,
                    MAX_IN_A_ROW + " sign-ins in a row without the right password: the next wait until "
                            + user.signInWaitUntil());
        }
        return new Reservation(user.enabled(), user.accessVersion());
    }

    /** The password was right: the count starts again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AccountStatus succeeded(String username) {
        UserAccount user =
                UserAccount.named(em, username, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
        user.clearFailedSignIns();
        return statusOf(user);
    }

    /**
     * A user whom the organisation's identity provider signed in (single sign-on, see wildfly-config/cli/oidc.cli):
     * their account here is made at their first sign-in, without a password of its own, and its "Edit sync
     * settings" permission follows the provider's role at every sign-in (the provider decides who may edit). An
     * account disabled here stays disabled: the provider cannot enable it. The account is the one linked to the
     * provider's user ({@code issuer} and {@code subject}: stable and unique, unlike a name); an account of the same
     * name is linked only when the provider made it, or an editor allowed it ({@link UserAdministration#openProviderLink}).
     *
     * @param editorAtProvider whether the provider gives the user the role that means "Edit sync settings"
     * @return the account's status, and whether the account was made or its permission changed (the request that
     *     signed in was authorized before: it must be made again to carry the account's roles as they are now)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ProviderSignIn signedInByProvider(String username, String issuer, String subject, boolean editorAtProvider) {
        if (username == null || username.isBlank() || username.length() > 60) {
            throw new RuleViolation("username", Text.of("user.sso.nameUnusable", String.valueOf(username)));
        }
        if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
            throw new RuleViolation("username", Text.of("user.sso.noSubject", username));
        }
        // the provider's user is who its issuer and subject say, whatever name it gives them now
        Optional<UserAccount> linked = UserAccount.ofProviderUser(em, issuer, subject);
        if (linked.isPresent() && !linked.get().username().equals(username)) {
            throw new RuleViolation(
                    "username",
                    Text.of("user.sso.renamed", username, linked.get().username()));
        }
        Optional<UserAccount> found =
                linked.isPresent() ? linked : UserAccount.named(em, username, LockModeType.PESSIMISTIC_WRITE);
        if (found.isPresent() && !found.get().linkedToProvider() && !found.get().providerLinkOpen()) {
            // an account of this name that the provider did not make, and no editor let it take: not theirs
            throw new RuleViolation("username", Text.of("user.sso.notLinked", username));
        }
        if (found.isPresent() && found.get().linkedToProvider() && linked.isEmpty()) {
            // linked to another of the provider's users (the name moved on to someone else there)
            throw new RuleViolation("username", Text.of("user.sso.otherUser", username));
        }
        boolean changed = found.isEmpty();
        UserAccount user = found.orElseGet(() -> {
            // a password nobody knows: the realm needs a hash, and the sign-in form must not open this account
            UserAccount made = new UserAccount(username, "", RandomPasswords.next(), Instant.now());
            em.persist(made);
            em.flush();
            audit.record(
                    AuditTrail.Action.USER_CREATED,
                    "User",
                    made.id(),
                    username,
                    "signed in by",
                    null,
                    "the identity provider");
            return made;
        });
        if (!user.linkedToProvider()) {
            user.linkToProvider(issuer, subject);
            audit.record(
                    AuditTrail.Action.USER_PROVIDER_LINKED,
                    "User",
                    user.id(),
                    username,
                    "identity provider",
                    null,
                    subject + " at " + issuer);
        }
        if (editorAtProvider && user.grant(Permission.EDIT_SYNC_SETTINGS)) {
            changed = true;
            audit.record(
                    AuditTrail.Action.PERMISSION_GRANTED,
                    "User",
                    user.id(),
                    username,
                    "permission",
                    null,
                    Permission.EDIT_SYNC_SETTINGS.label() + " (role at the identity provider)");
        } else if (!editorAtProvider && user.revoke(Permission.EDIT_SYNC_SETTINGS)) {
            changed = true;
            audit.record(
                    AuditTrail.Action.PERMISSION_REVOKED,
                    "User",
                    user.id(),
                    username,
                    "permission",
                    Permission.EDIT_SYNC_SETTINGS.label(),
                    "(no role at the identity provider)");
        }
        user.clearFailedSignIns();
        return new ProviderSignIn(statusOf(user), changed);
    }

    /** See {@link #signedInByProvider}. */
    public record ProviderSignIn(AccountStatus status, boolean accountChanged) {}

    /**
     * The account as a session sees it now, with the roles it gives (those the security realm gives it too);
     * empty when the user no longer exists.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<AccountStatus> status(String username) {
        return statusOf(em, username);
    }

    /** {@link #status}, read with the caller's entity manager (the business tier's own check, AccountGuard). */
    static Optional<AccountStatus> statusOf(EntityManager em, String username) {
        List<Tuple> rows = em.createQuery(
                        "SELECT u.enabled AS enabled, u.accessVersion AS access_version, "
                                + "u.mustChangePassword AS must_change, p AS permission FROM UserAccount u "
                                + "LEFT JOIN u.permissionRoles p WHERE u.username = :name",
                        Tuple.class)
                .setParameter("name", username)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Tuple row = rows.get(0);
        return Optional.of(new AccountStatus(
                row.get("enabled", Boolean.class),
                row.get("access_version", Long.class),
                row.get("must_change", Boolean.class),
                AccountStatus.roles(rows.stream()
                        .map(permission -> permission.get("permission", String.class))
                        .filter(Objects::nonNull))));
    }

    static AccountStatus statusOf(UserAccount user) {
        return new AccountStatus(
                user.enabled(),
                user.accessVersion(),
                user.mustChangePassword(),
                AccountStatus.roles(user.permissions().stream().map(Permission::role)));
    }
}
