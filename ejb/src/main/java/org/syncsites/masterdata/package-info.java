/**
 * Master data owned by the central server (items, names...) and its change log, the feed that global master
 * data reaches every site through (MasterRecords, set-based; MasterTables).
 * <p>
 * Uses platform only.
 */
package org.syncsites.masterdata;
