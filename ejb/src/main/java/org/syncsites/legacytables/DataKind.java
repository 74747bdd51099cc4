package org.syncsites.legacytables;

/** Whose data a pushed record is, which decides where the central keeps it and which sites receive it. */
public enum DataKind {
    /** A store's data: kept with the store, sent to the site the store is active on (and to a transfer's other store). */
    STORE,
    /** A patient's data: kept centrally, sent to every site where the patient is visible. */
    PATIENT,
    /** Data every site shares (barcodes, prescribers): kept as global master data, sent to every site. */
    SHARED,
    /** Central data (items, units, stores...): only the central, or the open-mSupply central server, changes it. */
    CENTRAL
}
