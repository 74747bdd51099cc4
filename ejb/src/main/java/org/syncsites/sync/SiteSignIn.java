package org.syncsites.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.syncsites.platform.Meters;
import org.syncsites.platform.Text;
import org.syncsites.security.PasswordChecks;
import org.syncsites.security.PasswordHashing;
import org.syncsites.security.SignInKey;
import org.syncsites.site.MinimumAppVersions;
import org.syncsites.site.SignInGuard;
import org.syncsites.site.Site;
import org.syncsites.synchistory.SyncSessions;
import org.syncsites.syncv5.ConnectionCheck;
import org.syncsites.syncv5.ErrorCode;
import org.syncsites.syncv5.SyncHeaders;

/**
 * Signs a remote site in, on every v5 request: sync API version, credentials, device.
 * <ul>
 *   <li>The first successful sign-in binds the device's hardware ID; another device is refused
 *       ({@code site_incorrect_hardware_id}, 401) until an admin resets it.</li>
 *   <li>Wrong passwords are counted ({@link SignInGuard}, each check reserved before it is made): after
 *       {@value SignInGuard#DEFAULT_MAX_FAILED_SIGN_INS} in a row from the site's device (setting
 *       {@code syncsites.sync.maxFailedSignIns}) the site is blocked until an admin unblocks it; wrong passwords
 *       from another device never block it, they only make other devices wait. A success resets the count.</li>
 *   <li>An unknown site name gets the same answer as a wrong password, after the same bcrypt work, so that
 *       neither the answer nor its timing tells which names exist. So does a blocked site, or one whose other
 *       devices wait, to anyone but its bound device: only that device is told {@code site_auth_timeout}
 *       ({@link #refusedUnchecked}), so a stranger learns neither that the name exists nor that it is blocked.</li>
 *   <li>A site an admin paused is refused ({@code site_sync_paused}, 403) once its device has signed in: only
 *       its own device learns it is paused.</li>
 *   <li>Every refusal of a site that exists is noted in its sync history ({@link SyncSessions}).</li>
 *   <li>bcrypt runs once per password: a successful check leaves a digest of the credentials in the site's row
 *       (so every cluster node sees it), which later sign-ins compare instead, so that a network of sites coming
 *       back online together (after an outage, every morning) is not held up by thousands of bcrypt checks. The
 *       digest is an HMAC under a key kept outside the database ({@link SignInKey}) over the password hash and the
 *       secret: a copy of the database alone tests no guess with it, and a new password (a new hash) voids it. It
 *       also lapses after {@value #DEFAULT_DIGEST_DAYS} days without a sign-in (setting
 *       {@code syncsites.sync.signInDigestDays}), so that sites long gone leave none behind.</li>
 * </ul>
 * All state lives in the database: any node can serve any request of a sync.
 */
@Stateless
@PermitAll
public class SiteSignIn {

    /** How this server names itself to a connection check. */
    public static final String SERVER_NAME = "Sync Sites";
    /**
     * The sync API versions accepted (the {@code version} header): 5 to 14 unless the operator says otherwise with
     * {@code -Dsyncsites.sync.minVersion} and {@code -Dsyncsites.sync.maxVersion}, e.g. when a newer open-mSupply
     * release speaks a higher version of the same protocol.
     */
    public static final int MIN_SYNC_VERSION = Integer.getInteger("syncsites.sync.minVersion", 5);

    public static final int MAX_SYNC_VERSION = Integer.getInteger("syncsites.sync.maxVersion", 14);
    static final int DEFAULT_DIGEST_DAYS = 30;
    static final Duration CREDENTIAL_DIGEST_LIFETIME =
            Duration.ofDays(Long.getLong("syncsites.sync.signInDigestDays", DEFAULT_DIGEST_DAYS));

    private static final Logger LOG = Logger.getLogger(SiteSignIn.class.getName());

    /** Compared against for unknown site names, so that they cost the same bcrypt work as known ones. */
    private static final String UNKNOWN_SITE_HASH = PasswordHashing.hash("no site has this password");

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private Meters meters;

    @EJB
    private SignInGuard guard;

    @EJB
    private SyncSessions sessions;

    @EJB
    private MinimumAppVersions minimumAppVersions;

    public AuthenticatedSite signIn(SyncHeaders headers) {
        try {
            return signInOrRefuse(headers);
        } catch (SyncRefusal refused) {
            if (refused.code() == ErrorCode.SITE_INCORRECT_PASSWORD) {
                meters.signInFailed("site");
            }
            // the site's history, the log and the metrics say why; the caller learns no more than from a name that
            // is no site's (see checkableHere)
            throw refused.code() == ErrorCode.PASSWORD_NOT_CHECKABLE_HERE ? wrongCredentials() : refused;
        }
    }

