package org.syncsites.syncv5;

/** The protocol's routes and request headers (§0, §1.2). */
public final class SyncV5 {

    public static final String SITE = "/sync/v5/site";
    public static final String SITE_STATUS = "/sync/v5/site_status";
    public static final String INITIALISE = "/sync/v5/initialise";
    public static final String CENTRAL_RECORDS = "/sync/v5/central_records";
    /** GET: pull the site's queue; POST: push. */
    public static final String QUEUED_RECORDS = "/sync/v5/queued_records";

    public static final String ACKNOWLEDGED_RECORDS = "/sync/v5/acknowledged_records";
    /** Sync Sites' own addition: a connection check that never counts as a failed sign-in. */
    public static final String CHECK_CONNECTION = "/sync/v5/check_connection";

    /** {@code Basic base64(siteName:sha256hex(password))}. */
    public static final String AUTHORIZATION = "Authorization";
    /** The site's hardware ID. */
    public static final String HARDWARE_ID = "msupply-site-uuid";

    public static final String APP_NAME = "app-name";
    public static final String APP_VERSION = "app-version";
    /** The sync API version, a decimal string. */
    public static final String VERSION = "version";

    private SyncV5() {}
}
