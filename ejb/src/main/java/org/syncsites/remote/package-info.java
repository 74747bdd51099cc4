/**
 * This server as a remote site of another central server (sync v5 client): its link and settings, the sync
 * run and its timer, the data it receives and pushes, and the connection check (RemoteSyncRun, SyncClient,
 * RemoteData, RemoteSetup).
 * <p>
 * Uses syncv5, remote.http, store, site, masterdata, audit, security and platform.
 */
package org.syncsites.remote;
