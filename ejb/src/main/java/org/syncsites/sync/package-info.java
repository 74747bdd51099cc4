/**
 * The central side of sync v5: signing sites in and blocking guessers (SiteSignIn), serving the change log
 * and each site's queue, taking acknowledgements, and taking and integrating what sites push (SyncExchange,
 * PushReception, PushIntegration and its queue and dead letters, IntegrationProgress: the one writer of the integration state in the site's row), routed as open-mSupply's data needs it
 * (PushRoutes: stores, transfers, messages; PatientData: patients and where they are visible), with what admins see
 * of it.
 * <p>
 * Uses syncv5 (the wire shapes), legacytables (open-mSupply's tables), synchistory (each request noted in its
 * session), resync, store, site, masterdata, syncqueue, audit, security and platform.
 */
package org.syncsites.sync;
