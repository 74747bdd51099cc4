/**
 * Store resync: queuing all of a store's data for the site it moves to, as JMS work in chunks that survives
 * restarts and failures (ResyncRequests, ResyncWorker, SiteResyncListener, ResyncDeadLetters,
 * ResyncWatchdog), and its progress for admins (ResyncMonitor).
 * <p>
 * Uses syncqueue (the site's queue), store and masterdata (the records a store's move queues),
 * security and platform.
 */
package org.syncsites.resync;
