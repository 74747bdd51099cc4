/**
 * The Site users page: the people who use the sites, their store access and their sign-ins (SiteUsersView).
 * <p>
 * Uses web.faces, web.rest (the site user file's columns), siteusers and platform.
 */
package org.syncsites.web.siteusers;
