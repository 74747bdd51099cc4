package org.syncsites.audit;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.syncsites.security.Roles;

/**
 * Who changed what and when. Entries are written in the transaction of the change they describe, so a change
 * that is rolled back leaves no entry, and a committed change always has its entries.
 */
@Stateless
public class AuditTrail {

    /** Kinds of change. */
    public enum Action {
        SITE_CREATED,
        SITE_UPDATED,
        SITE_DELETED,
        SITE_PASSWORD_SET,
        HARDWARE_ID_RESET,
        SITE_UNBLOCKED,
        SITE_BLOCKED,
        SITE_CHECKS_WAIT,
        OTHER_DEVICES_WAIT,
        DEVICE_SIGN_INS_WAIT,
        OMS_CENTRAL_SET,
        PUSH_INTEGRATION_RETRIED,
        MASTER_DATA_LOADED,
        SITE_USER_CREATED,
        SITE_USER_UPDATED,
        SITE_USER_DELETED,
        SITE_USER_PASSWORD_SET,
        SITE_USER_STORES_SET,
        PERMISSION_TEMPLATE_SAVED,
        SITE_LEGACY_IDENTITY_SET,
        SITE_SYNC_PAUSED,
        SITE_SYNC_RESUMED,
        SITE_ALERTS_MUTED,
        SITE_ALERTS_UNMUTED,
        NETWORK_SETTINGS_CHANGED,
        SITE_REINITIALISED,
        RESYNC_RETRIED,
        STORE_CREATED,
        STORE_MOVED,
        STORE_RENAMED,
        STORE_MODE_SET,
        STORE_LEGACY_IDENTITY_SET,
        USER_CREATED,
        PERMISSION_GRANTED,
        PERMISSION_REVOKED,
        PASSWORD_SET,
        PASSWORD_CHANGED,
        USER_DISABLED,
        USER_ENABLED,
        USER_SIGN_INS_WAIT,
        API_TOKEN_CREATED,
        API_TOKEN_REVOKED,
        USER_PROVIDER_LINKED,
        USER_PROVIDER_LINK_OPENED,
        BULK_ACTION_STARTED,
        MINIMUM_APP_VERSION_SET,
        MINIMUM_APP_VERSION_REMOVED,
        BACKUP_MADE,
        SITE_AHEAD_FOUND
    }

    /** Who acts when no person does (first start, the sync protocol). */
    public static final String SYSTEM = "system";

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext context;

    /**
     * Records one change, in the caller's transaction (there must be one). Values are shown as given: callers
     * never pass a password, only that it was set.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(
            Action action,
            String entityType,
            Long entityId,
            String entityLabel,
            String field,
            String oldValue,
            String newValue) {
        em.persist(new AuditEntry(
                Instant.now(),
                actor(),
                action,
                entityType,
                entityId,
                entityLabel,
                field,
                clip(oldValue),
                clip(newValue),
                ChangeSource.current()));
    }

    /** Records a field change only if the value really changed. */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordChange(
            Action action,
            String entityType,
            Long entityId,
            String entityLabel,
            String field,
            Object oldValue,
            Object newValue) {
        if (!Objects.equals(oldValue, newValue)) {
            record(action, entityType, entityId, entityLabel, field, text(oldValue), text(newValue));
        }
    }

    /**
     * The entries the filter matches, most recent first, at most {@code limit} (up to 1,000) of those older than the
     * entry {@code beforeId} (null: from the newest): a page, and the next one asked for with the last ID read, so that
     * a trail of millions reads as fast at its end as at its start.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public List<AuditView> search(AuditFilter filter, Long beforeId, int limit) {
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        Map<String, Object> values = new HashMap<>();
        if (beforeId != null) {
            where.append(" AND a.id < :before");
            values.put("before", beforeId);
        }
        if (AuditFilter.given(filter.actor())) {
            where.append(" AND a.actor = :actor");
            values.put("actor", filter.actor().strip());
        }
        if (filter.action() != null) {
            where.append(" AND a.action = :action");
            values.put("action", filter.action());
        }
        if (AuditFilter.given(filter.entity())) {
            String entity = filter.entity().strip();
            String pattern = "%"
                    + entity.toLowerCase(Locale.ROOT)
                            .replace("!", "!!")
                            .replace("%", "!%")
                            .replace("_", "!_") + "%";
            if (entity.matches("\\d{1,18}")) {
                where.append(" AND (a.entityId = :entityId OR LOWER(a.entityLabel) LIKE :entity ESCAPE '!')");
                values.put("entityId", Long.parseLong(entity));
            } else {
                where.append(" AND LOWER(a.entityLabel) LIKE :entity ESCAPE '!'");
            }
            values.put("entity", pattern);
        }
        if (filter.from() != null) {
            where.append(" AND a.at >= :from");
            values.put("from", filter.from());
        }
        if (filter.until() != null) {
            where.append(" AND a.at < :until");
            values.put("until", filter.until());
        }
        var query = em.createQuery("SELECT a FROM AuditEntry a " + where + " ORDER BY a.id DESC", AuditEntry.class);
        values.forEach(query::setParameter);
        return query.setMaxResults(Math.max(1, Math.min(limit, 1000)))
                .getResultStream()
                .map(AuditEntry::view)
                .toList();
    }

    /** The entries of one entity (e.g. "Site", 12), most recent first. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public List<AuditView> of(String entityType, long entityId) {
        return em.createQuery(
                        "SELECT a FROM AuditEntry a WHERE a.entityType = :type AND a.entityId = :id "
                                + "ORDER BY a.id DESC",
                        AuditEntry.class)
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .getResultStream()
                .map(AuditEntry::view)
                .toList();
    }

    private String actor() {
        String name = context.getCallerPrincipal() == null
                ? null
                : context.getCallerPrincipal().getName();
        return name == null || name.isEmpty() || "anonymous".equals(name) ? SYSTEM : name;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String clip(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 997) + "...";
    }
}
