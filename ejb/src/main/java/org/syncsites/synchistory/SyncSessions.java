package org.syncsites.synchistory;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.syncsites.platform.Columns;
import org.syncsites.platform.Meters;
import org.syncsites.platform.Text;
import org.syncsites.syncv5.ErrorCode;

/**
 * Notes the sync sessions as their requests are answered, in the transaction of the request's own work (so what a
 * session says moved, moved). A session begins with a site's {@code GET site} (the first request of every sync
 * cycle), which ends the site's session still running as interrupted; any other request joins the site's latest
 * session unless that one has seen no request for {@link #SESSION_GAP}. A refused request of a known site ends its
 * running session as failed; refusals that repeat (a device with an old password calling every few minutes) count up
 * one failed session rather than adding one each, so a guesser cannot flood the history.
 */
@Stateless
@PermitAll
public class SyncSessions {

    /** A request this long after the site's last one starts a new session. */
    public static final Duration SESSION_GAP = Duration.ofMinutes(10);

    private static final String LATEST = "(SELECT MAX(id) FROM sync_session WHERE site_id = ?1)";

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private Meters meters;

    /** A {@code GET site} this soon after a running session's last request joins it: a check, not a new cycle. */
    static final Duration CHECK_WITHIN = Duration.ofSeconds(60);

    /**
     * The site begins a sync cycle ({@code GET site}): a new session, unless one of the site's is running and had a
     * request within {@link #CHECK_WITHIN}: then the request is a check of the site's credentials in the middle of its
     * cycle (the open-mSupply central server checks them so on each of the site's v6 syncs) and joins that session. A
     * session that only ever had its {@code GET site} is shown as a check ({@link SessionOutcome#CHECKED}).
     */
    public void started(long siteId, String hardwareId, String appVersion) {
        OffsetDateTime now = now();
        int joined = em.createNativeQuery("UPDATE sync_session SET last_request_at = ?2, requests = requests + 1 "
                        + "WHERE id = " + LATEST + " AND outcome = 'RUNNING' AND last_request_at > ?3")
                .setParameter(1, siteId)
                .setParameter(2, now)
                .setParameter(3, now.minus(CHECK_WITHIN))
                .executeUpdate();
        if (joined == 0) {
            // A site runs one sync cycle at a time: a session of it still running was cut short (the link dropped,
            // the device stopped) and is ended now rather than shown as running until its gap has passed.
            em.createNativeQuery("UPDATE sync_session SET outcome = CASE WHEN requests = 1 AND pulled = 0 "
                            + "AND acknowledged = 0 AND pushed = 0 THEN 'CHECKED' ELSE 'INTERRUPTED' END "
                            + "WHERE id = " + LATEST + " AND outcome = 'RUNNING'")
                    .setParameter(1, siteId)
                    .executeUpdate();
            insert(siteId, hardwareId, appVersion, SessionOutcome.RUNNING, 0, 0, 0, null, null);
            meters.syncSessionStarted();
        }
    }

    /**
     * A request of the site answered: what it moved is added to the site's session.
     *
     * @param complete the site has now pulled its whole queue: the session succeeded
     */
    public void answered(
            long siteId,
            String hardwareId,
            String appVersion,
            long pulled,
            long acknowledged,
            long pushed,
            boolean complete) {
        meters.recordsMoved(pulled, acknowledged, pushed);
        OffsetDateTime now = now();
        int joined = em.createNativeQuery("UPDATE sync_session SET last_request_at = ?2, requests = requests + 1, "
                        + "pulled = pulled + ?3, acknowledged = acknowledged + ?4, pushed = pushed + ?5"
                        + (complete ? ", outcome = 'SUCCEEDED'" : "")
                        + " WHERE id = " + LATEST + " AND last_request_at > ?6")
                .setParameter(1, siteId)
                .setParameter(2, now)
                .setParameter(3, pulled)
                .setParameter(4, acknowledged)
                .setParameter(5, pushed)
                .setParameter(6, now.minus(SESSION_GAP))
                .executeUpdate();
        if (joined == 0) {
            insert(
                    siteId,
                    hardwareId,
                    appVersion,
                    complete ? SessionOutcome.SUCCEEDED : SessionOutcome.RUNNING,
                    pulled,
                    acknowledged,
                    pushed,
                    null,
                    null);
        }
    }

    /**
     * A request of a known site refused: its running session failed, or the same refusal as the site's latest
     * failed session came again, or a new failed session.
     */
    public void refused(long siteId, String hardwareId, String appVersion, ErrorCode code, Text message) {
        meters.syncRefused(code.wire());
        OffsetDateTime now = now();
        int joined = em.createNativeQuery(
                        "UPDATE sync_session SET last_request_at = ?2, requests = requests + 1, "
                                + "outcome = 'FAILED', error_code = ?3, message = ?4 WHERE id = " + LATEST
                                + " AND last_request_at > ?5 AND (outcome = 'RUNNING' OR (outcome = 'FAILED' AND error_code = ?3))")
                .setParameter(1, siteId)
                .setParameter(2, now)
                .setParameter(3, code.wire())
                .setParameter(4, Columns.clip(message.encoded(), 4000))
                .setParameter(5, now.minus(SESSION_GAP))
                .executeUpdate();
        if (joined == 0) {
            insert(siteId, hardwareId, appVersion, SessionOutcome.FAILED, 0, 0, 0, code, message);
        }
    }

    private void insert(
            long siteId,
            String hardwareId,
            String appVersion,
            SessionOutcome outcome,
            long pulled,
            long acknowledged,
            long pushed,
            ErrorCode code,
            Text message) {
        OffsetDateTime now = now();
        em.createNativeQuery(
                        "INSERT INTO sync_session (site_id, started_at, started_hour, last_request_at, hardware_id, "
                                + "app_version, requests, pulled, acknowledged, pushed, outcome, error_code, message) "
                                + "VALUES (?1, ?2, ?3, ?2, ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, siteId)
                .setParameter(2, now)
                .setParameter(3, hourOf(now.toInstant()))
                .setParameter(4, Columns.clip(hardwareId, 255))
                .setParameter(5, Columns.clip(appVersion, 50))
                .setParameter(6, pulled)
                .setParameter(7, acknowledged)
                .setParameter(8, pushed)
                .setParameter(9, outcome.name())
                .setParameter(10, code == null ? null : code.wire())
                .setParameter(11, message == null ? null : Columns.clip(message.encoded(), 4000))
                .executeUpdate();
    }

    /** Whole hours since 1970 (UTC): the hour a session is counted in. */
    static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3600);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
