package org.syncsites.siteadmin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditTrail.Action;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.site.Site;

/**
 * Muting a site's alerts for a while (a site closed for a holiday, a device being replaced) and sending them again.
 * One JTA transaction per action, audited; only holders of "Edit sync settings" act.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SiteAlertMutes {

    /** The longest a site's alerts stay muted ({@link #muteAlerts}). */
    public static final Duration LONGEST_MUTE = Duration.ofDays(90);

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @EJB
    private AuditTrail audit;

    @EJB
    private SiteAdministration sites;

    /**
     * Mutes the site's alerts until {@code until} (a site closed for a holiday, a device being replaced): they are
     * still raised and shown on the dashboard, but not sent by e-mail or webhook until then; what is still open then
     * is sent as usual. A mute lasts at most {@link #LONGEST_MUTE}, so that none is forgotten; muting again sets
     * another end.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails muteAlerts(long siteId, Instant until) {
        Site site = SiteLookup.find(em, siteId);
        if (site.isCentral()) {
            throw new RuleViolation(Text.of("site.alerts.mute.central"));
        }
        Instant now = Instant.now();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(LONGEST_MUTE))) {
            throw new RuleViolation("until", Text.of("site.alerts.mute.until", LONGEST_MUTE.toDays()));
        }
        Instant before = site.alertsMutedUntil(now);
        audit.record(
                Action.SITE_ALERTS_MUTED,
                "Site",
                siteId,
                site.label(),
                "alertsMutedUntil",
                before == null ? null : before.toString(),
                until.toString());
        site.muteAlerts(until, caller.getCallerPrincipal().getName());
        return sites.get(siteId);
    }

    /** Sends the site's alerts again, from now: what is open and not sent yet goes with the next look. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails unmuteAlerts(long siteId) {
        Site site = SiteLookup.find(em, siteId);
        Instant mutedUntil = site.alertsMutedUntil(Instant.now());
        if (mutedUntil != null) {
            audit.record(
                    Action.SITE_ALERTS_UNMUTED,
                    "Site",
                    siteId,
                    site.label(),
                    "alertsMutedUntil",
                    mutedUntil.toString(),
                    null);
        }
        site.unmuteAlerts();
        return sites.get(siteId);
    }
}
