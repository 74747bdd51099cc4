/**
 * The site list and the site window: its form (SiteWindow: settings, password, stores, saved at once on OK) and
 * its panels, whose actions act at once (SiteDevicePanel, SiteSyncPanel, SiteAlertsPanel, SiteIntegrationPanel).
 * <p>
 * Uses web.faces, web.session, web.rest (the site file's columns) and the ejb packages they show.
 */
package org.syncsites.web.sites;
