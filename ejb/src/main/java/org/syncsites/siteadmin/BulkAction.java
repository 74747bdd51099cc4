package org.syncsites.siteadmin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.site.SiteRules;

/**
 * What an admin may do to every site a filtered list shows at once, each the same as the site window's action on one
 * site, with the same rules and the same audit entry. Three take a value: the end of an alert mute (an instant, ISO
 * 8601), a sync interval in minutes, a sync request size in records.
 */
public enum BulkAction {
    PAUSE_SYNC,
    RESUME_SYNC,
    UNBLOCK,
    MUTE_ALERTS,
    UNMUTE_ALERTS,
    SET_SYNC_INTERVAL,
    SET_REQUEST_SIZE;

    /** Whether the action needs a value. */
    public boolean takesValue() {
        return this == MUTE_ALERTS || this == SET_SYNC_INTERVAL || this == SET_REQUEST_SIZE;
    }

    /**
     * The value given for this action, checked before any site is touched: refused with words that say what to give
     * when missing or out of range; null for an action that takes none.
     */
    String checkedValue(String value) {
        if (!takesValue()) {
            return null;
        }
        String given = value == null ? "" : value.strip();
        switch (this) {
            case MUTE_ALERTS -> {
                Instant now = Instant.now();
                try {
                    Instant until = Instant.parse(given);
                    if (until.isAfter(now) && !until.isAfter(now.plus(SiteAlertMutes.LONGEST_MUTE))) {
                        return until.toString();
                    }
                } catch (DateTimeParseException e) {
                    // refused below, with the rule
                }
                throw new RuleViolation(
                        "value", Text.of("site.alerts.mute.until", SiteAlertMutes.LONGEST_MUTE.toDays()));
            }
            case SET_SYNC_INTERVAL -> {
                return Integer.toString(number(
                        given,
                        SiteRules.MIN_SYNC_INTERVAL_MINUTES,
                        SiteRules.MAX_SYNC_INTERVAL_MINUTES,
                        "site.syncInterval.range"));
            }
            default -> {
                return Integer.toString(number(
                        given,
                        SiteRules.MIN_SYNC_REQUEST_SIZE,
                        SiteRules.MAX_SYNC_REQUEST_SIZE,
                        "site.syncRequestSize.range"));
            }
        }
    }

    private static int number(String given, int min, int max, String rule) {
        try {
            int number = Integer.parseInt(given);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, with the rule
        }
        throw new RuleViolation("value", Text.of(rule, min, max));
    }
}
