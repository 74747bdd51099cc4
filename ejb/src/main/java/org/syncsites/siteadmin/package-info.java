/**
 * Administering the network of sites: listing them, and creating, editing and deleting a site together with
 * the stores it holds, in one change set with its warnings; a store that moves starts a resync
 * (SiteAdministration, SiteChangeSet, SiteDetails, SiteWarning); pausing and resuming a site's sync.
 * <p>
 * Uses networkhealth (the states the list filters on), resync, store, site, syncqueue, audit, security and platform.
 */
package org.syncsites.siteadmin;
