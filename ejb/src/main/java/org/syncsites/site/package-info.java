/**
 * A site, the device that syncs with the central server: its identity, credentials, bound hardware, type,
 * sync settings and the rules for their values (Site, SiteRules, SiteSettings, SiteType, CentralSite),
 * and what a check of its connection found (ConnectionReport); the lowest app version the network accepts of each app
 * its devices run (MinimumAppVersions, AppVersion); the sites found ahead of a database restored from a backup
 * (SitesAhead). Each concern of a site's row has one owner that
 * alone writes its columns: the entity its settings, pause, alert mute and open-mSupply central flag; SignInGuard the
 * device bound, its sign-ins, the saved password and the guard against guessing; SyncProgress its initialisation and
 * last good sync (the queue's counters are syncqueue's, the integration's sync's, the identity a legacy central gave
 * it siteadmin's LegacyIdentities).
 * <p>
 * Uses syncv5 (the initialisation states), audit, security and platform. It knows nothing of stores: a store knows
 * the site it is active on.
 */
package org.syncsites.site;
