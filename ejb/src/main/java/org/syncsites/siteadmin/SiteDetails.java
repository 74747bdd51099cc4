package org.syncsites.siteadmin;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.syncsites.site.SiteSettings;
import org.syncsites.site.SiteType;
import org.syncsites.store.StoreSummary;

/**
 * Everything the site window shows; {@code syncPausedAt} and {@code syncPausedBy} are null unless its sync is paused,
 * {@code alertsMutedUntil} and {@code alertsMutedBy} unless its alerts are muted now. Carries whether a password is
 * set, never the password or its hash.
 */
public record SiteDetails(
        long id,
        SiteSettings settings,
        boolean passwordSet,
        String hardwareId,
        SiteType type,
        boolean central,
        boolean blocked,
        int failedLoginCount,
        String appVersion,
        Instant firstConnectionAt,
        Instant lastConnectionAt,
        Instant lastSuccessfulSyncAt,
        long queueLength,
        List<StoreSummary> stores,
        long version,
        boolean omsCentral,
        Instant syncPausedAt,
        String syncPausedBy,
        Instant alertsMutedUntil,
        String alertsMutedBy)
        implements Serializable {

    public boolean paused() {
        return syncPausedAt != null;
    }

    public boolean alertsMuted() {
        return alertsMutedUntil != null;
    }

    public String name() {
        return settings.name();
    }

    public boolean deletable() {
        return stores.isEmpty() && !central && !settings.activeOnDatafile();
    }
}
