package org.syncsites.site;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.Columns;
import org.syncsites.platform.SqlDialect;

/**
 * The one owner of a site's sign-in state, the columns no admin form writes: the device bound to the site
 * ({@code hardware_id}) and what it said of itself at its last sign-in (type, app, version, first and last
 * connection), the stored password once the site exists, the digest of its last good sign-in, and the counts of
 * failed password checks with the waits and the block they lead to. Every other class asks this one; the
 * {@link Site} entity maps these columns read-only.
 * <p>
 * Counts the password checks of a site, so that guessing stays bounded whatever arrives at once, on any node.
 * Each check is <em>reserved</em> before the password is looked at, in a transaction of its own that commits at
 * once: of 50 guesses arriving together, at most the limit are checked, the rest are refused unchecked.
 * <ul>
 *   <li>{@link Kind#SIGN_IN}: from the site's bound device, or any device while none is bound. mSupply's rule:
 *       after {@code syncsites.sync.maxFailedSignIns} (5) failures in a row the site is blocked until an admin
 *       unblocks it.</li>
 *   <li>{@link Kind#OTHER_DEVICE}: from another device than the bound one. These never block the site (a stranger
 *       who knows its name must not lock its device out); after 5 failures, other devices' attempts wait
 *       {@link #WAIT} unchecked.</li>
 *   <li>{@link Kind#CHECK}: the connection check, which never blocks either; after 5 failures checks wait
 *       {@link #WAIT}.</li>
 * </ul>
 * While the site has no bound device, its sign-ins are counted per device instead ({@link #reserveForDevice}, table
 * {@code site_device_sign_in_guard}): five failures from one hardware ID make that device wait {@link #WAIT}, and
 * never block the site, so that a stranger who knows the name of a site being rolled out cannot block it.
 * Blocking and every start of a wait are audited, once each. Every device that signs in or tries to is noted in the
 * site's device history (table {@code site_device}, {@link #noteDevice}), with what it was answered.
 */
@Stateless
@PermitAll
public class SignInGuard {

    /** mSupply's rule: failed sign-ins in a row from the site's device that block it (unless set otherwise). */
    public static final int DEFAULT_MAX_FAILED_SIGN_INS = 5;

    public static final int MAX_FAILED_CHECKS = 5;
    public static final Duration WAIT = Duration.ofMinutes(10);
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    /** The counters of one kind of attempt: their columns in the site's row. */
    public enum Kind {
        SIGN_IN("failed_login_count", null),
        OTHER_DEVICE("other_device_failed_count", "other_device_wait_until"),
        CHECK("failed_check_count", "check_blocked_until");

        final String count;
        final String waitUntil;

        Kind(String count, String waitUntil) {
            this.count = count;
            this.waitUntil = waitUntil;
        }
    }

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Resource
    private SessionContext context;