    private AuthenticatedSite signInOrRefuse(SyncHeaders headers) {
        requireSupportedVersion(headers.syncVersion());
        String[] credentials = basicCredentials(headers.authorization());
        String secret = credentials[1];
        Site site = remoteSiteNamed(credentials[0]);
        try (PasswordChecks.Permit turn = needsCheck(site, secret) ? PasswordChecks.permit() : null) {
            if (site == null) {
                sameWorkAsACheck(secret);
                throw wrongCredentials();
            }
            String hardwareId =
                    headers.hardwareId() == null ? "" : headers.hardwareId().strip();
            try {
                return signIn(site, secret, hardwareId, headers);
            } catch (SyncRefusal refused) {
                sessions.refused(site.getId(), hardwareId, headers.appVersion(), refused.code(), refused.text());
                guard.noteDevice(
                        site.getId(),
                        hardwareId,
                        new SignInGuard.DeviceReport(headers.appName(), headers.appVersion()),
                        deviceAnswer(refused.code()),
                        Instant.now());
                throw refused;
            }
        }
    }

    /** Signs in a site that exists, refusing with a {@link SyncRefusal}: the sync history notes each refusal. */
    private AuthenticatedSite signIn(Site site, String secret, String hardwareId, SyncHeaders headers) {
        if (site.isBlocked()) {
            throw refusedUnchecked(site, hardwareId);
        }
        // no device bound yet: failures are counted per device, and make that device wait, never block the site
        boolean unbound = site.getHardwareId() == null;
        SignInGuard.Kind kind = !unbound && !site.getHardwareId().equals(hardwareId)
                ? SignInGuard.Kind.OTHER_DEVICE
                : SignInGuard.Kind.SIGN_IN;
        String digest = digest(site, secret);
        boolean checked = !digestMatches(site, digest);
        if (checked) {
            if (!checkableHere(site, secret)) {
                throw new SyncRefusal(
                        401, ErrorCode.PASSWORD_NOT_CHECKABLE_HERE, Text.of("sync.passwordNotCheckableHere"));
            }
            if (unbound ? !guard.reserveForDevice(site.getId(), hardwareId) : !guard.reserve(site.getId(), kind)) {
                // over the limit: refused without looking at the password
                throw refusedUnchecked(site, hardwareId);
            }
            if (!passwordMatches(site, secret)) {
                if (unbound) {
                    guard.failedForDevice(site.getId(), site.label(), hardwareId);
                    throw wrongCredentials();
                }
                throw guard.failed(site.getId(), site.label(), kind) && boundTo(site, hardwareId)
                        ? blocked(site)
                        : wrongCredentials();
            }
            if (!unbound) {
                guard.succeeded(site.getId(), kind);
            }
            digest = digest(site, secret); // a quick hash became bcrypt
        }
        if (hardwareId.isEmpty()) {
            throw new SyncRefusal(401, ErrorCode.SITE_INCORRECT_HARDWARE_ID, Text.of("sync.noDevice"));
        }
        boolean boundNow = false;
        if (site.getHardwareId() == null) {
            // of two devices signing in for the first time together, exactly one is bound
            boundNow = guard.bindDevice(site.getId(), hardwareId);
            em.refresh(site);
        }
        if (!hardwareId.equals(site.getHardwareId())) {
            throw new SyncRefusal(
                    401, ErrorCode.SITE_INCORRECT_HARDWARE_ID, Text.of("sync.anotherDevice", site.getName()));
        }
        if (checked) {
            em.refresh(site); // its counts changed in the attempt's own transaction
        }
        recordSuccess(site, digest, headers, boundNow);
        // after the connection is noted: the admins see which version the device runs
        Optional<String> lowest = minimumAppVersions.refusing(headers.appName(), headers.appVersion());
        if (lowest.isPresent()) {
            throw new SyncRefusal(
                    409,
                    ErrorCode.API_VERSION_INCOMPATIBLE,
                    Text.of(
                            "sync.appVersionTooOld",
                            headers.appName().strip(),
                            lowest.get(),
                            String.valueOf(headers.appVersion())),
                    Json.createObjectBuilder()
                            .add("appName", headers.appName().strip())
                            .add("minAppVersion", lowest.get())
                            .add("appVersion", String.valueOf(headers.appVersion()))
                            .build());
        }
        if (site.isSyncPaused()) {
            // after the connection is noted: the admins see the device still calls in
            throw new SyncRefusal(
                    403, ErrorCode.SITE_SYNC_PAUSED, Text.of("sync.paused", site.getName(), site.getSyncPausedAt()));
        }
        return new AuthenticatedSite(site.getId(), site.getName(), hardwareId, headers.appVersion());
    }

