package org.syncsites.platform;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Timers whose work must be done once per cluster, not once per node (pruning, recounting, alerts): every node's
 * timer fires, and the first to move the timer's row ({@code cluster_timer}) on to its next run does the work, in
 * the same transaction. The others find the row moved (they wait for its lock while the first works, then see it)
 * and do nothing. Should the work fail, its transaction rolls the row back and the next tick tries again.
 */
public final class OncePerCluster {

    private OncePerCluster() {}

    /**
     * Whether this node does the work of timer {@code name} now; true at most once per {@code every} in the whole
     * cluster. Call it first in the work's transaction. The timer's row is made by a migration.
     */
    public static boolean claim(EntityManager em, String name, Duration every) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // a little less than the period, so that one node's next tick is not refused for being a moment early
        OffsetDateTime next = now.plus(every.minus(every.dividedBy(10)));
        return em.createNativeQuery("UPDATE cluster_timer SET next_run_at = ?1 WHERE name = ?2 AND next_run_at <= ?3")
                        .setParameter(1, next)
                        .setParameter(2, name)
                        .setParameter(3, now)
                        .executeUpdate()
                == 1;
    }
}
