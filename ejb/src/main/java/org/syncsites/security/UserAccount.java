package org.syncsites.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

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

    @Column(name = "created_at")
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_permission", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "permission")
    private Set<String> permissionRoles = new HashSet<>();

    @Version
    private long version;

    protected UserAccount() {
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
        return permissionRoles.add(permission.role());
    }

    /** @return whether anything changed */
    boolean revoke(Permission permission) {
        return permissionRoles.remove(permission.role());
    }

    void changePassword(String newPassword) {
        this.passwordHash = PasswordHashing.hash(newPassword);
    }
}
