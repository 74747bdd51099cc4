package org.syncsites.syncv5;

import java.io.Serializable;

/**
 * What a remote site says about itself on every request (§1.2): Basic credentials (site name, SHA-256 hex of the
 * site password), its hardware ID, application name and version, and the sync API version; header names in
 * {@link SyncV5}.
 */
public record SyncHeaders(
        String authorization, String hardwareId, String appName, String appVersion, String syncVersion)
        implements Serializable {}
