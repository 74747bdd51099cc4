package org.syncsites.site;

import java.io.Serializable;
import java.time.Instant;

/** A row of the site list: the site at a glance. */
public record SiteSummary(long id, String code, String name, SiteType type, boolean central, long storeCount,
                          boolean blocked, boolean hardwareBound, Instant lastSuccessfulSyncAt, long queueLength,
                          boolean activeOnDatafile, boolean integrationFailed) implements Serializable {
}
