/**
 * What waits for each site (sync_out): queuing records for a site, reading and removing the first entries of its
 * queue, forgetting a store's records or the whole queue, counting a queue and what waits in it per store and table
 * (SiteQueue, QueueCounters: the counters in the site's row, QueuedGroup), and deleting what sites acknowledged, in the background (QueueReclaim).
 * <p>
 * Uses platform, and syncv5 for the shape of a record read from a queue.
 */
package org.syncsites.syncqueue;
