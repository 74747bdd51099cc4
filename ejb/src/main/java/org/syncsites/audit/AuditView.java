package org.syncsites.audit;

import java.time.Instant;

/** A line of the audit trail as pages and tests read it; {@code source} says where the change came from. */
public record AuditView(
        long id,
        Instant at,
        String actor,
        AuditTrail.Action action,
        String entityType,
        Long entityId,
        String entityLabel,
        String field,
        String oldValue,
        String newValue,
        String source) {}
