/**
 * Administering the network of sites, one bean per concern: listing them, and creating, editing and deleting a site
 * together with the stores it holds, in one change set with its warnings; a store that moves starts a resync
 * (SiteAdministration, SiteChangeSet, SiteDetails, SiteWarning); what admins do with a site's device (SiteDevices:
 * check connection, reset, unblock), its sync (SiteSyncControl: pause, resume, re-initialise, retry a resync, its
 * queue) and its alerts (SiteAlertMutes); one action on every site of a filtered list (SiteSelection, SiteBulkActions,
 * BulkJobRunner, BulkJob); imports of sites and stores (SiteImport, StoreImport).
 * <p>
 * Uses networkhealth (the states the list filters on), resync, store, site, syncqueue, audit, security and platform.
 */
package org.syncsites.siteadmin;
