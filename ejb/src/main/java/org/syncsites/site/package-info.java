/**
 * A site, the device that syncs with the central server: its identity, credentials, bound hardware, type,
 * sync settings and the rules for their values (Site, SiteRules, SiteSettings, SiteType, CentralSite),
 * and what a check of its connection found (ConnectionReport).
 * <p>
 * Uses security and platform. It knows nothing of stores: a store knows the site it is active on.
 */
package org.syncsites.site;
