/**
 * The audit trail page.
 * <p>
 * Uses audit and web.faces.
 */
package org.syncsites.web.audit;
