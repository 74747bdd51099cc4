package org.syncsites.networkhealth;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

/**
 * The network's health settings: a remote site whose last complete sync is more than {@code warningHours} ago is
 * overdue, more than {@code criticalHours} ago critically so; the sync history is kept {@code historyDays} days.
 * Alerts are sent to {@code alertEmails} (addresses separated by commas; none: no e-mail) and posted to
 * {@code alertWebhookUrl} (none: no webhook). {@code version} is the version the editor read (a change made
 * meanwhile by someone else is refused).
 */
public record HealthSettings(
        int warningHours, int criticalHours, int historyDays, String alertEmails, String alertWebhookUrl, long version)
        implements Serializable {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+");

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
            throw new RuleViolation(
                    "historyDays", Text.of("health.settings.historyDays", MIN_HISTORY_DAYS, MAX_HISTORY_DAYS));
        }
        for (String address : emailAddresses()) {
            if (!ADDRESS.matcher(address).matches()) {
                throw new RuleViolation("alertEmails", Text.of("health.settings.email", address));
            }
        }
        String url = alertWebhookUrl == null ? "" : alertWebhookUrl.strip();
        if (!url.isEmpty() && !(url.startsWith("http://") || url.startsWith("https://"))
                || url.length() > 1000
                || url.contains(" ")) {
            throw new RuleViolation("alertWebhookUrl", Text.of("health.settings.webhook", url));
        }
        if (alertEmails != null && alertEmails.length() > 1000) {
            throw new RuleViolation("alertEmails", Text.of("health.settings.emailsTooLong", 1000));
        }
    }

    /** The addresses alerts are e-mailed to, as written; none when there are none. */
    public List<String> emailAddresses() {
        if (alertEmails == null || alertEmails.isBlank()) {
            return List.of();
        }
        return Arrays.stream(alertEmails.split("[,;]"))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .toList();
    }

    /**
     * These settings as a viewer reads them: the webhook's address without its path and query, which often hold the
     * secret that lets anyone post to it ({@code https://hooks.example.org/…}).
     */
    public HealthSettings withWebhookMasked() {
        String url = webhook();
        if (url == null) {
            return this;
        }
        String masked;
        try {
            URI uri = URI.create(url);
            masked = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
        } catch (IllegalArgumentException unreadable) {
            masked = "…";
        }
        return new HealthSettings(warningHours, criticalHours, historyDays, alertEmails, masked, version);
    }

    /** The webhook's address, or null for none. */
    public String webhook() {
        return alertWebhookUrl == null || alertWebhookUrl.isBlank() ? null : alertWebhookUrl.strip();
    }

    /** The overdue thresholds as moments, counted back from {@code now}. */
    public Thresholds thresholdsAt(Instant now) {
        return new Thresholds(now.minus(Duration.ofHours(warningHours)), now.minus(Duration.ofHours(criticalHours)));
    }

    /** A site whose last complete sync is before {@code warningBefore} is overdue; before {@code criticalBefore}, critically. */
    public record Thresholds(Instant warningBefore, Instant criticalBefore) implements Serializable {}
}
