package org.syncsites.site;

import java.io.Serializable;

/**
 * The values of a site that an admin edits in the site window. The password is not among them: it is
 * write-only and travels separately, see the site change set (siteadmin).
 */
public record SiteSettings(
        String code,
        String name,
        boolean activeOnDatafile,
        boolean alternativeHttpClient,
        int syncIntervalMinutes,
        int syncRequestSize,
        String serverUrl)
        implements Serializable {

    /** The values a new site window starts with. */
    public static SiteSettings defaults() {
        return new SiteSettings(
                "", "", false, false, SiteRules.DEFAULT_SYNC_INTERVAL_MINUTES, SiteRules.DEFAULT_SYNC_REQUEST_SIZE, "");
    }

    /** The same values with leading and trailing blanks removed from the texts. */
    public SiteSettings trimmed() {
        return new SiteSettings(
                trim(code),
                trim(name),
                activeOnDatafile,
                alternativeHttpClient,
                syncIntervalMinutes,
                syncRequestSize,
                trim(serverUrl));
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
