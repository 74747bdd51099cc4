/**
 * The admin's session in the browser and the API: signing in and out, the current user, the account check on
 * every request and the protection against cross-site requests.
 * <p>
 * Uses user, security.
 */
package org.syncsites.web.session;
