package org.syncsites.syncv5;

import java.io.Serializable;

/**
 * {@code GET site} (§3.1): the site as the central knows it ({@code id} is its ID as text, the site's UUID for
 * clients), how far its initialisation is, the network's open-mSupply central server (whether this site is it,
 * else its URL, "" when none is marked) and the central's own site ID.
 */
public record SiteInfo(
        String id,
        long siteId,
        String code,
        String name,
        InitialisationStatus initialisationStatus,
        String omSupplyCentralServerUrl,
        boolean isOmSupplyCentralServer,
        long mSupplyCentralSiteId)
        implements Serializable {}
