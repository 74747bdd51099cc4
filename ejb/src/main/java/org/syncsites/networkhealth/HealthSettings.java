package org.syncsites.networkhealth;

import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The network's health settings: a remote site whose last complete sync is more than {@code warningHours} ago is
 * overdue, more than {@code criticalHours} ago critically so; the sync history is kept {@code historyDays} days.
 * {@code version} is the version the editor read (a change made meanwhile by someone else is refused).
 */
public record HealthSettings(int warningHours, int criticalHours, int historyDays, long version) implements Serializable {

    public static final int MAX_HOURS = 24 * 365;
    public static final int MIN_HISTORY_DAYS = 1;
    public static final int MAX_HISTORY_DAYS = 3650;

    /** Refuses settings that cannot be right, naming the field. */
    public void requireValid() {
        if (warningHours < 1 || warningHours > MAX_HOURS) {
            throw new RuleViolation("warningHours", Text.of("health.settings.hours", 1, MAX_HOURS));
        }
        if (criticalHours <= warningHours || criticalHours > MAX_HOURS) {
            throw new RuleViolation("criticalHours", Text.of("health.settings.critical", warningHours, MAX_HOURS));
        }
        if (historyDays < MIN_HISTORY_DAYS || historyDays > MAX_HISTORY_DAYS) {
            throw new RuleViolation("historyDays", Text.of("health.settings.historyDays", MIN_HISTORY_DAYS,
                    MAX_HISTORY_DAYS));
        }
    }

    /** The overdue thresholds as moments, counted back from {@code now}. */
    public Thresholds thresholdsAt(Instant now) {
        return new Thresholds(now.minus(Duration.ofHours(warningHours)), now.minus(Duration.ofHours(criticalHours)));
    }

    /** A site whose last complete sync is before {@code warningBefore} is overdue; before {@code criticalBefore}, critically. */
    public record Thresholds(Instant warningBefore, Instant criticalBefore) implements Serializable {
    }
}
