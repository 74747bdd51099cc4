package org.syncsites.siteadmin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditTrail.Action;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.platform.Times;
import org.syncsites.security.Roles;
import org.syncsites.site.ConnectionReport;
import org.syncsites.site.SignInGuard;
import org.syncsites.site.Site;

/**
 * The device a site syncs from, as admins act on it: what the central knows of its connection (the Check connection
 * button), letting another device take the site (reset the hardware ID), and letting a blocked site sign in again.
 * One JTA transaction per action, audited; every signed-in user may read, only holders of "Edit sync settings" act.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SiteDevices {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private SignInGuard guard;

    @EJB
    private SiteAdministration sites;

    /** The devices that signed in for the site or tried to, the one seen last first. */
    @RolesAllowed(Roles.VIEWER)
    public List<DeviceSeen> devices(long siteId) {
        SiteLookup.find(em, siteId);
        return devicesWhere("d.site_id = ?1", siteId);
    }

    /**
     * The devices of every site whose hardware ID holds the text (any case), the one seen last first: "which site is
     * this tablet?". At most 200; a search needs three characters.
     */
    @RolesAllowed(Roles.VIEWER)
    public List<DeviceSeen> devicesWithHardwareId(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (wanted.length() < 3) {
            throw new RuleViolation("hardwareId", Text.of("devices.search.tooShort"));
        }
        String escaped = wanted.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return devicesWhere("LOWER(d.hardware_id) LIKE ?1 ESCAPE '!'", "%" + escaped + "%");
    }

    private List<DeviceSeen> devicesWhere(String condition, Object value) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT d.site_id, s.name, d.hardware_id, d.first_seen_at, "
                        + "d.last_seen_at, d.app_name, d.app_version, d.last_answer, s.hardware_id, d.unbound_at, "
                        + "d.unbound_by FROM site_device d JOIN site s ON s.id = d.site_id WHERE " + condition
                        + " ORDER BY d.last_seen_at DESC, d.hardware_id")
                .setParameter(1, value)
                .setMaxResults(200)
                .getResultList();
        return rows.stream()
                .map(r -> new DeviceSeen(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        Times.ofColumn(r[3]),
                        Times.ofColumn(r[4]),
                        (String) r[5],
                        (String) r[6],
                        SignInGuard.DeviceAnswer.valueOf((String) r[7]),
                        r[2].equals(r[8]),
                        Times.ofColumn(r[9]),
                        (String) r[10]))
                .toList();
    }

    /**
     * mSupply's Check connection button, on the central: remote sites call in, so the central reports what it knows of
     * the site's device now, with what to do where something is wrong.
     */
    public ConnectionReport checkConnection(long siteId) {
        SiteDetails now = sites.get(siteId);
        List<ConnectionReport.Line> lines = new ArrayList<>();
        if (now.blocked()) {
            lines.add(new ConnectionReport.Line(false, Text.of("central.check.blocked")));
        } else if (now.failedLoginCount() > 0) {
            lines.add(new ConnectionReport.Line(false, Text.of("central.check.failedSignIns", now.failedLoginCount())));
        } else {
            lines.add(new ConnectionReport.Line(true, Text.of("central.check.noFailedSignIns")));
        }
        if (now.lastConnectionAt() == null) {
            lines.add(new ConnectionReport.Line(false, Text.of("central.check.neverConnected", now.name())));
        } else {
            lines.add(new ConnectionReport.Line(
                    true,
                    Text.of(
                            "central.check.lastConnected",
                            now.lastConnectionAt(),
                            now.appVersion() == null ? Text.of("central.check.appVersionUnknown") : now.appVersion(),
                            now.hardwareId() == null
                                    ? Text.of("central.check.noDeviceBound")
                                    : Text.of("central.check.fromDevice", now.hardwareId()))));
            lines.add(new ConnectionReport.Line(
                    now.lastSuccessfulSyncAt() != null,
                    now.lastSuccessfulSyncAt() == null
                            ? Text.of("central.check.neverSynced")
                            : Text.of("central.check.lastSync", now.lastSuccessfulSyncAt())));
        }
        lines.add(new ConnectionReport.Line(
                true,
                now.queueLength() == 0
                        ? Text.of("central.check.queueEmpty")
                        : Text.of("central.check.queue", now.queueLength())));
        return new ConnectionReport(lines);
    }

    /** For a lost or replaced device: the next device to sync with the site's credentials becomes its device. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails resetHardwareId(long siteId) {
        Site site = SiteLookup.find(em, siteId);
        if (site.getHardwareId() != null) {
            audit.record(
                    Action.HARDWARE_ID_RESET, "Site", siteId, site.label(), "hardwareId", site.getHardwareId(), null);
            guard.resetDevice(siteId);
            em.refresh(site);
        }
        return sites.get(siteId);
    }

    /** Lets a site blocked after too many failed logins try again, with its failure count back at zero. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails unblock(long siteId) {
        Site site = SiteLookup.find(em, siteId);
        if (site.isBlocked() || site.getFailedLoginCount() > 0) {
            audit.record(
                    Action.SITE_UNBLOCKED,
                    "Site",
                    siteId,
                    site.label(),
                    "blocked",
                    Boolean.toString(site.isBlocked()),
                    "false");
        }
        // and other devices and connection checks need not wait any more either
        guard.unblock(siteId);
        em.refresh(site);
        return sites.get(siteId);
    }
}
