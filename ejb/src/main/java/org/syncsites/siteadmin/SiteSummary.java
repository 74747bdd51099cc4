package org.syncsites.siteadmin;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.networkhealth.HealthSettings;
import org.syncsites.networkhealth.SiteState;
import org.syncsites.site.SiteType;

/**
 * A row of the site list: the site at a glance. {@code syncAge} says how long ago it last completed a sync against
 * the overdue thresholds (null for the central server's own site).
 */
public record SiteSummary(
        long id,
        String code,
        String name,
        SiteType type,
        boolean central,
        long storeCount,
        boolean blocked,
        boolean hardwareBound,
        Instant lastSuccessfulSyncAt,
        long queueLength,
        boolean activeOnDatafile,
        boolean integrationFailed,
        Instant syncPausedAt,
        SiteState syncAge)
        implements Serializable {

    /** As the list's query reads it, before its age is told. */
    public SiteSummary(
            long id,
            String code,
            String name,
            SiteType type,
            boolean central,
            long storeCount,
            boolean blocked,
            boolean hardwareBound,
            Instant lastSuccessfulSyncAt,
            long queueLength,
            boolean activeOnDatafile,
            boolean integrationFailed,
            Instant syncPausedAt) {
        this(
                id,
                code,
                name,
                type,
                central,
                storeCount,
                blocked,
                hardwareBound,
                lastSuccessfulSyncAt,
                queueLength,
                activeOnDatafile,
                integrationFailed,
                syncPausedAt,
                null);
    }

    SiteSummary aged(HealthSettings.Thresholds thresholds) {
        return new SiteSummary(
                id,
                code,
                name,
                type,
                central,
                storeCount,
                blocked,
                hardwareBound,
                lastSuccessfulSyncAt,
                queueLength,
                activeOnDatafile,
                integrationFailed,
                syncPausedAt,
                central ? null : SiteState.ofLastSync(lastSuccessfulSyncAt, thresholds));
    }

    public boolean paused() {
        return syncPausedAt != null;
    }
}
