package org.syncsites.remote;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.platform.Text;

/**
 * This datafile as a remote site, for the page that sets it up and shows its syncs: its settings (never the
 * password, only whether one is set), this server's hardware ID, the sync in progress and the last one.
 */
public record RemoteStatus(
        boolean configured,
        String serverUrl,
        String siteName,
        int syncIntervalMinutes,
        int syncRequestSize,
        boolean alternativeHttpClient,
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
