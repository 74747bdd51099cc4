/**
 * The first start of a new installation: the central site and the first admin account (FirstStart).
 * <p>
 * Uses user, site, store (the central's stores), audit and security.
 */
package org.syncsites.firststart;
