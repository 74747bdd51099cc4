package org.syncsites.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * How a time is written for people, in one place for pages and messages alike: in the reader's language ("12 Nov
 * 2026 14:05 UTC" in English, "12 nov. 2026 14:05" in French...), in a time zone that is named after it. Times are
 * stored in UTC; pages show them in the browser's zone, words kept for later (a warning, a sync's outcome) in UTC.
 */
public final class Times {

    /** English as admins of an international network read it: day first, 24 hours. */
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private Times() {}

    /** The time in UTC, in {@code locale}'s language; "null" never: callers say "never" themselves. */
    public static String when(Instant instant, Locale locale) {
        return when(instant, locale, ZoneOffset.UTC);
    }

    /** The time in {@code zone}, in {@code locale}'s language, followed by the zone's name. */
    public static String when(Instant instant, Locale locale, ZoneId zone) {
        DateTimeFormatter format = locale.getLanguage().equals("en")
                ? ENGLISH
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale);
        String name = zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
        return format.withZone(zone).format(instant) + " " + name;
    }

    /** A time read from a timestamp column by a native query, whichever type the database's driver gives it as. */
    public static Instant ofColumn(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant time) {
            return time;
        }
        return ((Timestamp) value).toInstant();
    }
}
