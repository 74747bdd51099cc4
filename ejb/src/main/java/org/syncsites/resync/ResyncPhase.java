package org.syncsites.resync;

/** A resync queues the store's own records first, then the central data specific to the store. */
public enum ResyncPhase {
    STORE_RECORDS,
    MASTER_RECORDS,
    DONE
}
