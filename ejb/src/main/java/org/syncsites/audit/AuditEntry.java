package org.syncsites.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change: who, when, what (entity and field) and the old and new values. Never a password. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Instant at;

    private String actor;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private AuditTrail.Action action;

    @Column(name = "entity_type")
    private String entityType;

    @Column(name = "entity_id")
    private Long entityId;

    @Column(name = "entity_label")
    private String entityLabel;

    private String field;

    @Column(name = "old_value")
    private String oldValue;

    @Column(name = "new_value")
    private String newValue;

    /** Where the change came from ({@link ChangeSource}). */
    private String source;

    protected AuditEntry() {}

    AuditEntry(
            Instant at,
            String actor,
            AuditTrail.Action action,
            String entityType,
            Long entityId,
            String entityLabel,
            String field,
            String oldValue,
            String newValue,
            String source) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.entityType = entityType;
        this.entityId = entityId;
        this.entityLabel = entityLabel;
        this.field = field;
        this.oldValue = oldValue;
        this.newValue = newValue;
        this.source = source;
    }

    public AuditView view() {
        return new AuditView(
                id, at, actor, action, entityType, entityId, entityLabel, field, oldValue, newValue, source);
    }
}
