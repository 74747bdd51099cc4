package org.syncsites.site;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.PasswordHashing;

/**
 * A synchronisation site: a device that syncs with this server, or this server itself ({@link #isCentral()}).
 * The ID is allocated by the database and never reused. The sync password is kept only as a hash: bcrypt, or, for
 * one given in bulk, a quick hash until the site's first sign-in ({@link #storedPassword}).
 * <p>
 * Each concern of a site's row has one owner, the only class that writes its columns (checked by the architecture
 * test {@code SiteStateOwnersTest}); this entity maps the columns of the others read-only:
 * <ul>
 *   <li>identity and settings, pause, alert mute, the open-mSupply central flag: this entity, through its methods;</li>
 *   <li>the device bound, what it said at its last sign-in, the saved password, sign-in digests and failure counts,
 *       waits and block: {@link SignInGuard};</li>
 *   <li>initialisation and the last good sync: {@link SyncProgress};</li>
 *   <li>the queue's counters: {@code syncqueue.QueueCounters};</li>
 *   <li>the integration of what the site pushed: {@code sync.IntegrationProgress};</li>
 *   <li>the identity a legacy central gave it: {@code siteadmin.LegacyIdentities}.</li>
 * </ul>
 */
@Entity
@Table(name = "site")
@DynamicUpdate // an admin's save writes only what the admin changed, never the sync bookkeeping of a device
public class Site {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String code;

    private String name;

    /** The name in lower case, unique: site names are unique ignoring case. */
    @Column(name = "name_key")
    private String nameKey;

    @Column(name = "password_hash", updatable = false)
    private String passwordHash;

