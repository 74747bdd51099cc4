package org.syncsites.site;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.RuleViolation.Problem;
import org.syncsites.platform.Text;

/**
 * The rules for the values of a site, in one place: every interface that changes a site goes through
 * siteadmin.SiteAdministration, which applies them. Uniqueness of names needs the database and is checked there.
 */
public final class SiteRules {

    public static final int CODE_MAX_LENGTH = 20;
    public static final int NAME_MAX_LENGTH = 100;
    public static final int SERVER_URL_MAX_LENGTH = 500;
    public static final int PASSWORD_MIN_LENGTH = 8;
    public static final int PASSWORD_MAX_LENGTH = 100;
    /** mSupply's documentation of the Sync Sites window: "Minimum is 1 minute." A week is the most that still means "syncing". */
    public static final int MIN_SYNC_INTERVAL_MINUTES = 1;

    public static final int MAX_SYNC_INTERVAL_MINUTES = 7 * 24 * 60;
    public static final int DEFAULT_SYNC_INTERVAL_MINUTES = 5;
    /** Records per sync request: small enough for a bad link, large enough to be worth a request. */
    public static final int MIN_SYNC_REQUEST_SIZE = 10;

    public static final int MAX_SYNC_REQUEST_SIZE = 5000;
    public static final int DEFAULT_SYNC_REQUEST_SIZE = 500;

    private SiteRules() {}

    /** @throws RuleViolation listing every value that is not acceptable */
    public static void requireValid(SiteSettings settings) {
        List<Problem> problems = problemsWith(settings);
        if (!problems.isEmpty()) {
            throw new RuleViolation(problems);
        }
    }

    public static List<Problem> problemsWith(SiteSettings settings) {
        List<Problem> problems = new ArrayList<>();
        if (settings.code().length() > CODE_MAX_LENGTH) {
            problems.add(new Problem(
                    "code", Text.of("site.code.tooLong", settings.code().length(), CODE_MAX_LENGTH)));
        }
        if (settings.name().isEmpty()) {
            problems.add(new Problem("name", Text.of("site.name.missing")));
        } else if (settings.name().length() > NAME_MAX_LENGTH) {
            problems.add(new Problem(
                    "name", Text.of("site.name.tooLong", settings.name().length(), NAME_MAX_LENGTH)));
        } else if (settings.name().contains(":")) {
            // remote sites sign in with HTTP Basic credentials "name:password", which a colon in the name would cut
            problems.add(new Problem("name", Text.of("site.name.colon")));
        }
        if (settings.syncIntervalMinutes() < MIN_SYNC_INTERVAL_MINUTES
                || settings.syncIntervalMinutes() > MAX_SYNC_INTERVAL_MINUTES) {
            problems.add(new Problem(
                    "syncIntervalMinutes",
                    Text.of("site.syncInterval.range", MIN_SYNC_INTERVAL_MINUTES, MAX_SYNC_INTERVAL_MINUTES)));
        }
        if (settings.syncRequestSize() < MIN_SYNC_REQUEST_SIZE || settings.syncRequestSize() > MAX_SYNC_REQUEST_SIZE) {
            problems.add(new Problem(
                    "syncRequestSize",
                    Text.of("site.syncRequestSize.range", MIN_SYNC_REQUEST_SIZE, MAX_SYNC_REQUEST_SIZE)));
        }
        Text urlProblem = serverUrlProblem(settings.serverUrl());
        if (urlProblem != null) {
            problems.add(new Problem("serverUrl", urlProblem));
        }
        return problems;
    }

    /**
     * mSupply's message: "You can only add a single store to a mobile type site." The problem with a site of this type
     * holding this many stores, or null when acceptable.
     */
    public static Text storeCapacityProblem(SiteType type, String siteName, long storeCount) {
        if (type == SiteType.MOBILE && storeCount > 1) {
            return Text.of("site.mobile.oneStore", siteName);
        }
        return null;
    }

    /** The password rule for sync passwords, or null when acceptable. */
    public static Text passwordProblem(String password) {
        if (password == null || password.length() < PASSWORD_MIN_LENGTH) {
            return Text.of("site.password.tooShort", PASSWORD_MIN_LENGTH);
        }
        if (password.length() > PASSWORD_MAX_LENGTH) {
            return Text.of("site.password.tooLong", PASSWORD_MAX_LENGTH);
        }
        return null;
    }

    /** Blank is allowed (the server URL matters only on a remote site); otherwise an absolute http(s) URL. */
    static Text serverUrlProblem(String url) {
        if (url.isEmpty()) {
            return null;
        }
        if (url.length() > SERVER_URL_MAX_LENGTH) {
            return Text.of("site.serverUrl.tooLong", SERVER_URL_MAX_LENGTH);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null
                    || uri.getHost().isEmpty()) {
                return Text.of("site.serverUrl.form");
            }
            return null;
        } catch (URISyntaxException e) {
            return Text.of("site.serverUrl.invalid", e.getReason());
        }
    }
}
