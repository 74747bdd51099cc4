package org.syncsites.networkhealth;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.platform.Text;

/**
 * An alert: what crossed a line, for which site, when; whether it is over ({@code clearedAt}), and whether it was
 * sent to the settings' e-mail addresses and webhook ({@code notifiedAt}, or why not: {@code notifyError}), or waits
 * because an admin muted the site's alerts until {@code mutedUntil} (null when they are not muted now).
 */
public record Alert(
        long id,
        AlertKind kind,
        long siteId,
        String siteName,
        Instant raisedAt,
        Instant clearedAt,
        Text message,
        Instant notifiedAt,
        String notifyError,
        Instant mutedUntil)
        implements Serializable {}
