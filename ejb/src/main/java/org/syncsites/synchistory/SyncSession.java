package org.syncsites.synchistory;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.platform.Text;

/**
 * One sync session of a site, as its history shows it: from its first request to its last, from which device and
 * app version, how many requests, records pulled (the change log and the site's queue), acknowledged and pushed,
 * and how it ended ({@code errorCode} and {@code message} say why a request was refused).
 */
public record SyncSession(
        long id,
        long siteId,
        Instant startedAt,
        Instant lastRequestAt,
        String hardwareId,
        String appVersion,
        int requests,
        long pulled,
        long acknowledged,
        long pushed,
        SessionOutcome outcome,
        String errorCode,
        Text message)
        implements Serializable {}
