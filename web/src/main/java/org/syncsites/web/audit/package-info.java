/**
 * The audit trail page.
 * <p>
 * Uses audit.
 */
package org.syncsites.web.audit;
