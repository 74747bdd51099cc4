/**
 * The dashboard, the first page after signing in: the network's health at a glance, each count a link to the site
 * list filtered on it, with the settings it is counted by (DashboardView, dashboard.xhtml), and the lowest app
 * versions the network accepts (AppVersionsView); the sites found ahead of a database restored from a backup
 * (SitesAheadView).
 * <p>
 * Uses web.faces, and networkhealth, synchistory, site and platform of the EJB tier.
 */
package org.syncsites.web.dashboard;
