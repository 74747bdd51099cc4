package org.syncsites.synchistory;

/** How a sync session ended, or that it has not. */
public enum SessionOutcome {
    /** Requests still come. */
    RUNNING,
    /** The site pulled its whole queue. */
    SUCCEEDED,
    /** A request was refused (sign-in, pause, a bad push...): the session's error code and message say why. */
    FAILED,
    /** No request came for {@link SyncSessions#SESSION_GAP} and the site never pulled its whole queue. */
    INTERRUPTED,
    /**
     * Only the site's credentials were checked ({@code GET site} and nothing after it): a site's settings being saved,
     * or the open-mSupply central server checking a site's credentials, which it does on the site's v6 syncs.
     */
    CHECKED
}