    @Column(name = "hardware_id", insertable = false, updatable = false)
    private String hardwareId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "site_type", updatable = false)
    private SiteType type;

    private boolean central;

    @Column(name = "active_on_datafile")
    private boolean activeOnDatafile;

    @Column(name = "alternative_http_client")
    private boolean alternativeHttpClient;

    @Column(name = "sync_interval_minutes")
    private int syncIntervalMinutes;

    @Column(name = "sync_request_size")
    private int syncRequestSize;

    @Column(name = "server_url")
    private String serverUrl;

    @Column(name = "failed_login_count", insertable = false, updatable = false)
    private int failedLoginCount;

    @Column(insertable = false, updatable = false)
    private boolean blocked;

    @Column(name = "app_version", insertable = false, updatable = false)
    private String appVersion;

    @Column(name = "first_connection_at", insertable = false, updatable = false)
    private Instant firstConnectionAt;

    @Column(name = "last_connection_at", insertable = false, updatable = false)
    private Instant lastConnectionAt;

    @Column(name = "last_successful_sync_at", insertable = false, updatable = false)
    private Instant lastSuccessfulSyncAt;

    @Column(name = "created_at")
    private Instant createdAt;

    /** new, started once the site asked to be initialised, completed once its data was queued (SyncProgress). */
    @Column(name = "initialisation_status", insertable = false, updatable = false)
    private String initialisationStatus = "new";

    /** Entries in the site's outgoing queue, kept by QueueCounters for every writer of sync_out. */
    @Column(name = "queue_length", insertable = false, updatable = false)
    private long queueLength;

    /** The lowest ID an entry of its queue can have (QueueCounters): moved by its acknowledgements. */
    @Column(name = "queue_start", insertable = false, updatable = false)
    private long queueStart;

    @Column(name = "sync_credential_digest", insertable = false, updatable = false)
    private String syncCredentialDigest;

    @Column(name = "sync_credential_expires_at", insertable = false, updatable = false)
    private Instant syncCredentialExpiresAt;

    /** The identity a legacy central gave the site (see {@link #protocolId}); written by LegacyIdentities. */
    @Column(name = "legacy_id", insertable = false, updatable = false)
    private String legacyId;

    @Column(name = "legacy_site_id", insertable = false, updatable = false)
    private Integer legacySiteId;

    /** The app its device last signed in with; written by SignInGuard. */
    @Column(name = "app_name", insertable = false, updatable = false)
    private String appName;

    /** When integrating what the site pushed last failed; written by IntegrationProgress, as the three below. */
    @Column(name = "integration_failed_at", insertable = false, updatable = false)
    private Instant integrationFailedAt;

    /** How many of the records the site pushed are set aside, not integrated. */
    @Column(name = "integration_set_aside", insertable = false, updatable = false)
    private long integrationSetAside;

    /** Since when an integration of what the site pushed is asked for and not finished. */
    @Column(name = "integration_requested_at", insertable = false, updatable = false)
    private Instant integrationRequestedAt;

    /** The last sign of life of that integration; one gone stale is resumed by any node. */
    @Column(name = "integration_heartbeat_at", insertable = false, updatable = false)
    private Instant integrationHeartbeatAt;

    /** Connection checks with a wrong password in a row, counted apart from sign-ins (see SignInGuard). */
    @Column(name = "failed_check_count", insertable = false, updatable = false)
    private int failedCheckCount;

    /** Until when this site's connection checks wait after too many with a wrong password (see SignInGuard). */
    @Column(name = "check_blocked_until", insertable = false, updatable = false)
    private Instant checkBlockedUntil;

    /** The one site (at most) that is the network's open-mSupply central server (sync v6); see SiteAdministration. */
    @Column(name = "oms_central")
    private boolean omsCentral;

    /** When an admin paused the site's sync, and who; null while it may sync. */
    @Column(name = "sync_paused_at")
    private Instant syncPausedAt;

    @Column(name = "sync_paused_by")
    private String syncPausedBy;

    /** Until when the site's alerts are not sent (they are still raised and shown), and who muted them; or null. */
    @Column(name = "alerts_muted_until")
    private Instant alertsMutedUntil;

    @Column(name = "alerts_muted_by")
    private String alertsMutedBy;

    @Version
    private long version;

    protected Site() {}

    /** @param storedPassword what is stored of its password ({@link #storedPassword}), or null for none */
    public Site(SiteSettings settings, boolean central, Instant createdAt, String storedPassword) {
        this.type = SiteType.STANDALONE;
        this.passwordHash = storedPassword;
        this.central = central;
        this.createdAt = createdAt;
        apply(settings);
    }

    /** The central server's own site, created on first start. */
    public static Site centralSite(String name, Instant createdAt) {
        return new Site(
                new SiteSettings(
                        "CENTRAL",
                        name,
                        true,
                        false,
                        SiteRules.DEFAULT_SYNC_INTERVAL_MINUTES,
                        SiteRules.DEFAULT_SYNC_REQUEST_SIZE,
                        ""),
                true,
                createdAt,
                null);
    }

    public final void apply(SiteSettings settings) {
        this.code = settings.code();
        this.name = settings.name();
        this.nameKey = nameKey(settings.name());
        this.activeOnDatafile = settings.activeOnDatafile();
        this.alternativeHttpClient = settings.alternativeHttpClient();
        this.syncIntervalMinutes = settings.syncIntervalMinutes();
        this.syncRequestSize = settings.syncRequestSize();
        this.serverUrl = settings.serverUrl();
    }

    public static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    public SiteSettings settings() {
        return new SiteSettings(
                code,
                name,
                activeOnDatafile,
                alternativeHttpClient,
                syncIntervalMinutes,
                syncRequestSize,
                serverUrl == null ? "" : serverUrl);
    }

    /**
     * What is stored of a site's password. Remote sites present the SHA-256 hex of it (sync v5), so that value is
     * what is hashed: with bcrypt, or, for a password given in bulk (thousands of sites at once), with a quick hash
     * that the site's first sign-in replaces with bcrypt ({@link PasswordHashing#quickHash}).
     */
    public static String storedPassword(String password, boolean inBulk) {
        String secret = syncSecret(password);
        return inBulk ? PasswordHashing.quickHash(secret) : hashOfSecret(secret);
    }

    /** The stored form of the secret a remote site presents (bcrypt). */
    public static String hashOfSecret(String secret) {
        return PasswordHashing.hash(secret.toLowerCase(Locale.ROOT));
    }

    /** The stored hash, for the sync sign-in's credential digest. Never leaves the business layer. */
    public String passwordHash() {
        return passwordHash;
    }

    public Instant getIntegrationRequestedAt() {
        return integrationRequestedAt;
    }

    public Instant getIntegrationFailedAt() {
        return integrationFailedAt;
    }

    public Instant getIntegrationHeartbeatAt() {
        return integrationHeartbeatAt;
    }

    public int getFailedCheckCount() {
        return failedCheckCount;
    }

    public Instant getCheckBlockedUntil() {
        return checkBlockedUntil;
    }

    public long getQueueLength() {
        return queueLength;
    }

    public long getQueueStart() {
        return queueStart;
    }

    /**
     * The site's ID as its device knows it ({@code GET /sync/v5/site}'s {@code siteId}, and its stores'
     * {@code sync_id_remote_site}): the one a legacy central gave it, when it moved from one, else its own.
     */
    public long protocolSiteId() {
        return legacySiteId != null ? legacySiteId : id;
    }

    /** The site's {@code id} as its device knows it: the legacy central's, else its own ID as text. */
    public String protocolId() {
        return legacyId != null ? legacyId : Long.toString(protocolSiteId());
    }

    public String getLegacyId() {
        return legacyId;
    }

    public Integer getLegacySiteId() {
        return legacySiteId;
    }

    public String getAppName() {
        return appName;
    }

    public String getInitialisationStatus() {
        return initialisationStatus;
    }

    public String getSyncCredentialDigest() {
        return syncCredentialDigest;
    }

    public Instant getSyncCredentialExpiresAt() {
        return syncCredentialExpiresAt;
    }

    /** Whether {@code secret}, the SHA-256 hex a remote site presents, is of this site's password. */
    public boolean syncSecretMatches(String secret) {
        return PasswordHashing.matches(secret.toLowerCase(Locale.ROOT), passwordHash);
    }

    /** What a remote site presents for a password: the lower-case hex SHA-256 of it. */
    public static String syncSecret(String password) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes this datafile's own site the remote site {@code settings.name()} of the central server at
     * {@code settings.serverUrl()}, with the site's sync settings.
     * @throws org.syncsites.platform.RuleViolation for values the site rules refuse, or a blank server URL
     */
    public void linkToCentral(SiteSettings settings) {
        if (!central) {
            throw new IllegalStateException("Only this datafile's own site syncs with a central server.");
        }
        SiteSettings trimmed = new SiteSettings(
                        code,
                        settings.name(),
                        activeOnDatafile,
                        settings.alternativeHttpClient(),
                        settings.syncIntervalMinutes(),
                        settings.syncRequestSize(),
                        settings.serverUrl())
                .trimmed();
        List<RuleViolation.Problem> problems = SiteRules.problemsWith(trimmed);
        if (trimmed.serverUrl().isEmpty()) {
            problems.add(new RuleViolation.Problem("serverUrl", Text.of("remote.serverUrl.missing")));
        }
        if (!problems.isEmpty()) {
            throw new RuleViolation(problems);
        }
        apply(trimmed);
    }

    /** The request size a remote site's sync arrived at, kept for its next sync (within the rules' bounds). */
    public void rememberSyncRequestSize(int size) {
        this.syncRequestSize =
                Math.max(SiteRules.MIN_SYNC_REQUEST_SIZE, Math.min(SiteRules.MAX_SYNC_REQUEST_SIZE, size));
    }

    public void markOmsCentral(boolean omsCentral) {
        this.omsCentral = omsCentral;
    }

    public boolean isOmsCentral() {
        return omsCentral;
    }

    /** Its device is refused until {@link #resumeSync}; nothing queued for it is lost. */
    public void pauseSync(Instant at, String by) {
        this.syncPausedAt = at;
        this.syncPausedBy = by;
    }

    public void resumeSync() {
        this.syncPausedAt = null;
        this.syncPausedBy = null;
    }

    public void muteAlerts(Instant until, String by) {
        this.alertsMutedUntil = until;
        this.alertsMutedBy = by;
    }

    public void unmuteAlerts() {
        this.alertsMutedUntil = null;
        this.alertsMutedBy = null;
    }

    /** Until when the site's alerts are muted, or null when they are sent (a mute that has ended is none). */
    public Instant alertsMutedUntil(Instant now) {
        return stillMuted(alertsMutedUntil, now);
    }

    /** A site's {@code alerts_muted_until} as it stands {@code now}: null once that time has passed, or when unset. */
    public static Instant stillMuted(Instant mutedUntil, Instant now) {
        return mutedUntil != null && mutedUntil.isAfter(now) ? mutedUntil : null;
    }

    /** Who muted the site's alerts, while they are muted {@code now}; else null. */
    public String alertsMutedBy(Instant now) {
        return alertsMutedUntil(now) == null ? null : alertsMutedBy;
    }

    public boolean isSyncPaused() {
        return syncPausedAt != null;
    }

    public Instant getSyncPausedAt() {
        return syncPausedAt;
    }

    public String getSyncPausedBy() {
        return syncPausedBy;
    }

    /**
     * Whether a remote device has used this site: renaming it or changing its password then stops that device
     * from syncing until it is updated too.
     */
    public boolean inUse() {
        return !central && (lastConnectionAt != null || hardwareId != null || lastSuccessfulSyncAt != null);
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public String getHardwareId() {
        return hardwareId;
    }

    public SiteType getType() {
        return type;
    }

    public boolean isCentral() {
        return central;
    }

    public boolean isActiveOnDatafile() {
        return activeOnDatafile;
    }

    public int getFailedLoginCount() {
        return failedLoginCount;
    }

    public boolean isBlocked() {
        return blocked;
    }

    public String getAppVersion() {
        return appVersion;
    }

    public Instant getFirstConnectionAt() {
        return firstConnectionAt;
    }

    public Instant getLastConnectionAt() {
        return lastConnectionAt;
    }

    public Instant getLastSuccessfulSyncAt() {
        return lastSuccessfulSyncAt;
    }

    public long getVersion() {
        return version;
    }

    /** What people call the site in messages: its name, with its code when it has one. */
    public String label() {
        return code == null || code.isEmpty() ? name : name + " (" + code + ")";
    }
}
