/**
 * The sync history: every sync session the central served to a site (its requests from start to end, what moved,
 * how it ended) and refused sign-ins of known sites, noted as the requests are answered (SyncSessions), read page
 * by page, counted per hour for the network's chart and pruned (SyncHistory).
 * <p>
 * Uses syncv5 (error codes), security and platform.
 */
package org.syncsites.synchistory;
