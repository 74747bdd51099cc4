package org.syncsites.sync;

import java.io.Serializable;

/**
 * What a remote site says about itself on every v5 request: Basic credentials (site name, SHA-256 hex of the
 * site password), its hardware ID ({@code msupply-site-uuid}), application name and version, and the sync API
 * version ({@code version}).
 */
public record SyncRequestHeaders(String authorization, String hardwareId, String appName, String appVersion,
                                 String syncVersion) implements Serializable {
}
