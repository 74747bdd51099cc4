package org.syncsites.siteadmin;

/** Where a bulk action is: working through its sites, done with all of them, or stopped with its node (continue it). */
public enum BulkJobState {
    RUNNING,
    DONE,
    STOPPED
}
