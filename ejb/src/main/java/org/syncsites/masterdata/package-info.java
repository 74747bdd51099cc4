/**
 * Master data owned by the central server (items, names...) and its change log, the feed that global master
 * data reaches every site through (MasterRecord, MasterRecords, MasterTables).
 * <p>
 * Uses platform only.
 */
package org.syncsites.masterdata;
