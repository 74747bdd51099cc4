/**
 * The audit trail: who changed what and when (AuditEntry), written in the caller's transaction by AuditTrail
 * and read by admins (AuditView).
 * <p>
 * Uses security (its roles).
 */
package org.syncsites.audit;