    /** @return whether the site's password may be checked now (the attempt is counted as failed until it succeeds) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean reserve(long siteId, Kind kind) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (kind.waitUntil != null) {
            // a wait that is over starts a fresh count
            em.createNativeQuery("UPDATE site SET " + kind.count + " = 0, " + kind.waitUntil
                            + " = NULL WHERE id = ?1 AND " + kind.waitUntil + " <= ?2")
                    .setParameter(1, siteId)
                    .setParameter(2, now)
                    .executeUpdate();
        }
        return em.createNativeQuery("UPDATE site SET " + kind.count + " = " + kind.count + " + 1 WHERE id = ?1 AND "
                                + kind.count + " < ?2 AND "
                                + (kind.waitUntil == null ? "blocked = FALSE" : kind.waitUntil + " IS NULL"))
                        .setParameter(1, siteId)
                        .setParameter(2, limit(kind))
                        .executeUpdate()
                == 1;
    }

    /**
     * The reserved check failed (caller's transaction): when it was the last one allowed, the site is blocked
     * ({@link Kind#SIGN_IN}) or the kind's wait starts, exactly once. @return whether the site is blocked now
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean failed(long siteId, String siteLabel, Kind kind) {
        if (kind == Kind.SIGN_IN) {
            em.createNativeQuery("UPDATE site SET sync_credential_digest = NULL WHERE id = ?1")
                    .setParameter(1, siteId)
                    .executeUpdate();
            if (em.createNativeQuery("UPDATE site SET blocked = TRUE WHERE id = ?1 AND blocked = FALSE AND "
                                    + "failed_login_count >= ?2")
                            .setParameter(1, siteId)
                            .setParameter(2, limit(kind))
                            .executeUpdate()
                    == 1) {
                audit.record(AuditTrail.Action.SITE_BLOCKED, "Site", siteId, siteLabel, "blocked", "false", "true");
                return true;
            }
            return false;
        }
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plus(WAIT);
        if (em.createNativeQuery("UPDATE site SET " + kind.waitUntil + " = ?1 WHERE id = ?2 AND " + kind.waitUntil
                                + " IS NULL AND " + kind.count + " >= ?3")
                        .setParameter(1, until)
                        .setParameter(2, siteId)
                        .setParameter(3, limit(kind))
                        .executeUpdate()
                == 1) {
            audit.record(
                    kind == Kind.CHECK ? AuditTrail.Action.SITE_CHECKS_WAIT : AuditTrail.Action.OTHER_DEVICES_WAIT,
                    "Site",
                    siteId,
                    siteLabel,
                    kind.waitUntil,
                    null,
                    until.toString());
        }
        return false;
    }

    /**
     * While the site has no bound device: whether the password sent from this device may be checked now (the
     * attempt is counted as failed until it succeeds). A device's wait that is over starts a fresh count.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean reserveForDevice(long siteId, String hardwareId) {
        String device = Columns.clip(hardwareId, 200);
        try {
            context.getBusinessObject(SignInGuard.class).openDeviceGuard(siteId, device);
        } catch (EJBException | PersistenceException alreadyThere) {
            // another sign-in from the same device made it meanwhile
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("UPDATE site_device_sign_in_guard SET failures = 0, wait_until = NULL WHERE site_id = ?1 "
                        + "AND hardware_id = ?2 AND wait_until <= ?3")
                .setParameter(1, siteId)
                .setParameter(2, device)
                .setParameter(3, now)
                .executeUpdate();
        return em.createNativeQuery(
                                "UPDATE site_device_sign_in_guard SET failures = failures + 1, last_failure_at = ?3 "
                                        + "WHERE site_id = ?1 AND hardware_id = ?2 AND failures < ?4 AND wait_until IS NULL")
                        .setParameter(1, siteId)
                        .setParameter(2, device)
                        .setParameter(3, now)
                        .setParameter(4, MAX_FAILED_CHECKS)
                        .executeUpdate()
                == 1;
    }

    /** Makes the device's guard row, in a transaction of its own (its caller then counts on it). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void openDeviceGuard(long siteId, String device) {
        em.createNativeQuery("INSERT INTO site_device_sign_in_guard (site_id, hardware_id, failures) SELECT ?1, ?2, 0 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM site_device_sign_in_guard WHERE site_id = ?1 AND "
                        + "hardware_id = ?2)")
                .setParameter(1, siteId)
                .setParameter(2, device)
                .executeUpdate();
    }

    /**
     * The device's reserved check failed (caller's transaction): when it was the last one allowed, the device's wait
     * starts, audited once. What no device of any site has failed for a day is forgotten.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void failedForDevice(long siteId, String siteLabel, String hardwareId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime until = now.plus(WAIT);
        String device = Columns.clip(hardwareId, 200);
        if (em.createNativeQuery("UPDATE site_device_sign_in_guard SET wait_until = ?1 WHERE site_id = ?2 AND "
                                + "hardware_id = ?3 AND wait_until IS NULL AND failures >= ?4")
                        .setParameter(1, until)
                        .setParameter(2, siteId)
                        .setParameter(3, device)
                        .setParameter(4, MAX_FAILED_CHECKS)
                        .executeUpdate()
                == 1) {
            audit.record(
                    AuditTrail.Action.DEVICE_SIGN_INS_WAIT,
                    "Site",
                    siteId,
                    siteLabel,
                    "hardwareId",
                    device,
                    until.toString());
        }
        em.createNativeQuery("DELETE FROM site_device_sign_in_guard WHERE last_failure_at < ?1 AND (wait_until IS NULL "
                        + "OR wait_until < ?1)")
                .setParameter(1, now.minus(FORGOTTEN_AFTER))
                .executeUpdate();
    }

    /**
     * Binds the device to the site when none is (caller's transaction). Atomic: of two devices signing in for the
     * first time together, exactly one is bound; from then on mSupply's rule holds (the device's failures block the
     * site) and the counts of every unbound device go. @return whether this call bound it
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean bindDevice(long siteId, String hardwareId) {
        if (em.createNativeQuery("UPDATE site SET hardware_id = ?1 WHERE id = ?2 AND hardware_id IS NULL")
                        .setParameter(1, hardwareId)
                        .setParameter(2, siteId)
                        .executeUpdate()
                == 0) {
            return false;
        }
        em.createNativeQuery("DELETE FROM site_device_sign_in_guard WHERE site_id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
        return true;
    }

    /**
     * For a lost or replaced device, or a re-initialised site: the next device to sign in is bound. The device history
     * notes who unbound the device, and when.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void resetDevice(long siteId) {
        em.createNativeQuery("UPDATE site_device SET unbound_at = ?1, unbound_by = ?2 WHERE site_id = ?3 AND "
                        + "hardware_id = (SELECT hardware_id FROM site WHERE id = ?3)")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, Columns.clip(context.getCallerPrincipal().getName(), 200))
                .setParameter(3, siteId)
                .executeUpdate();
        em.createNativeQuery("UPDATE site SET hardware_id = NULL WHERE id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    /**
     * An admin lets the site try again: not blocked, its failure count back at zero, and other devices and
     * connection checks no longer wait either.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void unblock(long siteId) {
        em.createNativeQuery("UPDATE site SET blocked = FALSE, failed_login_count = 0, other_device_failed_count = 0, "
                        + "other_device_wait_until = NULL, failed_check_count = 0, check_blocked_until = NULL "
                        + "WHERE id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    /**
     * An admin set the saved site's password ({@link Site#storedPassword}): its version moves on, as with any saved
     * change, so that a window opened before it refuses to save over it. The digests of earlier sign-ins were bound
     * to the old hash, so none of them matches any more.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void setPassword(long siteId, String storedPassword) {
        em.createNativeQuery("UPDATE site SET password_hash = ?1, version = version + 1 WHERE id = ?2")
                .setParameter(1, storedPassword)
                .setParameter(2, siteId)
                .executeUpdate();
    }

    /**
     * A password set in bulk matched for the first time: its quick hash becomes {@code bcrypt}, unless an admin set
     * another password meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void upgradeQuickHash(long siteId, String quickHash, String bcrypt) {
        em.createNativeQuery("UPDATE site SET password_hash = ?1 WHERE id = ?2 AND password_hash = ?3")
                .setParameter(1, bcrypt)
                .setParameter(2, siteId)
                .setParameter(3, quickHash)
                .executeUpdate();
    }

    /**
     * The bound device signed in: its failures are forgotten, and what it said of itself is noted with the time of
     * the connection and the digest that lets its next sign-ins skip the password check until {@code digestExpires}.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void signedIn(
            long siteId, String hardwareId, DeviceReport device, Instant at, String digest, Instant digestExpires) {
        em.createNativeQuery("UPDATE site SET failed_login_count = 0, site_type = ?1, app_version = ?2, "
                        + "first_connection_at = COALESCE(first_connection_at, ?3), last_connection_at = ?3, "
                        + "sync_credential_digest = ?4, sync_credential_expires_at = ?5, app_name = ?7 WHERE id = ?6")
                .setParameter(1, device.type().name())
                .setParameter(2, device.appVersion())
                .setParameter(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter(4, digest)
                .setParameter(5, OffsetDateTime.ofInstant(digestExpires, ZoneOffset.UTC))
                .setParameter(6, siteId)
                .setParameter(7, device.appName())
                .executeUpdate();
        noteDevice(siteId, hardwareId, device, DeviceAnswer.ACCEPTED, at);
    }

    /** What a device was last answered when it signed in for a site, as the site's device history shows it. */
    public enum DeviceAnswer {
        ACCEPTED,
        WRONG_PASSWORD,
        WRONG_DEVICE,
        BLOCKED,
        PAUSED,
        /** Its app's version is older than the network accepts ({@link MinimumAppVersions}). */
        APP_TOO_OLD,
        REFUSED
    }

