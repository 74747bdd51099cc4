/**
 * The users page, the change-own-password page, the API tokens page and the page that tries the API (ApiExplorer).
 * <p>
 * Uses web.faces, web.session, user, security, platform.
 */
package org.syncsites.web.users;
