package org.syncsites.sync;

import java.io.Serializable;

/**
 * What {@code GET /sync/v5/site} reports: the site, whether its initialisation is new, started, completed or
 * error, and the central server's own site ID.
 */
public record SiteSyncState(long siteId, String code, String name, String initialisationStatus,
                            long centralSiteId) implements Serializable {
}
