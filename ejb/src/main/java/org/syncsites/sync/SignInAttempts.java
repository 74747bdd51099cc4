package org.syncsites.sync;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.Columns;

/**
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
 * Blocking and every start of a wait are audited, once each.
 */
@Stateless
@PermitAll
public class SignInAttempts {

    static final int MAX_FAILED_CHECKS = 5;
    static final Duration WAIT = Duration.ofMinutes(10);
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
            context.getBusinessObject(SignInAttempts.class).openDeviceGuard(siteId, device);
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

    /** A device was bound to the site: the counts of every device go (caller's transaction). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void deviceBound(long siteId) {
        em.createNativeQuery("DELETE FROM site_device_sign_in_guard WHERE site_id = ?1")
                .setParameter(1, siteId)
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
                ? Integer.getInteger("syncsites.sync.maxFailedSignIns", SiteSignIn.DEFAULT_MAX_FAILED_SIGN_INS)
                : MAX_FAILED_CHECKS;
    }
}
