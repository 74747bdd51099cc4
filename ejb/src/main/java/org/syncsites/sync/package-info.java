/**
 * The central side of sync v5: signing sites in and blocking guessers (SiteSignIn), serving the change log
 * and each site's queue, taking acknowledgements, and integrating what sites push (SyncExchange,
 * PushIntegration and its queue and dead letters), with what admins see of it.
 * <p>
 * Uses syncv5 (the wire shapes), synchistory (each request noted in its session), resync, store, site, masterdata, syncqueue, audit, security and platform.
 */
package org.syncsites.sync;
