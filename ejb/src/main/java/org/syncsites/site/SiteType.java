package org.syncsites.site;

import java.util.Locale;

/**
 * What the remote site runs. Set by the remote site when it syncs, never by admins (mSupply's documentation: "When a remote site
 * synchronises it will update the value of this").
 */
public enum SiteType {
    /** mSupply Desktop or mSupply Server. */
    STANDALONE("standalone"),
    /** mSupply Mobile: holds at most one store. */
    MOBILE("mobile");

    private final String label;

    SiteType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The type a syncing application declares in its {@code app-name} header (Android means mobile). */
    public static SiteType ofAppName(String appName) {
        return appName != null && appName.toLowerCase(Locale.ROOT).contains("android") ? MOBILE : STANDALONE;
    }
}
