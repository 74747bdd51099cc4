package org.syncsites.remote;

import java.time.Duration;
import org.syncsites.site.SiteRules;

/**
 * mSupply's documentation of the Sync Sites window: "mSupply will automatically adjust [the sync request size] to
 * optimise the efficiency of communication": after each batch, a quick full batch makes the next one larger, a slow
 * batch or a failed request makes it smaller, always within the site's request size bounds. The size reached is
 * remembered as the site's request size for the next sync.
 */
public class RequestSizeTuner {

    /** A full batch answered faster than this: ask for more next time. */
    static final Duration QUICK = Duration.ofSeconds(2);
    /** A batch slower than this: ask for less next time. */
    static final Duration SLOW = Duration.ofSeconds(10);

    private int size;

    public RequestSizeTuner(int startSize) {
        this.size = bounded(startSize);
    }

    public int size() {
        return size;
    }

    /** After a batch of {@code records} (at most {@link #size()}) that took {@code took}. */
    public void batchTook(Duration took, int records) {
        if (took.compareTo(SLOW) > 0) {
            size = bounded(size / 2);
        } else if (took.compareTo(QUICK) < 0 && records >= size) {
            size = bounded(size + size / 2);
        }
    }

    /** After a request that failed for want of an answer (timeout, broken connection). */
    public void requestFailed() {
        size = bounded(size / 2);
    }

    private static int bounded(int size) {
        return Math.max(SiteRules.MIN_SYNC_REQUEST_SIZE, Math.min(SiteRules.MAX_SYNC_REQUEST_SIZE, size));
    }
}