    /**
     * A site signing in with its credentials alone, as open-mSupply calls the legacy API v4 ({@code /api/v4/patient},
     * {@code /api/v4/name_store_join}, docs/open-msupply-data.md): HTTP Basic with the site's name and password digest,
     * no device and none of the sync headers. Guarded as a device other than the bound one is (failures make such
     * sign-ins wait, never block the site); every refusal is answered as a wrong name or password.
     */
    public AuthenticatedSite signInWithCredentials(String authorization) {
        String[] credentials = basicCredentials(authorization);
        String secret = credentials[1];
        Site site = remoteSiteNamed(credentials[0]);
        try (PasswordChecks.Permit turn = needsCheck(site, secret) ? PasswordChecks.permit() : null) {
            return signInWithCredentials(site, secret);
        }
    }

    private AuthenticatedSite signInWithCredentials(Site site, String secret) {
        if (site == null) {
            sameWorkAsACheck(secret);
            throw wrongCredentials();
        }
        if (site.isBlocked()) {
            sameWorkAsACheck(secret); // the time of a password checked
            throw wrongCredentials();
        }
        if (!digestMatches(site, digest(site, secret))) {
            SignInGuard.Kind kind = SignInGuard.Kind.OTHER_DEVICE;
            if (!checkableHere(site, secret)) {
                throw wrongCredentials();
            }
            if (!guard.reserve(site.getId(), kind)) {
                sameWorkAsACheck(secret);
                throw wrongCredentials();
            }
            if (!passwordMatches(site, secret)) {
                guard.failed(site.getId(), site.label(), kind);
                meters.signInFailed("site");
                throw wrongCredentials();
            }
            guard.succeeded(site.getId(), kind);
        }
        if (site.isSyncPaused()) {
            throw new SyncRefusal(
                    403, ErrorCode.SITE_SYNC_PAUSED, Text.of("sync.paused", site.getName(), site.getSyncPausedAt()));
        }
        return new AuthenticatedSite(site.getId(), site.getName(), site.getHardwareId(), null);
    }

    /**
     * A remote site's "Check connection": reports version, credentials and device without counting a failed
     * sign-in, binding a device or noting a connection. So that checks cannot be used to guess a password, a
     * site's checks with a wrong password are counted apart and then wait, audited ({@link SignInGuard}),
     * answered {@code REJECTED} without looking at the password. Without the right password no answer tells a site
     * that exists, is blocked or waits from a name no site has ({@code TOO_MANY_CHECKS} is no longer sent).
     */
    public ConnectionCheck check(SyncHeaders headers) {
        boolean versionCompatible = supportedVersion(headers.syncVersion());
        String[] credentials;
        try {
            credentials = basicCredentials(headers.authorization());
        } catch (SyncRefusal malformed) {
            return answer(versionCompatible, ConnectionCheck.Credentials.REJECTED, ConnectionCheck.Device.UNKNOWN);
        }
        Site site = remoteSiteNamed(credentials[0]);
        try (PasswordChecks.Permit turn = needsCheck(site, credentials[1]) ? PasswordChecks.permit() : null) {
            return check(site, credentials, versionCompatible, headers);
        }
    }

