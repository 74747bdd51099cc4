package org.syncsites.sync;

import java.io.Serializable;

/**
 * A site whose request passed the sign-in: the rest of the request acts for it. {@code hardwareId} and
 * {@code appVersion} are what the request said of its device, for the sync history.
 */
public record AuthenticatedSite(long siteId, String name, String hardwareId, String appVersion)
        implements Serializable {}
