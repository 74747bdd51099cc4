package org.syncsites.networkhealth;

/** What an alert is about. */
public enum AlertKind {
    /** A remote site crossed the critical threshold: no complete sync for that long. Over when it syncs again. */
    SITE_CRITICAL,
    /** A store's resync for a site was given up after every redelivery. Over when a later resync of it completes. */
    RESYNC_FAILED,
    /** What a site pushed could not be integrated. Over when nothing of its push is set aside or failing. */
    INTEGRATION_FAILED
}
