package org.syncsites.web.faces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.syncsites.platform.Times;

import java.time.Duration;
import java.time.Instant;

/** How pages write times: as everywhere ({@link Times}: "12 Nov 2026 14:05 UTC"), and "3 h ago". */
@Named
@ApplicationScoped
public class Formats {

    public String when(Instant instant) {
        return Times.when(instant);
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
