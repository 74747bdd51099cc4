/**
 * open-mSupply's legacy tables as a site pushes them (docs/open-msupply-data.md): what kind of data each table
 * holds (a store's, a patient's, every site's, the central's), and which fields of a record name its store, its
 * parent, the other party of a transfer or message, and its patient (LegacyTables, RecordLinks).
 * <p>
 * Uses nothing of the application.
 */
package org.syncsites.legacytables;
