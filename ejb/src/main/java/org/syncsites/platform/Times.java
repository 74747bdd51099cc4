package org.syncsites.platform;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a time is written for people, in one place for pages and messages alike: "12 Nov 2026 14:05 UTC". Times
 * are stored in UTC and shown in UTC, named, so that admins in different countries read the same time.
 */
public final class Times {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** The time, or "never" for none. */
    public static String when(Instant instant) {
        return instant == null ? "never" : WHEN.format(instant);
    }
}
