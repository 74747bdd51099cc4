package org.syncsites.resync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.syncsites.platform.Text;

/**
 * A request to queue all data of one store for one site, and how far it got. {@code cursorId} is the last
 * record ID of the current phase already queued: a chunk's records and the cursor move in one transaction, so
 * a job resumed after a crash neither misses nor repeats a record.
 */
@Entity
@Table(name = "resync_job")
public class ResyncJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "site_id")
    private long siteId;

    @Column(name = "store_id")
    private long storeId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private ResyncState state;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private ResyncPhase phase;

    @Column(name = "cursor_id")
    private long cursorId;

    @Column(name = "total_count")
    private long totalCount;

    @Column(name = "processed_count")
    private long processedCount;

    @Column(name = "queued_count")
    private long queuedCount;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "heartbeat_at")
    private Instant heartbeatAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "error_message")
    private String errorMessage;

    /** Whether the site's queue held data of the store when the job started (then chunks skip queued records). */
    @Column(name = "target_had_store_data")
    private boolean targetHadStoreData = true;

    @Version
    private long version;

    protected ResyncJob() {}

    ResyncJob(long siteId, long storeId, long totalCount, String requestedBy, Instant requestedAt) {
        this.siteId = siteId;
        this.storeId = storeId;
        this.totalCount = totalCount;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.state = ResyncState.REQUESTED;
        this.phase = ResyncPhase.STORE_RECORDS;
    }

    /** @return whether the job starts now (it was only requested until now) */
    boolean start(Instant now) {
        heartbeatAt = now;
        if (state == ResyncState.REQUESTED) {
            state = ResyncState.RUNNING;
            startedAt = now;
            return true;
        }
        return false;
    }

    /** Someone looked after the job now (see ResyncWatchdog). */
    void touch(Instant now) {
        heartbeatAt = now;
    }

    void targetHadStoreData(boolean had) {
        targetHadStoreData = had;
    }

    /** Whether a chunk must skip records already in the site's queue (else the plain, faster insert will do). */
    boolean mustSkipQueuedRecords() {
        return targetHadStoreData;
    }

    /** Records that the records up to {@code lastId} of the current phase are queued. */
    void advance(long lastId, long processed, long queued, Instant now) {
        cursorId = lastId;
        processedCount += processed;
        queuedCount += queued;
        heartbeatAt = now;
    }

    /** The current phase has no record left: the next one starts from its first record. */
    void nextPhase(Instant now) {
        cursorId = 0;
        heartbeatAt = now;
        if (phase == ResyncPhase.STORE_RECORDS) {
            phase = ResyncPhase.MASTER_RECORDS;
        } else {
            phase = ResyncPhase.DONE;
            state = ResyncState.COMPLETED;
            finishedAt = now;
            errorMessage = null;
        }
    }

    /** The store left the site: nothing more is queued (see ResyncRequests#cancel). */
    void cancel(Instant now) {
        state = ResyncState.CANCELLED;
        heartbeatAt = now;
        finishedAt = now;
    }

    void failed(Text message, Instant now, boolean finalFailure) {
        errorMessage = (message == null ? Text.of("resync.unknownError") : message).encoded();
        heartbeatAt = now;
        if (finalFailure) {
            state = ResyncState.FAILED;
            finishedAt = now;
        }
    }

    public ResyncProgress progress(String siteName, String storeLabel) {
        return new ResyncProgress(
                id,
                siteId,
                siteName,
                storeId,
                storeLabel,
                state,
                processedCount,
                queuedCount,
                totalCount,
                requestedBy,
                requestedAt,
                startedAt,
                finishedAt,
                Text.decode(errorMessage));
    }

    public Long getId() {
        return id;
    }

    public long getSiteId() {
        return siteId;
    }

    public long getStoreId() {
        return storeId;
    }

    public ResyncState getState() {
        return state;
    }

    public ResyncPhase getPhase() {
        return phase;
    }

    public long getCursorId() {
        return cursorId;
    }
}
