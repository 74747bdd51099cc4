package org.syncsites.networkhealth;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.syncsites.platform.Columns;
import org.syncsites.platform.OncePerCluster;
import org.syncsites.platform.Text;
import org.syncsites.platform.Times;
import org.syncsites.security.Roles;
import org.syncsites.site.Site;

/**
 * Raises an alert when a line is crossed (a site critically overdue, a resync given up, pushed data not integrated)
 * and clears it when that is over: one alert per crossing, however often it is looked at. Looked at by a timer,
 * once per cluster ({@link #look}); read by the dashboard ({@link #open}).
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class Alerts {

    /** How often the network is looked at for alerts. */
    static final Duration EVERY = Duration.ofSeconds(10);
    /** Failed resyncs older than this raise no alert (on an upgrade, old failures are not news). */
    static final Duration RECENT_FAILURES = Duration.ofDays(7);
    /** After this many failed attempts to send an alert, it is not sent any more (the dashboard still shows it). */
    static final int MAX_ATTEMPTS = 5;

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    private static final String SELECT = "SELECT a.id, a.kind, a.site_id, s.name, a.raised_at, a.cleared_at, "
            + "a.message, a.notified_at, a.notify_error, s.alerts_muted_until FROM alert a JOIN site s ON s.id = a.site_id ";

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private NetworkHealth health;

    /**
     * Raises the alerts of lines crossed since the last look and clears those that are over, unless another node of
     * the cluster looked less than {@link #EVERY} ago. @return whether this node looked
     */
    @PermitAll
    public boolean look() {
        if (!OncePerCluster.claim(em, "alerts", EVERY)) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        HealthSettings settings = health.settings(); // read once: not again for every site that crossed the line
        HealthSettings.Thresholds thresholds = settings.thresholdsAt(now.toInstant());
        OffsetDateTime criticalBefore = OffsetDateTime.ofInstant(thresholds.criticalBefore(), ZoneOffset.UTC);

        // over: the site synced since, the resync's store completed a later one, the push integrated
        em.createNativeQuery("UPDATE alert SET cleared_at = ?1 WHERE cleared_at IS NULL AND kind = 'SITE_CRITICAL' AND "
                        + "site_id IN (SELECT id FROM site WHERE last_successful_sync_at >= ?2)")
                .setParameter(1, now)
                .setParameter(2, criticalBefore)
                .executeUpdate();
        em.createNativeQuery(
                        "UPDATE alert SET cleared_at = ?1 WHERE cleared_at IS NULL AND kind = 'RESYNC_FAILED' AND "
                                + "EXISTS (SELECT 1 FROM resync_job f JOIN resync_job k ON k.site_id = f.site_id AND "
                                + "k.store_id = f.store_id AND k.id > f.id AND k.state = 'COMPLETED' WHERE f.id = alert.subject_id)")
                .setParameter(1, now)
                .executeUpdate();
        em.createNativeQuery(
                        "UPDATE alert SET cleared_at = ?1 WHERE cleared_at IS NULL AND kind = 'INTEGRATION_FAILED' "
                                + "AND site_id IN (SELECT id FROM site WHERE integration_failed_at IS NULL AND "
                                + "integration_set_aside = 0)")
                .setParameter(1, now)
                .executeUpdate();

        int raised = 0;
        for (Object[] site : rows(
                "SELECT s.id, s.name, s.last_successful_sync_at FROM site s WHERE s.central = FALSE "
                        + "AND s.last_successful_sync_at < ?1 AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.kind = "
                        + "'SITE_CRITICAL' AND a.site_id = s.id AND a.cleared_at IS NULL)",
                criticalBefore)) {
            raised += raise(
                    AlertKind.SITE_CRITICAL,
                    site[0],
                    0,
                    now,
                    Text.of("alert.siteCritical", (String) site[1], Times.ofColumn(site[2]), settings.criticalHours()));
        }
        for (Object[] job : rows(
                "SELECT j.id, j.site_id, s.name, st.code, j.error_message FROM resync_job j "
                        + "JOIN site s ON s.id = j.site_id JOIN store st ON st.id = j.store_id WHERE j.state = 'FAILED' AND "
                        + "j.finished_at >= ?1 AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.kind = 'RESYNC_FAILED' AND "
                        + "a.subject_id = j.id)",
                now.minus(RECENT_FAILURES))) {
            Text reason = Text.decode((String) job[4]);
            Text message =
                    Text.of("alert.resyncFailed", (String) job[3], (String) job[2], reason == null ? "" : reason);
            raised += raise(AlertKind.RESYNC_FAILED, job[1], ((Number) job[0]).longValue(), now, message);
        }
        for (Object[] site :
                rows("SELECT s.id, s.name, s.integration_set_aside FROM site s WHERE (s.integration_failed_at "
                        + "IS NOT NULL OR s.integration_set_aside > 0) AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.kind = "
                        + "'INTEGRATION_FAILED' AND a.site_id = s.id AND a.cleared_at IS NULL)")) {
            raised += raise(
                    AlertKind.INTEGRATION_FAILED,
                    site[0],
                    0,
                    now,
                    Text.of("alert.integrationFailed", (String) site[1], ((Number) site[2]).longValue()));
        }
        if (raised > 0) {
            LOG.info("Alerts: " + raised + " raised");
        }
        return true;
    }

    /** The open alerts, newest first (at most {@code limit}). */
    public List<Alert> open(int limit) {
        return alerts(SELECT + "WHERE a.cleared_at IS NULL ORDER BY a.id DESC", limit);
    }

    /**
     * Open alerts not sent yet (nor given up on), oldest first; not those of a site whose alerts are muted now, which
     * wait until the mute ends (and are sent then, if still open).
     */
    @PermitAll
    public List<Alert> toSend() {
        return alerts(
                SELECT + "WHERE a.cleared_at IS NULL AND a.notified_at IS NULL AND a.notify_attempts < " + MAX_ATTEMPTS
                        + " AND (s.alerts_muted_until IS NULL OR s.alerts_muted_until <= ?1) ORDER BY a.id",
                500,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The alerts were sent (error null), or sending them failed with {@code error}. */
    @PermitAll
    public void sent(List<Long> ids, String error) {
        if (ids.isEmpty()) {
            return;
        }
        if (error == null) {
            em.createNativeQuery("UPDATE alert SET notify_attempts = notify_attempts + 1, notify_error = NULL, "
                            + "notified_at = ?1 WHERE id IN (?2)")
                    .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                    .setParameter(2, ids)
                    .executeUpdate();
        } else {
            // not notified: tried again at the next looks, up to MAX_ATTEMPTS times
            em.createNativeQuery(
                            "UPDATE alert SET notify_attempts = notify_attempts + 1, notify_error = ?1 WHERE id IN "
                                    + "(?2)")
                    .setParameter(1, Columns.clip(error, 2000))
                    .setParameter(2, ids)
                    .executeUpdate();
        }
    }

    private int raise(AlertKind kind, Object siteId, long subjectId, OffsetDateTime now, Text message) {
        return em.createNativeQuery("INSERT INTO alert (kind, site_id, subject_id, raised_at, message) VALUES "
                        + "(?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, kind.name())
                .setParameter(2, ((Number) siteId).longValue())
                .setParameter(3, subjectId)
                .setParameter(4, now)
                .setParameter(5, Columns.clip(message.encoded(), 4000))
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.setMaxResults(10_000).getResultList();
    }

    private List<Alert> alerts(String sql, int limit, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setMaxResults(limit).getResultList();
        Instant now = Instant.now();
        List<Alert> alerts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            alerts.add(new Alert(
                    ((Number) row[0]).longValue(),
                    AlertKind.valueOf((String) row[1]),
                    ((Number) row[2]).longValue(),
                    (String) row[3],
                    Times.ofColumn(row[4]),
                    Times.ofColumn(row[5]),
                    Text.decode((String) row[6]),
                    Times.ofColumn(row[7]),
                    (String) row[8],
                    Site.stillMuted(Times.ofColumn(row[9]), now)));
        }
        return alerts;
    }
}
