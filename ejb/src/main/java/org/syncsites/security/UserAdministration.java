package org.syncsites.security;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Users and their permissions. Only holders of "Edit sync settings" manage users; every change is audited.
 * There is always at least one user who holds "Edit sync settings", so the settings can never become
 * uneditable.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class UserAdministration {

    static final int MIN_PASSWORD_LENGTH = 8;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @EJB
    private AuditTrail audit;

    public List<UserView> list() {
        return em.createQuery("SELECT u FROM UserAccount u ORDER BY u.username", UserAccount.class)
                .getResultStream().map(UserView::of).toList();
    }

    public UserView create(String username, String fullName, String password) {
        String name = username == null ? "" : username.trim();
        if (name.isEmpty() || name.length() > 60 || !name.matches("[A-Za-z0-9._@-]+")) {
            throw new RuleViolation("username", "Enter a user name of 1 to 60 letters, digits, '.', '_', '@' or '-'.");
        }
        boolean taken = !em.createQuery("SELECT u.id FROM UserAccount u WHERE LOWER(u.username) = :name", Long.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT)).getResultList().isEmpty();
        if (taken) {
            throw new RuleViolation("username", "There is already a user called '" + name + "'. Choose another name.");
        }
        requireAcceptable(password);
        String full = fullName == null ? "" : fullName.trim();
        if (full.length() > 100) {
            throw new RuleViolation("fullName", "The full name is longer than 100 characters. Shorten it.");
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
            audit.record(AuditTrail.Action.PERMISSION_GRANTED, "User", userId, user.username(), "permission",
                    null, permission.label());
        }
        return UserView.of(user);
    }

    public UserView revoke(long userId, Permission permission) {
        UserAccount user = find(userId);
        if (user.has(permission) && permission == Permission.EDIT_SYNC_SETTINGS && editorsOtherThan(userId) == 0) {
            throw new RuleViolation("'" + user.username() + "' is the only user who may edit sync settings. "
                    + "Grant the permission to another user first.");
        }
        if (user.revoke(permission)) {
            audit.record(AuditTrail.Action.PERMISSION_REVOKED, "User", userId, user.username(), "permission",
                    permission.label(), null);
        }
        return UserView.of(user);
    }

    public void setPassword(long userId, String newPassword) {
        UserAccount user = find(userId);
        requireAcceptable(newPassword);
        user.changePassword(newPassword);
        audit.record(AuditTrail.Action.PASSWORD_SET, "User", userId, user.username(), "password", null, null);
    }

    /** The signed-in user: every user may read this about themselves. */
    @RolesAllowed(Roles.VIEWER)
    public UserView currentUser() {
        String name = caller.getCallerPrincipal().getName();
        return em.createQuery("SELECT u FROM UserAccount u WHERE u.username = :name", UserAccount.class)
                .setParameter("name", name).getResultStream().findFirst().map(UserView::of)
                .orElseThrow(() -> new NotFound("There is no user called '" + name + "'."));
    }

    private long editorsOtherThan(long userId) {
        return em.createQuery("SELECT COUNT(u) FROM UserAccount u JOIN u.permissionRoles r "
                        + "WHERE r = :role AND u.id <> :id AND u.enabled = TRUE", Long.class)
                .setParameter("role", Roles.EDIT_SYNC_SETTINGS).setParameter("id", userId).getSingleResult();
    }

    private UserAccount find(long userId) {
        UserAccount user = em.find(UserAccount.class, userId);
        if (user == null) {
            throw new NotFound("User " + userId + " no longer exists. Reload the list of users.");
        }
        return user;
    }

    private static void requireAcceptable(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new RuleViolation("password", "Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }
}
