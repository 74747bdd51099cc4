package org.syncsites.web.faces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages write times: "12 Nov 2026 14:05" in the server's zone, and "3 h ago". */
@Named
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    public String when(Instant instant) {
        return instant == null ? "never" : WHEN.format(instant);
    }

    public String ago(Instant instant) {
        if (instant == null) {
            return "never";
        }
        Duration age = Duration.between(instant, Instant.now());
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }
}
