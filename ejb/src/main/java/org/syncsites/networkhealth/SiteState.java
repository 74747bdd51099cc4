package org.syncsites.networkhealth;

import jakarta.persistence.Query;
import java.time.Instant;
import java.util.List;
import org.syncsites.resync.ResyncState;

/**
 * The states of a remote site that the dashboard counts and the site list filters on, each one condition on the
 * site (alias {@code s} of a query over {@code Site}), written once here. The first four say how long ago the site
 * last completed a sync, against the overdue thresholds; every remote site is in exactly one of them. The others
 * say what needs an admin, and may overlap.
 */
public enum SiteState {
    SYNCED("s.lastSuccessfulSyncAt >= :warningBefore"),
    OVERDUE("s.lastSuccessfulSyncAt < :warningBefore AND s.lastSuccessfulSyncAt >= :criticalBefore"),
    CRITICAL("s.lastSuccessfulSyncAt < :criticalBefore"),
    NEVER_SYNCED("s.lastSuccessfulSyncAt IS NULL"),
    BLOCKED("s.blocked = TRUE"),
    PAUSED("s.syncPausedAt IS NOT NULL"),
    INTEGRATION_FAILED("(s.integrationFailedAt IS NOT NULL OR s.integrationSetAside > 0)"),
    RESYNC_RUNNING("EXISTS (SELECT j.id FROM ResyncJob j WHERE j.siteId = s.id AND j.state IN :unfinishedResyncs)");

    private static final List<ResyncState> UNFINISHED = List.of(ResyncState.REQUESTED, ResyncState.RUNNING);

    private final String condition;

    SiteState(String condition) {
        this.condition = condition;
    }

    /** The condition on {@code s} (a remote site) for this state; bind its parameters with {@link #bind}. */
    public String condition() {
        return "(s.central = FALSE AND " + condition + ")";
    }

    /** Whether this state is one of the four of the last sync's age. */
    public boolean syncAge() {
        return ordinal() <= NEVER_SYNCED.ordinal();
    }

    /** The age state of a site that last completed a sync at {@code lastSync} (null: never), as {@link #condition} says. */
    public static SiteState ofLastSync(Instant lastSync, HealthSettings.Thresholds thresholds) {
        if (lastSync == null) {
            return NEVER_SYNCED;
        }
        if (lastSync.isBefore(thresholds.criticalBefore())) {
            return CRITICAL;
        }
        return lastSync.isBefore(thresholds.warningBefore()) ? OVERDUE : SYNCED;
    }

    /** Sets the parameters that the conditions in {@code hql} (the query's text) use. */
    public static void bind(Query query, String hql, HealthSettings.Thresholds thresholds) {
        if (hql.contains(":warningBefore")) {
            query.setParameter("warningBefore", thresholds.warningBefore());
        }
        if (hql.contains(":criticalBefore")) {
            query.setParameter("criticalBefore", thresholds.criticalBefore());
        }
        if (hql.contains(":unfinishedResyncs")) {
            query.setParameter("unfinishedResyncs", UNFINISHED);
        }
    }
}
