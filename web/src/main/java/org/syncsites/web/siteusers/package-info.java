/**
 * The Site users page: the people who use the sites, their store access and their sign-ins (SiteUsersView).
 * <p>
 * Uses web.faces, siteusers, platform.
 */
package org.syncsites.web.siteusers;
