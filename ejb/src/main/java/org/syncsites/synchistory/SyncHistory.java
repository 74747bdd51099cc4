package org.syncsites.synchistory;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.Text;
import org.syncsites.platform.Times;
import org.syncsites.security.Roles;

/** The sync history as people read it: a site's sessions, newest first, and the sessions of the network per hour. */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SyncHistory {

    /** How many hours before the current one the hourly counts are recounted, for sessions still going on. */
    static final int HOURS_RECOUNTED = 2;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /** A page of the site's sessions, newest first. */
    public ListPage<SyncSession> ofSite(long siteId, int offset, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, site_id, started_at, last_request_at, hardware_id, "
                        + "app_version, requests, pulled, acknowledged, pushed, outcome, error_code, message "
                        + "FROM sync_session WHERE site_id = ?1 ORDER BY id DESC")
                .setParameter(1, siteId)
                .setFirstResult(Math.max(0, offset))
                .setMaxResults(Math.max(1, limit))
                .getResultList();
        Instant interruptedBefore = Instant.now().minus(SyncSessions.SESSION_GAP);
        List<SyncSession> sessions = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Instant last = Times.ofColumn(row[3]);
            SessionOutcome outcome = SessionOutcome.valueOf((String) row[10]);
            if (outcome == SessionOutcome.RUNNING && last.isBefore(interruptedBefore)) {
                boolean onlyChecked = number(row[6]) == 1 && number(row[7]) + number(row[8]) + number(row[9]) == 0;
                outcome = onlyChecked ? SessionOutcome.CHECKED : SessionOutcome.INTERRUPTED;
            }
            sessions.add(new SyncSession(
                    number(row[0]),
                    number(row[1]),
                    Times.ofColumn(row[2]),
                    last,
                    (String) row[4],
                    (String) row[5],
                    (int) number(row[6]),
                    number(row[7]),
                    number(row[8]),
                    number(row[9]),
                    outcome,
                    (String) row[11],
                    Text.decode((String) row[12])));
        }
        long count = sessions.size() < limit && offset == 0
                ? sessions.size()
                : ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_session WHERE site_id = ?1")
                                .setParameter(1, siteId)
                                .getSingleResult())
                        .longValue();
        return new ListPage<>(sessions, count, count);
    }

    /** The sessions of the whole network per hour, the last {@code hours} hours up to now, oldest first; none missing. */
    public List<HourCount> lastHours(int hours) {
        long current = SyncSessions.hourOf(Instant.now());
        long first = current - hours + 1;
        Map<Long, Object[]> counted = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT started_hour, sessions, failed, records FROM sync_hour " + "WHERE started_hour >= ?1")
                .setParameter(1, first)
                .getResultList();
        rows.forEach(row -> counted.put(number(row[0]), row));
        List<HourCount> result = new ArrayList<>(hours);
        for (long hour = first; hour <= current; hour++) {
            Object[] row = counted.get(hour);
            result.add(new HourCount(
                    Instant.ofEpochSecond(hour * 3600),
                    row == null ? 0 : number(row[1]),
                    row == null ? 0 : number(row[2]),
                    row == null ? 0 : number(row[3])));
        }
        return result;
    }

    /**
     * Recounts the hourly counts of the current hour and the {@value #HOURS_RECOUNTED} before it from the sessions
     * (a session counts in the hour it started, with what it moved until now). Called by a timer, once per cluster.
     */
    @PermitAll
    public void recountRecentHours() {
        long from = SyncSessions.hourOf(Instant.now()) - HOURS_RECOUNTED;
        em.createNativeQuery("DELETE FROM sync_hour WHERE started_hour >= ?1")
                .setParameter(1, from)
                .executeUpdate();
        em.createNativeQuery(
                        "INSERT INTO sync_hour (started_hour, sessions, failed, records) SELECT started_hour, COUNT(*), "
                                + "SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END), SUM(pulled + pushed) FROM sync_session "
                                + "WHERE started_hour >= ?1 GROUP BY started_hour")
                .setParameter(1, from)
                .executeUpdate();
    }

    /**
     * Deletes the sessions that started before {@code before}, and hourly counts more than a year older than that.
     * @return how many sessions
     */
    @PermitAll
    public int pruneBefore(Instant before) {
        long hour = SyncSessions.hourOf(before);
        em.createNativeQuery("DELETE FROM sync_hour WHERE started_hour < ?1")
                .setParameter(1, hour - 24 * 366)
                .executeUpdate();
        return em.createNativeQuery("DELETE FROM sync_session WHERE started_hour < ?1 OR (started_hour = ?1 AND "
                        + "started_at < ?2)")
                .setParameter(1, hour)
                .setParameter(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .executeUpdate();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
