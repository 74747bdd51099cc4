/**
 * What waits for each site (sync_out): queuing records for a site, forgetting a store's records, and counting
 * a queue (SiteQueue, SyncQueueLength).
 * <p>
 * Uses platform only.
 */
package org.syncsites.syncqueue;
