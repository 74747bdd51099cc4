package org.syncsites.resync;

/** Where a store-data resynchronisation stands. */
public enum ResyncState {
    /** Asked for; its JMS message waits for a consumer. */
    REQUESTED,
    /** Being queued, chunk by chunk. */
    RUNNING,
    /** Every record of the store is in the site's queue. */
    COMPLETED,
    /** Gave up after the broker's redeliveries; see the error message. */
    FAILED,
    /** Stopped because the store left the site before every record was queued. */
    CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