    /** The most devices a site's history keeps: the ones seen last. */
    static final int DEVICES_KEPT = 100;

    /**
     * Notes in the site's device history that the device signed in or tried to, and what it was answered (caller's
     * transaction; a refusal's transaction is committed too). A site keeps its {@value #DEVICES_KEPT} devices seen last.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void noteDevice(long siteId, String hardwareId, DeviceReport device, DeviceAnswer answer, Instant at) {
        String id = Columns.clip(hardwareId == null ? "" : hardwareId, 200);
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        int updated = em.createNativeQuery("UPDATE site_device SET last_seen_at = ?1, last_answer = ?2, "
                        + "app_name = COALESCE(?3, app_name), app_version = COALESCE(?4, app_version) "
                        + "WHERE site_id = ?5 AND hardware_id = ?6")
                .setParameter(1, when)
                .setParameter(2, answer.name())
                .setParameter(3, device.appName())
                .setParameter(4, device.appVersion())
                .setParameter(5, siteId)
                .setParameter(6, id)
                .executeUpdate();
        if (updated > 0) {
            return;
        }
        String insert = "INSERT INTO site_device (site_id, hardware_id, first_seen_at, last_seen_at, app_name, "
                + "app_version, last_answer) SELECT ?1, ?2, ?3, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM "
                + "site_device WHERE site_id = ?1 AND hardware_id = ?2)";
        em.createNativeQuery(SqlDialect.of(em) == SqlDialect.POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert)
                .setParameter(1, siteId)
                .setParameter(2, id)
                .setParameter(3, when)
                .setParameter(4, device.appName())
                .setParameter(5, device.appVersion())
                .setParameter(6, answer.name())
                .executeUpdate();
        em.createNativeQuery("DELETE FROM site_device WHERE site_id = ?1 AND last_seen_at < (SELECT MIN(last_seen_at) "
                        + "FROM (SELECT last_seen_at FROM site_device WHERE site_id = ?1 ORDER BY last_seen_at DESC "
                        + "FETCH FIRST " + DEVICES_KEPT + " ROWS ONLY) seen_last)")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    /** Forgets the devices not seen since {@code before} (the sync history's pruning). @return how many */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int forgetDevicesSeenBefore(Instant before) {
        return em.createNativeQuery("DELETE FROM site_device WHERE last_seen_at < ?1")
                .setParameter(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .executeUpdate();
    }

    /** What a device says of itself when it signs in (its headers), cut to the columns' lengths. */
    public record DeviceReport(SiteType type, String appName, String appVersion) {
        public DeviceReport(String appName, String appVersion) {
            this(SiteType.ofAppName(appName), Columns.clip(appName, 100), Columns.clip(appVersion, 50));
        }
    }

    /** Digests that expired are cleared, so that none lingers in the database (every node may do it; idempotent). */
    @Schedule(hour = "*", minute = "17", persistent = false, info = "expired sign-in digests")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void clearExpiredDigests() {
        em.createNativeQuery("UPDATE site SET sync_credential_digest = NULL, sync_credential_expires_at = NULL "
                        + "WHERE sync_credential_expires_at < ?1")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** The password was right: the kind's count starts again (caller's transaction). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void succeeded(long siteId, Kind kind) {
        em.createNativeQuery("UPDATE site SET " + kind.count + " = 0"
                        + (kind.waitUntil == null ? "" : ", " + kind.waitUntil + " = NULL") + " WHERE id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    private static int limit(Kind kind) {
        return kind == Kind.SIGN_IN
                ? Integer.getInteger("syncsites.sync.maxFailedSignIns", DEFAULT_MAX_FAILED_SIGN_INS)
                : MAX_FAILED_CHECKS;
    }
}
