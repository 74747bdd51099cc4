package org.syncsites.networkhealth;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.syncsites.site.MinimumAppVersions;
import org.syncsites.synchistory.HourCount;

/**
 * The network at a glance, as of {@code at}: how many remote sites there are and how many are in each state, the
 * open alerts (newest first), the most overdue sites, the app versions in use, the sync sessions per hour of the last 7
 * days, the settings the states were counted with, and how many open-mSupply sites synced in the last 7 days while no
 * site is marked the open-mSupply central server (they cannot sync their newer data then), and the app versions in
 * use that are older than the network accepts ({@link MinimumAppVersions}: their sites are refused at their next
 * sync).
 */
public record Dashboard(
        Instant at,
        long sites,
        Map<SiteState, Long> counts,
        List<Alert> alerts,
        List<OverdueSite> mostOverdue,
        List<VersionCount> versions,
        List<HourCount> hours,
        HealthSettings settings,
        long openMSupplySitesWithoutTheirCentral,
        List<MinimumAppVersions.Outdated> outdatedApps)
        implements Serializable {

    public long count(SiteState state) {
        return counts.getOrDefault(state, 0L);
    }

    /** A site overdue, with when it last completed a sync and last called in at all. */
    public record OverdueSite(
            long id, String code, String name, Instant lastSuccessfulSyncAt, Instant lastConnectionAt, SiteState state)
            implements Serializable {}

    /** How many remote sites last called in with an app version. */
    public record VersionCount(String appVersion, long sites) implements Serializable {}
}
