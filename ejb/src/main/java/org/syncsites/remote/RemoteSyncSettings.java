package org.syncsites.remote;

/** What one sync of this datafile with its central server starts from. */
record RemoteSyncSettings(
        String serverUrl,
        String siteName,
        String passwordSha256,
        int requestSize,
        boolean alternativeHttpClient,
        String trustedCertificate,
        boolean initialised,
        long centralCursor) {}
