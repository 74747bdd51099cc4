package org.syncsites.remote;

import java.io.Serializable;

/**
 * The settings an admin saves to make this datafile a remote site of a central server. {@code newPassword} is
 * the site's password as set on the central server, or blank to keep the one saved before.
 */
public record RemoteSettingsChange(
        String serverUrl,
        String siteName,
        String newPassword,
        int syncIntervalMinutes,
        int syncRequestSize,
        boolean alternativeHttpClient)
        implements Serializable {}
