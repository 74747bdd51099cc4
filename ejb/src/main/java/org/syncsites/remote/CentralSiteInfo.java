package org.syncsites.remote;

/** What {@code GET /sync/v5/site} tells a remote site about itself and its central server. */
public record CentralSiteInfo(String id, long siteId, String initialisationStatus, long centralSiteId) {
}
