/**
 * mSupply's sync v5 protocol on the wire (docs/sync-v5.md), written once for both sides: the
 * central's endpoints (web.sync with the sync package) and the remote client (remote). It holds the wire shapes
 * (SyncRecord, Batch, SiteInfo, ConnectionCheck, SyncError), the words the protocol fixes as enums (Action,
 * Feed, InitialisationStatus, OperationStatus, ErrorCode), the headers and routes (SyncV5), and the one JSON codec
 * (SyncV5Json, JSON-P). The sections (§) this package's comments cite are those of docs/sync-v5.md.
 * <p>
 * Uses no other package of the application: it knows the protocol, not what either side does with it.
 */
package org.syncsites.syncv5;
