/**
 * Master data owned by the central server (items, names...) and its change log, the feed that global master
 * data reaches every site through (MasterRecords, set-based; MasterTables), loaded from files and exported checked
 * against what open-mSupply requires (MasterDataFiles).
 * <p>
 * Uses legacytables (the required fields), audit, security and platform.
 */
package org.syncsites.masterdata;
