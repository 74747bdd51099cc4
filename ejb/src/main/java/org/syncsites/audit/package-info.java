/**
 * The audit trail: who changed what and when (AuditEntry), written in the caller's transaction by AuditTrail
 * and read by admins (AuditView), searched by who, what, of what and when (AuditFilter).
 * <p>
 * Uses security (its roles).
 */
package org.syncsites.audit;
