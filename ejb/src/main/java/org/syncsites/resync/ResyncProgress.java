package org.syncsites.resync;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.platform.Text;

/**
 * How far a store's data is queued for a site: {@code processed} of {@code total} records looked at,
 * {@code queued} of them newly added to the site's queue (the others were queued already).
 */
public record ResyncProgress(
        long jobId,
        long siteId,
        String siteName,
        long storeId,
        String storeLabel,
        ResyncState state,
        long processed,
        long queued,
        long total,
        String requestedBy,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        Text error)
        implements Serializable {

    /** 0 to 100. */
    public int percent() {
        if (state == ResyncState.COMPLETED || total == 0) {
            return state == ResyncState.COMPLETED ? 100 : 0;
        }
        return (int) Math.min(99, processed * 100 / total);
    }
}
