package org.syncsites.web.faces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.syncsites.platform.Times;

/**
 * How pages write times: as {@link Times} does, in the page's language, in the browser's time zone (which the page
 * template keeps in the cookie {@value #TIME_ZONE_COOKIE}; UTC until it is known), with the zone said; and how long
 * ago ("3 h ago"). Times are kept in UTC.
 */
@Named
@ApplicationScoped
public class Formats {

    /** The browser's time zone, an IANA name such as Africa/Maputo, set by the page template's script. */
    public static final String TIME_ZONE_COOKIE = "syncsites-tz";

    public String when(Instant instant) {
        if (instant == null) {
            return Messages.say("time.never");
        }
        return Times.when(instant, Messages.locale(FacesContext.getCurrentInstance()), timeZone());
    }

    /** A whole number in the page's language: 2,000; 2 000 in French. */
    public String number(long value) {
        return NumberFormat.getIntegerInstance(Messages.locale(FacesContext.getCurrentInstance()))
                .format(value);
    }

    /** A size in bytes, in the unit that suits it: 830 bytes, 12.4 kB, 3.1 MB, 1.2 GB (decimal units). */
    public String bytes(long bytes) {
        NumberFormat format = NumberFormat.getNumberInstance(Messages.locale(FacesContext.getCurrentInstance()));
        format.setMaximumFractionDigits(1);
        if (bytes < 1_000) {
            return Messages.say("size.bytes", bytes);
        }
        String[] units = {"size.kB", "size.MB", "size.GB"};
        double value = bytes / 1_000.0;
        int unit = 0;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return Messages.say(units[unit], format.format(value));
    }

    /** How long something takes, to the minute once it is that long: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
    public String duration(long seconds) {
        if (seconds < 60) {
            return Messages.say("duration.seconds", seconds);
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return Messages.say("duration.minutes", minutes);
        }
        if (minutes < 24 * 60) {
            return Messages.say("duration.hours", minutes / 60, minutes % 60);
        }
        long hours = Math.round(minutes / 60.0);
        return Messages.say("duration.days", hours / 24, hours % 24);
    }

    public String ago(Instant instant) {
        if (instant == null) {
            return Messages.say("time.never");
        }
        Duration age = Duration.between(instant, Instant.now());
        if (age.toMinutes() < 1) {
            return Messages.say("time.justNow");
        }
        if (age.toHours() < 1) {
            return Messages.say("time.minutesAgo", age.toMinutes());
        }
        if (age.toDays() < 1) {
            return Messages.say("time.hoursAgo", age.toHours());
        }
        return Messages.say("time.daysAgo", age.toDays());
    }

    /** The hour of {@code instant} in the browser's time zone, short, as a chart's axis says it: "Sat 14:00". */
    public String hour(Instant instant) {
        return DateTimeFormatter.ofPattern("EEE HH:mm", Messages.locale(FacesContext.getCurrentInstance()))
                .withZone(timeZone())
                .format(instant);
    }

    /** The browser's time zone when it told it, else UTC. */
    private static ZoneId timeZone() {
        Object request = FacesContext.getCurrentInstance().getExternalContext().getRequest();
        Cookie[] cookies = request instanceof HttpServletRequest http ? http.getCookies() : null;
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (TIME_ZONE_COOKIE.equals(cookie.getName())) {
                    try {
                        return ZoneId.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
                    } catch (DateTimeException | IllegalArgumentException e) {
                        return ZoneOffset.UTC;
                    }
                }
            }
        }
        return ZoneOffset.UTC;
    }
}
