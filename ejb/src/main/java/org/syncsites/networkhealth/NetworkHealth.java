package org.syncsites.networkhealth;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.EditConflict;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.site.MinimumAppVersions;
import org.syncsites.synchistory.SyncHistory;

/** The dashboard's figures and the network's health settings. Everybody signed in reads; editors change settings. */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class NetworkHealth {

    /** The chart's span: the last 7 days, hour by hour. */
    public static final int CHART_HOURS = 7 * 24;

    static final int MOST_OVERDUE = 10;
    static final int VERSIONS = 12;
    static final int OPEN_ALERTS = 20;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Resource
    private SessionContext context;

    @EJB
    private SyncHistory history;

    @EJB
    private Alerts alerts;

    @EJB
    private MinimumAppVersions minimumAppVersions;

    @PermitAll
    public HealthSettings settings() {
        return em.find(NetworkSettings.class, NetworkSettings.ID).settings();
    }

    /** The settings as the caller may read them: the webhook's secret path for editors only. */
    public HealthSettings settingsForCaller() {
        HealthSettings settings = settings();
        return context.isCallerInRole(Roles.EDIT_SYNC_SETTINGS) ? settings : settings.withWebhookMasked();
    }

    /** The overdue thresholds now. */
    @PermitAll
    public HealthSettings.Thresholds thresholds() {
        return settings().thresholdsAt(Instant.now());
    }

    /** Changes the settings, unless someone else changed them since {@code changed.version()} was read. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public HealthSettings changeSettings(HealthSettings changed) {
        changed.requireValid();
        Text refusedAddress = WebhookAddresses.problem(changed.webhook());
        if (refusedAddress != null) {
            throw new RuleViolation("alertWebhookUrl", refusedAddress);
        }
        NetworkSettings row = em.find(NetworkSettings.class, NetworkSettings.ID, LockModeType.PESSIMISTIC_WRITE);
        HealthSettings before = row.settings();
        if (before.version() != changed.version()) {
            throw new EditConflict(Text.of("health.settings.editConflict"));
        }
        row.apply(changed);
        String label = "network";
        audit.recordChange(
                AuditTrail.Action.NETWORK_SETTINGS_CHANGED,
                "NetworkSettings",
                (long) NetworkSettings.ID,
                label,
                "warningHours",
                before.warningHours(),
                changed.warningHours());
        audit.recordChange(
                AuditTrail.Action.NETWORK_SETTINGS_CHANGED,
                "NetworkSettings",
                (long) NetworkSettings.ID,
                label,
                "criticalHours",
                before.criticalHours(),
                changed.criticalHours());
        audit.recordChange(
                AuditTrail.Action.NETWORK_SETTINGS_CHANGED,
                "NetworkSettings",
                (long) NetworkSettings.ID,
                label,
                "historyDays",
                before.historyDays(),
                changed.historyDays());
        audit.recordChange(
                AuditTrail.Action.NETWORK_SETTINGS_CHANGED,
                "NetworkSettings",
                (long) NetworkSettings.ID,
                label,
                "alertEmails",
                before.alertEmails(),
                row.settings().alertEmails());
        audit.recordChange(
                AuditTrail.Action.NETWORK_SETTINGS_CHANGED,
                "NetworkSettings",
                (long) NetworkSettings.ID,
                label,
                "alertWebhookUrl",
                before.alertWebhookUrl(),
                row.settings().alertWebhookUrl());
        em.flush();
        return row.settings();
    }

    /** The dashboard as of now: a few small queries, whatever the size of the network and its history. */
    /** How many remote sites there are, and how many are in each state. */
    public record SiteCounts(long sites, Map<SiteState, Long> byState) {}

    /** The remote sites counted by state, against the thresholds in force now (for the metrics). */
    @PermitAll
    public SiteCounts siteCounts() {
        return siteCounts(settings().thresholdsAt(Instant.now()));
    }

    private SiteCounts siteCounts(HealthSettings.Thresholds thresholds) {
        StringBuilder hql = new StringBuilder("SELECT COUNT(s)");
        for (SiteState state : SiteState.values()) {
            hql.append(", SUM(CASE WHEN ").append(state.condition()).append(" THEN 1 ELSE 0 END)");
        }
        hql.append(" FROM Site s WHERE s.central = FALSE");
        Query counting = em.createQuery(hql.toString());
        SiteState.bind(counting, hql.toString(), thresholds);
        Object[] row = (Object[]) counting.getSingleResult();
        Map<SiteState, Long> counts = new EnumMap<>(SiteState.class);
        for (SiteState state : SiteState.values()) {
            Object value = row[state.ordinal() + 1];
            counts.put(state, value == null ? 0 : ((Number) value).longValue());
        }
        return new SiteCounts(((Number) row[0]).longValue(), counts);
    }

    public Dashboard dashboard() {
        Instant now = Instant.now();
        HealthSettings settings = settings();
        HealthSettings.Thresholds thresholds = settings.thresholdsAt(now);
        SiteCounts siteCounts = siteCounts(thresholds);
        Map<SiteState, Long> counts = siteCounts.byState();

        String overdueHql = "SELECT s.id, s.code, s.name, s.lastSuccessfulSyncAt, s.lastConnectionAt FROM Site s WHERE "
                + "s.central = FALSE AND s.lastSuccessfulSyncAt < :warningBefore ORDER BY s.lastSuccessfulSyncAt, s.id";
        Query overdue = em.createQuery(overdueHql).setMaxResults(MOST_OVERDUE);
        SiteState.bind(overdue, overdueHql, thresholds);
        List<Dashboard.OverdueSite> mostOverdue = new ArrayList<>();
        for (Object o : overdue.getResultList()) {
            Object[] site = (Object[]) o;
            Instant lastSync = (Instant) site[3];
            mostOverdue.add(new Dashboard.OverdueSite(
                    (Long) site[0],
                    (String) site[1],
                    (String) site[2],
                    lastSync,
                    (Instant) site[4],
                    SiteState.ofLastSync(lastSync, thresholds)));
        }

        List<Dashboard.VersionCount> versions = em
                .createQuery(
                        "SELECT s.appVersion, COUNT(s) FROM Site s WHERE "
                                + "s.central = FALSE AND s.appVersion IS NOT NULL GROUP BY s.appVersion "
                                + "ORDER BY COUNT(s) DESC, s.appVersion",
                        Object[].class)
                .setMaxResults(VERSIONS)
                .getResultList()
                .stream()
                .map(v -> new Dashboard.VersionCount((String) v[0], ((Number) v[1]).longValue()))
                .toList();

        long withoutCentral = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM site s WHERE s.central = FALSE AND "
                                + "LOWER(s.app_name) LIKE 'open msupply%' AND s.last_connection_at > ?1 AND NOT EXISTS (SELECT 1 "
                                + "FROM site c WHERE c.oms_central = TRUE)")
                        .setParameter(1, OffsetDateTime.ofInstant(now.minus(Duration.ofDays(7)), ZoneOffset.UTC))
                        .getSingleResult())
                .longValue();
        return new Dashboard(
                now,
                siteCounts.sites(),
                counts,
                alerts.open(OPEN_ALERTS),
                mostOverdue,
                versions,
                history.lastHours(CHART_HOURS),
                context.isCallerInRole(Roles.EDIT_SYNC_SETTINGS) ? settings : settings.withWebhookMasked(),
                withoutCentral,
                minimumAppVersions.outdated());
    }
}
