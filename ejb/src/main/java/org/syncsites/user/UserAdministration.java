package org.syncsites.user;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.PasswordHashing;
import org.syncsites.security.Permission;
import org.syncsites.security.Roles;

/**
 * Users, their permissions and their accounts. Only holders of "Edit sync settings" manage users; every user
 * changes their own password. Every change is audited.
 * There is always at least one enabled user who holds "Edit sync settings", so the settings can never become
 * uneditable: a change that could take the last one away locks every user row first ({@link #lockUsers}), so two
 * editors disabling each other at once are taken one after the other and the second is refused.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class UserAdministration {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @EJB
    private UserSignIns signIns;

    @EJB
    private AuditTrail audit;

    @EJB
    private ApiTokens tokens;

    public List<UserView> list() {
        return em.createQuery("SELECT u FROM UserAccount u ORDER BY u.username", UserAccount.class)
                .getResultStream()
                .map(UserView::of)
                .toList();
    }

    public UserView create(String username, String fullName, String password) {
        String name = username == null ? "" : username.trim();
        if (name.isEmpty() || name.length() > 60 || !name.matches("[A-Za-z0-9._@-]+")) {
            throw new RuleViolation("username", Text.of("user.name.invalid"));
        }
        boolean taken = !em.createQuery("SELECT u.id FROM UserAccount u WHERE LOWER(u.username) = :name", Long.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT))
                .getResultList()
                .isEmpty();
        if (taken) {
            throw new RuleViolation("username", Text.of("user.name.taken", name));
        }
        requireAcceptable(name, password, "password");
        String full = fullName == null ? "" : fullName.trim();
        if (full.length() > 100) {
            throw new RuleViolation("fullName", Text.of("user.fullName.tooLong"));
        }
        UserAccount user = new UserAccount(name, full, password, Instant.now());
        em.persist(user);
        em.flush();
        audit.record(AuditTrail.Action.USER_CREATED, "User", user.id(), name, null, null, null);
        return UserView.of(user);
    }

    public UserView grant(long userId, Permission permission) {
        UserAccount user = find(userId);
        if (user.grant(permission)) {
            audit.record(
                    AuditTrail.Action.PERMISSION_GRANTED,
                    "User",
                    userId,
                    user.username(),
                    "permission",
                    null,
                    permission.label());
        }
        return UserView.of(user);
    }

    public UserView revoke(long userId, Permission permission) {
        lockUsers();
        UserAccount user = find(userId);
        if (user.has(permission)
                && permission == Permission.EDIT_SYNC_SETTINGS
                && user.enabled()
                && enabledEditorsOtherThan(userId) == 0) {
            throw new RuleViolation(Text.of("user.lastEditor", user.username()));
        }
        if (user.revoke(permission)) {
            audit.record(
                    AuditTrail.Action.PERMISSION_REVOKED,
                    "User",
                    userId,
                    user.username(),
                    "permission",
                    permission.label(),
                    null);
        }
        return UserView.of(user);
    }

    /**
     * An editor sets another user's password, e.g. when they forgot theirs: the user's sessions end and they must
     * choose their own password at their next sign-in. (Set for oneself, it is simply one's new password.)
     */
    public UserView setPassword(long userId, String newPassword) {
        UserAccount user = find(userId);
        requireAcceptable(user.username(), newPassword, "password");
        boolean own = user.username().equals(callerName());
        user.changePassword(newPassword, own);
        audit.record(
                AuditTrail.Action.PASSWORD_SET,
                "User",
                userId,
                user.username(),
                "password",
                null,
                own ? null : "must be changed at the next sign-in");
        return UserView.of(user);
    }

    /**
     * The signed-in user chooses a new password, giving the current one. Their other sessions end; the caller
     * keeps theirs by remembering the returned access version.
     * @return the account's access version after the change
     */
    @RolesAllowed(Roles.VIEWER)
    public long changeOwnPassword(String currentPassword, String newPassword) {
        // a guess of the current password is counted as a sign-in is, before it is checked (in a transaction of its
        // own, before this one locks the account): a stolen session cannot guess it at leisure
        if (!signIns.reserve(callerName()).allowed()) {
            throw new RuleViolation("currentPassword", Text.of("user.password.wait", UserSignIns.WAIT.toMinutes()));
        }
        UserAccount user = UserAccount.signedIn(em, callerName(), LockModeType.PESSIMISTIC_WRITE);
        if (!PasswordHashing.matches(currentPassword, user.passwordHash())) {
            throw new RuleViolation("currentPassword", Text.of("user.password.notCurrent"));
        }
        user.clearFailedSignIns();
        requireAcceptable(user.username(), newPassword, "newPassword");
        if (newPassword.equals(currentPassword)) {
            throw new RuleViolation("newPassword", Text.of("user.password.same"));
        }
        user.changePassword(newPassword, true);
        audit.record(AuditTrail.Action.PASSWORD_CHANGED, "User", user.id(), user.username(), "password", null, null);
        return user.accessVersion();
    }

    /**
     * A disabled user cannot sign in, and their sessions end on their next request. Never the last enabled user
     * who may edit sync settings, and never oneself (another editor must do it).
     */
    public UserView disable(long userId) {
        lockUsers();
        UserAccount user = find(userId);
        if (!user.enabled()) {
            return UserView.of(user);
        }
        if (user.username().equals(callerName())) {
            throw new RuleViolation(Text.of("user.disable.self"));
        }
        if (user.has(Permission.EDIT_SYNC_SETTINGS) && enabledEditorsOtherThan(userId) == 0) {
            throw new RuleViolation(Text.of("user.lastEditor", user.username()));
        }
        user.disable();
        audit.record(AuditTrail.Action.USER_DISABLED, "User", userId, user.username(), "enabled", "yes", "no");
        int ended = tokens.endAllOf(userId);
        if (ended > 0) {
            audit.record(
                    AuditTrail.Action.API_TOKEN_REVOKED,
                    "User",
                    userId,
                    user.username(),
                    "API tokens",
                    ended + " (all)",
                    null);
        }
        return UserView.of(user);
    }

    /**
     * Lets the identity provider's user of the same name take this account at their next sign-in there (single
     * sign-on), ending any link it had: an account the provider did not make is never given to a provider's user
     * otherwise. Audited.
     */
    public UserView openProviderLink(long userId) {
        UserAccount user = find(userId);
        user.openProviderLink();
        audit.record(
                AuditTrail.Action.USER_PROVIDER_LINK_OPENED,
                "User",
                userId,
                user.username(),
                "identity provider",
                null,
                "the provider's user of this name, at their next sign-in");
        return UserView.of(user);
    }

    /** Enables a disabled user, and lifts a wait after failed sign-ins. */
    public UserView enable(long userId) {
        UserAccount user = find(userId);
        boolean wasEnabled = user.enabled();
        boolean wasWaiting = user.signInWaitUntil() != null;
        user.enable();
        if (!wasEnabled || wasWaiting) {
            audit.record(
                    AuditTrail.Action.USER_ENABLED,
                    "User",
                    userId,
                    user.username(),
                    "enabled",
                    wasEnabled ? "yes, sign-ins waiting" : "no",
                    "yes");
        }
        return UserView.of(user);
    }

    /** The signed-in user: every user may read this about themselves. */
    @RolesAllowed(Roles.VIEWER)
    public UserView currentUser() {
        String name = caller.getCallerPrincipal().getName();
        return UserView.of(UserAccount.signedIn(em, name, LockModeType.NONE));
    }

    /** The language the signed-in user chose for the pages (a language tag such as "fr"), or null: the browser's. */
    @RolesAllowed(Roles.VIEWER)
    public String ownLanguage() {
        List<?> found = em.createNativeQuery("SELECT language FROM app_user WHERE username = ?1")
                .setParameter(1, callerName())
                .getResultList();
        return found.isEmpty() ? null : (String) found.get(0);
    }

    /**
     * Keeps the language the signed-in user chose (a language tag such as "fr"; null: the browser's). A preference,
     * not a change of the account: not audited, and the user's sessions go on.
     */
    @RolesAllowed(Roles.VIEWER)
    public void chooseOwnLanguage(String languageTag) {
        if (languageTag != null && !LANGUAGE_TAG.matcher(languageTag).matches()) {
            throw new IllegalArgumentException("Not a language tag: " + languageTag);
        }
        em.createNativeQuery("UPDATE app_user SET language = ?1 WHERE username = ?2")
                .setParameter(1, languageTag)
                .setParameter(2, callerName())
                .executeUpdate();
    }

    /** A language, optionally with its country: fr, pt-BR. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

    /**
     * Locks every user row, in ID order, until the transaction ends: taken by every change that could leave no
     * enabled editor, so such changes run one after another and each counts what the one before committed.
     */
    private void lockUsers() {
        em.createNativeQuery("SELECT id FROM app_user ORDER BY id FOR UPDATE").getResultList();
    }

    private String callerName() {
        return caller.getCallerPrincipal().getName();
    }

    private long enabledEditorsOtherThan(long userId) {
        return em.createQuery(
                        "SELECT COUNT(u) FROM UserAccount u JOIN u.permissionRoles r "
                                + "WHERE r = :role AND u.id <> :id AND u.enabled = TRUE",
                        Long.class)
                .setParameter("role", Roles.EDIT_SYNC_SETTINGS)
                .setParameter("id", userId)
                .getSingleResult();
    }

    private UserAccount find(long userId) {
        UserAccount user = em.find(UserAccount.class, userId);
        if (user == null) {
            throw new NotFound(Text.of("user.notFound.reload", userId));
        }
        return user;
    }

    private static void requireAcceptable(String username, String password, String field) {
        PasswordPolicy.problem(username, password).ifPresent(problem -> {
            throw new RuleViolation(field, problem);
        });
    }
}