    private ConnectionCheck check(Site site, String[] credentials, boolean versionCompatible, SyncHeaders headers) {
        if (site == null) {
            sameWorkAsACheck(credentials[1]);
            return answer(versionCompatible, ConnectionCheck.Credentials.REJECTED, ConnectionCheck.Device.UNKNOWN);
        }
        // whatever keeps the password from being checked is answered as an unknown name is, after as much work: only
        // the right password learns that the site exists, or is blocked
        String digest = digest(site, credentials[1]);
        if (!digestMatches(site, digest)) {
            if (!checkableHere(site, credentials[1])) {
                return answer(versionCompatible, ConnectionCheck.Credentials.REJECTED, ConnectionCheck.Device.UNKNOWN);
            }
            if (!guard.reserve(site.getId(), SignInGuard.Kind.CHECK)) {
                sameWorkAsACheck(credentials[1]);
                return answer(versionCompatible, ConnectionCheck.Credentials.REJECTED, ConnectionCheck.Device.UNKNOWN);
            }
            if (!passwordMatches(site, credentials[1])) {
                guard.failed(site.getId(), site.label(), SignInGuard.Kind.CHECK);
                return answer(versionCompatible, ConnectionCheck.Credentials.REJECTED, ConnectionCheck.Device.UNKNOWN);
            }
            guard.succeeded(site.getId(), SignInGuard.Kind.CHECK);
        }
        if (site.isBlocked()) {
            return answer(versionCompatible, ConnectionCheck.Credentials.BLOCKED, ConnectionCheck.Device.UNKNOWN);
        }
        String hardwareId =
                headers.hardwareId() == null ? "" : headers.hardwareId().strip();
        ConnectionCheck.Device device = site.getHardwareId() == null
                ? ConnectionCheck.Device.NOT_BOUND
                : site.getHardwareId().equals(hardwareId)
                        ? ConnectionCheck.Device.MATCHES
                        : ConnectionCheck.Device.ANOTHER_DEVICE;
        return answer(versionCompatible, ConnectionCheck.Credentials.ACCEPTED, device);
    }

    private static ConnectionCheck answer(
            boolean versionCompatible, ConnectionCheck.Credentials credentials, ConnectionCheck.Device device) {
        return new ConnectionCheck(
                SERVER_NAME, MIN_SYNC_VERSION, MAX_SYNC_VERSION, versionCompatible, credentials, device);
    }

    /**
     * The remote site called {@code name}, or null when there is none (this server's own site is none either: the
     * caller then does {@link #sameWorkAsACheck}, so that the timing does not tell).
     */
    private Site remoteSiteNamed(String name) {
        List<Site> found = em.createQuery("SELECT s FROM Site s WHERE s.nameKey = :key", Site.class)
                .setParameter("key", name.strip().toLowerCase(Locale.ROOT))
                .getResultList();
        return found.isEmpty() || found.get(0).isCentral() ? null : found.get(0);
    }

    /**
     * Whether signing in with {@code secret} takes a password check, or the same work: for any name but a site's
     * whose digest matches. Such sign-ins take a turn of {@link PasswordChecks} first (before any attempt is counted);
     * a site signing in with its digest never waits for one.
     */
    private boolean needsCheck(Site site, String secret) {
        return site == null || site.isBlocked() || !digestMatches(site, digest(site, secret));
    }

    /** The bcrypt work of a password check, where none can be made: its time tells nothing. */
    private static void sameWorkAsACheck(String secret) {
        PasswordHashing.matches(secret, UNKNOWN_SITE_HASH);
    }

    /**
     * Whether {@code secret} is the site's password. A password set in bulk is stored with a quick hash until it
     * first matches: then it is stored with bcrypt (unless an admin set another one meanwhile), and the site
     * re-read.
     */
    private boolean passwordMatches(Site site, String secret) {
        if (!site.syncSecretMatches(secret)) {
            return false;
        }
        if (PasswordHashing.isQuick(site.passwordHash())) {
            guard.upgradeQuickHash(site.getId(), site.passwordHash(), Site.hashOfSecret(secret));
            em.refresh(site);
        }
        return true;
    }

    /**
     * Whether the site's password can be checked here: one set in bulk on a server with another sign-in key cannot.
     * Such a sign-in is refused without counting a failure (the site's next request may reach a server that can), noted
     * in the site's sync history and logged for the administrators with what to do; the caller is answered as for a
     * name that is no site's, after the same bcrypt work, so that neither the answer nor its time tells that the site
     * exists.
     */
    private boolean checkableHere(Site site, String secret) {
        if (PasswordHashing.checkableHere(site.passwordHash())) {
            return true;
        }
        sameWorkAsACheck(secret);
        LOG.severe(() -> "Site " + site.label() + " has a sync password set in bulk on a server with another "
                + "sign-in key, which this server cannot check: give every server of the cluster the same "
                + "SYNCSITES_SIGN_IN_KEY (-Dsyncsites.signIn.key), or set the site's password again.");
        return false;
    }

    /** Whether the site signed in with these credentials before, under its current password (no bcrypt needed). */
    private boolean digestMatches(Site site, String digest) {
        return digest.equals(site.getSyncCredentialDigest())
                && site.getSyncCredentialExpiresAt() != null
                && site.getSyncCredentialExpiresAt().isAfter(Instant.now());
    }

