/**
 * The admin REST API under /api/admin, and the mapping of the application's exceptions to JSON error bodies.
 * <p>
 * Uses web.session and the ejb packages.
 */
package org.syncsites.web.rest;
