package org.syncsites.siteusers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/** A person who uses the sites, as mSupply knows them: signs in to open-mSupply's devices through the central. */
@Entity
@Table(name = "site_user")
public class SiteUser {

    public static final int NAME_MAX_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The ID the sites know the user by. */
    private String uid;

    private String username;

    @Column(name = "username_key")
    private String usernameKey;

    @Column(name = "first_name")
    private String firstName = "";

    @Column(name = "last_name")
    private String lastName = "";

    private String email = "";

    private String phone = "";

    @Column(name = "job_title")
    private String jobTitle = "";

    /** mSupply's language number (see {@link Language}). */
    private int language;

    @Column(name = "password_hash")
    private String passwordHash;

    private boolean active = true;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected SiteUser() {}

    SiteUser(String uid, String username, Instant createdAt) {
        this.uid = uid;
        rename(username);
        this.createdAt = createdAt;
    }

    /** The key that makes user names unique, ignoring case. */
    public static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    void rename(String newUsername) {
        this.username = newUsername.strip();
        this.usernameKey = key(newUsername);
    }

    void describe(String first, String last, String mail, String phoneNumber, String job, int languageNumber) {
        this.firstName = first;
        this.lastName = last;
        this.email = mail;
        this.phone = phoneNumber;
        this.jobTitle = job;
        this.language = languageNumber;
    }

    void setPasswordHash(String hash) {
        this.passwordHash = hash;
    }

    void setActive(boolean isActive) {
        this.active = isActive;
    }

    public Long getId() {
        return id;
    }

    public String getUid() {
        return uid;
    }

    public String getUsername() {
        return username;
    }

    public String getFirstName() {
        return firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public String getEmail() {
        return email;
    }

    public String getPhone() {
        return phone;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public int getLanguage() {
        return language;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public boolean isActive() {
        return active;
    }

    public long getVersion() {
        return version;
    }

    /** How admins name the user. */
    public String label() {
        String full = (firstName + " " + lastName).strip();
        return full.isEmpty() ? username : username + " (" + full + ")";
    }
}
