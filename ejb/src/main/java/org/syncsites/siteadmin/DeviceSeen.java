package org.syncsites.siteadmin;

import java.io.Serializable;
import java.time.Instant;
import org.syncsites.site.SignInGuard.DeviceAnswer;

/**
 * A device that signed in for a site or tried to, as the site's device history keeps it: which app it said it was,
 * when it was first and last seen, what it was last answered, whether it is the site's bound device now, and, when an
 * admin reset its binding, who and when.
 */
public record DeviceSeen(
        long siteId,
        String siteName,
        String hardwareId,
        Instant firstSeenAt,
        Instant lastSeenAt,
        String appName,
        String appVersion,
        DeviceAnswer lastAnswer,
        boolean bound,
        Instant unboundAt,
        String unboundBy)
        implements Serializable {}
