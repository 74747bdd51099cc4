package org.syncsites.siteadmin;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.site.SiteType;

/** A row of the site list: the site at a glance. */
public record SiteSummary(long id, String code, String name, SiteType type, boolean central, long storeCount,
                          boolean blocked, boolean hardwareBound, Instant lastSuccessfulSyncAt, long queueLength,
                          boolean activeOnDatafile, boolean integrationFailed) implements Serializable {
}
