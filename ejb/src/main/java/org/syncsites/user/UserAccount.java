package org.syncsites.user;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.Text;
import org.syncsites.security.PasswordHashing;
import org.syncsites.security.Permission;

/** A person who signs in to the administration pages, with the permissions an admin granted them. */
@Entity
@Table(name = "app_user")
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    @Column(name = "full_name")
    private String fullName;

    /** bcrypt, modular crypt format: see {@link PasswordHashing}. Read by the security realm at login. */
    @Column(name = "password_hash")
    private String passwordHash;

    private boolean enabled = true;

    /** The password was generated or set by another user: the user must choose their own before anything else. */
    @Column(name = "must_change_password")
    private boolean mustChangePassword;

    /**
     * Raised whenever what a signed-in session of this user may do changes; a session signed in under an older
     * version ends on its next request (see {@link UserSignIns}).
     */
    @Column(name = "access_version")
    private long accessVersion;

    /** Form sign-ins counted since the last success, each counted before its password is checked. */
    @Column(name = "failed_sign_ins")
    private int failedSignIns;

    @Column(name = "sign_in_wait_until")
    private Instant signInWaitUntil;

    @Column(name = "created_at")
    private Instant createdAt;

    /** Who the identity provider says the user is (single sign-on): its issuer, and the user's {@code sub} there. */
    @Column(name = "provider_issuer")
    private String providerIssuer;

    @Column(name = "provider_subject")
    private String providerSubject;

    /** Whether the account may be linked to the provider's user of the same name at their next sign-in there. */
    @Column(name = "provider_link_open")
    private boolean providerLinkOpen;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_permission", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "permission")
    private Set<String> permissionRoles = new HashSet<>();

    @Version
    private long version;

    protected UserAccount() {}

    /** The signed-in user's own account, read with the given lock; NotFound when it no longer exists. */
    static UserAccount signedIn(EntityManager em, String username, LockModeType lock) {
        return named(em, username, lock).orElseThrow(() -> new NotFound(Text.of("user.notFound.name", username)));
    }

    /** The user with this exact name, read with the given lock (NONE, or PESSIMISTIC_WRITE to change it). */
    static Optional<UserAccount> named(EntityManager em, String username, LockModeType lock) {
        return em.createQuery("SELECT u FROM UserAccount u WHERE u.username = :name", UserAccount.class)
                .setParameter("name", username == null ? "" : username)
                .setLockMode(lock)
                .getResultStream()
                .findFirst();
    }

    public UserAccount(String username, String fullName, String password, Instant createdAt) {
        this.username = username;
        this.fullName = fullName;
        this.passwordHash = PasswordHashing.hash(password);
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    /** The account of the provider's user {@code subject} of {@code issuer}, read with its row locked. */
    static Optional<UserAccount> ofProviderUser(EntityManager em, String issuer, String subject) {
        return em.createQuery(
                        "SELECT u FROM UserAccount u WHERE u.providerIssuer = :issuer AND u.providerSubject = "
                                + ":subject",
                        UserAccount.class)
                .setParameter("issuer", issuer)
                .setParameter("subject", subject)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    boolean linkedToProvider() {
        return providerSubject != null;
    }

    boolean providerLinkOpen() {
        return providerLinkOpen;
    }

    /** Links the account to the provider's user: from now on only that user signs in to it through the provider. */
    void linkToProvider(String issuer, String subject) {
        this.providerIssuer = issuer;
        this.providerSubject = subject;
        this.providerLinkOpen = false;
    }

    /** An editor allows the provider's user of the same name to take this account at their next sign-in there. */
    void openProviderLink() {
        this.providerIssuer = null;
        this.providerSubject = null;
        this.providerLinkOpen = true;
    }

    public String username() {
        return username;
    }

    public String fullName() {
        return fullName;
    }

    public boolean enabled() {
        return enabled;
    }

    public long version() {
        return version;
    }

    public Set<Permission> permissions() {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissionRoles.forEach(role -> permissions.add(Permission.ofRole(role)));
        return permissions;
    }

    public boolean has(Permission permission) {
        return permissionRoles.contains(permission.role());
    }

    /** For the first administrator, before any admin exists to grant it. */
    public void grantInitially(Permission permission) {
        permissionRoles.add(permission.role());
    }

    /** @return whether anything changed */
    boolean grant(Permission permission) {
        boolean changed = permissionRoles.add(permission.role());
        if (changed) {
            accessChanged();
        }
        return changed;
    }

    /** @return whether anything changed */
    boolean revoke(Permission permission) {
        boolean changed = permissionRoles.remove(permission.role());
        if (changed) {
            accessChanged();
        }
        return changed;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public long accessVersion() {
        return accessVersion;
    }

    /** Until when form sign-ins are refused unchecked, or null. */
    public Instant signInWaitUntil() {
        return signInWaitUntil;
    }

    String passwordHash() {
        return passwordHash;
    }

    /** For the first administrator's generated password, which was shown in the server log. */
    public void requirePasswordChange() {
        mustChangePassword = true;
    }

    /**
     * A new password. Chosen by the user themselves, it is theirs; set by someone else, it must be changed at the
     * next sign-in. Either way the user's other sessions end.
     */
    void changePassword(String newPassword, boolean chosenByTheUser) {
        this.passwordHash = PasswordHashing.hash(newPassword);
        this.mustChangePassword = !chosenByTheUser;
        accessChanged();
    }

    void disable() {
        enabled = false;
        accessChanged();
    }

    /** Enabling also lifts a wait after failed sign-ins. */
    void enable() {
        enabled = true;
        clearFailedSignIns();
    }

    void accessChanged() {
        accessVersion++;
    }

    /**
     * Counts one form sign-in before its password is checked.
     * @return false when sign-ins wait (the attempt must not be checked)
     */
    boolean reserveSignIn(Instant now, int maxInARow, Duration wait) {
        if (signInWaitUntil != null && now.isBefore(signInWaitUntil)) {
            return false;
        }
        if (signInWaitUntil != null) {
            clearFailedSignIns();
        }
        failedSignIns++;
        if (failedSignIns >= maxInARow) {
            signInWaitUntil = now.plus(wait);
        }
        return true;
    }

    void clearFailedSignIns() {
        failedSignIns = 0;
        signInWaitUntil = null;
    }
}
