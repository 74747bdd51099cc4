package org.syncsites.sync;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.platform.Text;

/**
 * What went wrong when the central integrated what a site pushed: when, in words, and how many of the site's
 * records are set aside (kept, not integrated, retryable).
 */
public record IntegrationFailure(Instant at, Text reason, long setAsideRecords) implements Serializable {}
