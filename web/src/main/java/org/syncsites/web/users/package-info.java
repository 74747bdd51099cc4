/**
 * The users page and the change-own-password page.
 * <p>
 * Uses web.faces, web.session, user, security, platform.
 */
package org.syncsites.web.users;