    /**
     * Notes the sign-in: count of failures back to 0, type and app version, connection times, credential digest.
     * Skipped while nothing but the connection time would change (the same device) and that was noted less than a
     * minute ago, so that the many requests of one sync do not each write the site's row.
     */
    private void recordSuccess(Site site, String digest, SyncHeaders headers, boolean boundNow) {
        Instant now = Instant.now();
        SignInGuard.DeviceReport device = new SignInGuard.DeviceReport(headers.appName(), headers.appVersion());
        boolean unchanged = !boundNow
                && site.getFailedLoginCount() == 0
                && device.type() == site.getType()
                && Objects.equals(device.appVersion(), site.getAppVersion())
                && Objects.equals(device.appName(), site.getAppName())
                && site.getLastConnectionAt() != null
                && site.getLastConnectionAt().isAfter(now.minusSeconds(60))
                && digest.equals(site.getSyncCredentialDigest())
                && site.getSyncCredentialExpiresAt() != null
                && site.getSyncCredentialExpiresAt().isAfter(now.plus(CREDENTIAL_DIGEST_LIFETIME.dividedBy(2)));
        if (!unchanged) {
            guard.signedIn(
                    site.getId(), site.getHardwareId(), device, now, digest, now.plus(CREDENTIAL_DIGEST_LIFETIME));
        }
    }

    private static boolean supportedVersion(String version) {
        int parsed;
        try {
            parsed = Integer.parseInt(version == null ? "" : version.strip());
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        return parsed >= MIN_SYNC_VERSION && parsed <= MAX_SYNC_VERSION;
    }

    private static void requireSupportedVersion(String version) {
        if (!supportedVersion(version)) {
            // versions as text: they are names, not amounts
            throw new SyncRefusal(
                    409,
                    ErrorCode.API_VERSION_INCOMPATIBLE,
                    Text.of(
                            "sync.versionIncompatible",
                            Integer.toString(MIN_SYNC_VERSION),
                            Integer.toString(MAX_SYNC_VERSION),
                            String.valueOf(version)),
                    Json.createObjectBuilder()
                            .add("minVersion", MIN_SYNC_VERSION)
                            .add("maxVersion", MAX_SYNC_VERSION)
                            .build());
        }
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw wrongCredentials();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw wrongCredentials();
        }
        // the secret is hex and never holds a colon: the last one ends the name (names made before colons were
        // refused in them still sign in)
        int colon = decoded.lastIndexOf(':');
        if (colon <= 0) {
            throw wrongCredentials();
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /**
     * The answer to a sign-in refused without its password being checked (the site is blocked, or its other
     * devices wait): the site's bound device is told it is blocked; anyone else gets the answer of an unknown name,
     * after the same bcrypt work.
     */
    private static SyncRefusal refusedUnchecked(Site site, String hardwareId) {
        if (boundTo(site, hardwareId) && site.isBlocked()) {
            return blocked(site);
        }
        sameWorkAsACheck(hardwareId);
        return wrongCredentials();
    }

    /** A refusal as the site's device history says it. */
    private static SignInGuard.DeviceAnswer deviceAnswer(ErrorCode code) {
        return switch (code) {
            case SITE_INCORRECT_PASSWORD, PASSWORD_NOT_CHECKABLE_HERE -> SignInGuard.DeviceAnswer.WRONG_PASSWORD;
            case SITE_INCORRECT_HARDWARE_ID -> SignInGuard.DeviceAnswer.WRONG_DEVICE;
            case SITE_AUTH_TIMEOUT -> SignInGuard.DeviceAnswer.BLOCKED;
            case SITE_SYNC_PAUSED -> SignInGuard.DeviceAnswer.PAUSED;
            case API_VERSION_INCOMPATIBLE -> SignInGuard.DeviceAnswer.APP_TOO_OLD;
            default -> SignInGuard.DeviceAnswer.REFUSED;
        };
    }

    private static boolean boundTo(Site site, String hardwareId) {
        return site.getHardwareId() != null
                && !hardwareId.isEmpty()
                && site.getHardwareId().equals(hardwareId);
    }

    private static SyncRefusal wrongCredentials() {
        return new SyncRefusal(401, ErrorCode.SITE_INCORRECT_PASSWORD, Text.of("sync.wrongCredentials"));
    }

    private static SyncRefusal blocked(Site site) {
        return new SyncRefusal(401, ErrorCode.SITE_AUTH_TIMEOUT, Text.of("sync.blocked", site.getName()));
    }

    /**
     * A fast digest of what a successful sign-in presented: an HMAC under a key that is not in the database
     * ({@link SignInKey}), bound to the current password hash and its salt.
     */
    private String digest(Site site, String secret) {
        return SignInKey.server().mac(site.passwordHash() + '\u0000' + secret);
    }
}
