package org.syncsites.sync;

import java.io.Serializable;

/**
 * What {@code GET /sync/v5/site} reports: the site, whether its initialisation is new, started, completed or
 * error, the central server's own site ID, and the network's open-mSupply central server: whether this site is
 * it, else its URL ("" when no site is marked as it).
 */
public record SiteSyncState(long siteId, String code, String name, String initialisationStatus,
                            long centralSiteId, boolean omSupplyCentralServer, String omSupplyCentralServerUrl) implements Serializable {
}
