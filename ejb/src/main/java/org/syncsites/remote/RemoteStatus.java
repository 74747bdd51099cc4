package org.syncsites.remote;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.platform.Text;

/**
 * This datafile as a remote site, for the page that sets it up and shows its syncs: its settings (never the
 * password, only whether one is set; the fingerprint of the central's certificate trusted here, or null; that of the certificate this server
 * presents over HTTPS, or null), this server's
 * hardware ID, the sync in progress and the last one.
 */
public record RemoteStatus(
        boolean configured,
        String serverUrl,
        String siteName,
        int syncIntervalMinutes,
        int syncRequestSize,
        boolean alternativeHttpClient,
        String trustedCertificate,
        String ownCertificate,
        boolean passwordSet,
        String hardwareId,
        boolean initialised,
        boolean running,
        Text phase,
        long phaseDone,
        long phaseTotal,
        Instant lastStartedAt,
        Instant lastFinishedAt,
        String lastOutcome,
        Text lastMessage,
        long lastPushed,
        long lastReceived,
        Instant lastSuccessAt,
        Instant nextSyncAt)
        implements Serializable {}
