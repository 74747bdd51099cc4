/**
 * Stores and the data entered in them: a store is active on exactly one site (Store, StoreAdministration),
 * published to the sites as master data (StoreDirectory), with its records (StoreRecords).
 * <p>
 * Uses site, audit, security and platform.
 */
package org.syncsites.store;
