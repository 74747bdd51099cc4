/**
 * The first start of a new installation: the central site and the first admin account (FirstStart).
 * <p>
 * Uses user, site, audit, security and platform.
 */
package org.syncsites.firststart;
