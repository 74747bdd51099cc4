package org.syncsites.siteadmin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.syncsites.platform.Text;

/**
 * One bulk action: what was asked, of which sites (chosen when it was confirmed, table {@code bulk_job_site}), and
 * how far it got. {@code cursorId} is the last site ID dealt with; the sites are taken in ID order, so a job
 * continued after its node went down neither skips nor repeats a site.
 */
@Entity
@Table(name = "bulk_job")
public class BulkJob {

    /** A running job whose heartbeat is older than this has stopped with its node. */
    static final Duration STOPPED_AFTER = Duration.ofMinutes(2);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private BulkAction action;

    private String parameter;

    private String selection;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private BulkJobState state;

    @Column(name = "total_count")
    private int totalCount;

    @Column(name = "done_count")
    private int doneCount;

    @Column(name = "failed_count")
    private int failedCount;

    @Column(name = "cursor_id")
    private long cursorId;

    @Column(name = "last_failed_site_id")
    private Long lastFailedSiteId;

    /** Why the last failed site failed, as {@link Text#encoded()}. */
    @Column(name = "last_failure")
    private String lastFailure;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected BulkJob() {}

    BulkJob(BulkAction action, String parameter, String selection, int totalCount, String requestedBy, Instant now) {
        this.action = action;
        this.parameter = parameter;
        this.selection = selection;
        this.state = BulkJobState.RUNNING;
        this.totalCount = totalCount;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.heartbeatAt = now;
    }

    Long getId() {
        return id;
    }

    BulkAction getAction() {
        return action;
    }

    String getParameter() {
        return parameter;
    }

    long getCursorId() {
        return cursorId;
    }

    /** Whether the job is running on a live node. */
    boolean isRunning(Instant now) {
        return state == BulkJobState.RUNNING && heartbeatAt.isAfter(now.minus(STOPPED_AFTER));
    }

    /** Whether an admin may continue the job: it stopped with its node before it was done. */
    boolean canContinue(Instant now) {
        return state != BulkJobState.DONE && !isRunning(now);
    }

    /** Counts the sites of one step, up to {@code lastSiteId}, and beats the heartbeat; done when none is left. */
    void advance(long lastSiteId, int done, int failed, Failure failure, boolean finished, Instant now) {
        cursorId = lastSiteId;
        doneCount += done;
        failedCount += failed;
        if (failure != null) {
            lastFailedSiteId = failure.siteId();
            String encoded = failure.problem().encoded();
            lastFailure =
                    encoded.length() > 2000 ? Text.of("bulk.failure.unknown").encoded() : encoded;
        }
        heartbeatAt = now;
        if (finished) {
            state = BulkJobState.DONE;
            finishedAt = now;
        }
    }

    /** Taken up again by this node. */
    void resume(Instant now) {
        state = BulkJobState.RUNNING;
        heartbeatAt = now;
    }

    /** A site the action failed on, and why. */
    record Failure(long siteId, Text problem) {}

    /** What an admin reads of the job. */
    public View view(Instant now) {
        BulkJobState shown = state == BulkJobState.RUNNING && !isRunning(now) ? BulkJobState.STOPPED : state;
        return new View(
                id,
                action,
                parameter,
                selection,
                shown,
                totalCount,
                doneCount,
                failedCount,
                lastFailedSiteId,
                lastFailure == null ? null : Text.decode(lastFailure),
                requestedBy,
                requestedAt,
                finishedAt);
    }

    /**
     * A bulk action as admins read it. {@code done} counts the sites dealt with, those that failed among them;
     * {@code lastFailure} says why the last one failed, {@code lastFailedSiteId} (a site deleted meanwhile, a rule of
     * the action).
     */
    public record View(
            long id,
            BulkAction action,
            String value,
            String selection,
            BulkJobState state,
            int total,
            int done,
            int failed,
            Long lastFailedSiteId,
            Text lastFailure,
            String requestedBy,
            Instant requestedAt,
            Instant finishedAt)
            implements Serializable {

        /** Percent of the sites dealt with, for a progress bar. */
        public int percent() {
            return total == 0 ? 100 : (int) (100L * done / total);
        }
    }
}
