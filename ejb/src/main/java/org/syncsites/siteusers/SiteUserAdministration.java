package org.syncsites.siteusers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.EditConflict;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.platform.Times;
import org.syncsites.security.PasswordHashing;
import org.syncsites.security.Roles;
import org.syncsites.siteusers.SiteUserViews.AccessChange;
import org.syncsites.siteusers.SiteUserViews.Change;
import org.syncsites.siteusers.SiteUserViews.Details;
import org.syncsites.siteusers.SiteUserViews.SignIn;
import org.syncsites.siteusers.SiteUserViews.StoreAccess;
import org.syncsites.siteusers.SiteUserViews.Summary;
import org.syncsites.siteusers.SiteUserViews.Template;
import org.syncsites.store.Store;
import org.syncsites.user.PasswordPolicy;

/**
 * The site users of the network, kept by admins: who they are, their password (bcrypt, the admin accounts' policy),
 * whether they may sign in, and their access to stores with permissions from named templates. Every signed-in admin
 * reads; editors change, and every change is audited and reaches the sites as the user's {@code user} record.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SiteUserAdministration {

    /** How many of a user's latest sign-ins their details show. */
    public static final int SIGN_INS_SHOWN = 50;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /**
     * A page of the users whose user name or name contains {@code filter}, who have access to the store of code
     * {@code store}, to a store on the site named {@code site}, or to a store through the template named
     * {@code template} (each ignored when empty), by user name.
     */
    public ListPage<Summary> list(String filter, String store, String site, String template, int offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (filter != null && !filter.isBlank()) {
            values.add("%" + filter.strip().toLowerCase(Locale.ROOT) + "%");
            where.append(" AND (u.username_key LIKE ?")
                    .append(values.size())
                    .append(" OR LOWER(u.first_name) LIKE ?")
                    .append(values.size())
                    .append(" OR LOWER(u.last_name) LIKE ?")
                    .append(values.size())
                    .append(')');
        }
        String access = " AND EXISTS (SELECT 1 FROM site_user_store a JOIN store st ON st.id = a.store_id ";
        if (store != null && !store.isBlank()) {
            values.add(store.strip().toLowerCase(Locale.ROOT));
            where.append(access)
                    .append("WHERE a.user_id = u.id AND st.code_key = ?")
                    .append(values.size())
                    .append(')');
        }
        if (site != null && !site.isBlank()) {
            values.add(site.strip().toLowerCase(Locale.ROOT));
            where.append(access)
                    .append("JOIN site s ON s.id = st.site_id WHERE a.user_id = u.id AND s.name_key = ?")
                    .append(values.size())
                    .append(')');
        }
        if (template != null && !template.isBlank()) {
            values.add(template.strip().toLowerCase(Locale.ROOT));
            where.append(" AND EXISTS (SELECT 1 FROM site_user_store a JOIN permission_template t ON t.id = "
                            + "a.template_id WHERE a.user_id = u.id AND t.name_key = ?")
                    .append(values.size())
                    .append(')');
        }
        Query page =
                em.createNativeQuery("SELECT u.id, u.uid, u.username, u.first_name, u.last_name, u.email, u.phone, "
                        + "u.job_title, u.language, u.active, " + SiteUserSignIns.LOCKED_UNTIL
                        + ", (SELECT COUNT(*) FROM "
                        + "site_user_store a WHERE "
                        + "a.user_id = u.id), u.version FROM site_user u" + where + " ORDER BY u.username_key");
        Query count = em.createNativeQuery("SELECT COUNT(*) FROM site_user u" + where);
        for (int i = 0; i < values.size(); i++) {
            page.setParameter(i + 1, values.get(i));
            count.setParameter(i + 1, values.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = page.setFirstResult(Math.max(0, offset))
                .setMaxResults(Math.max(1, limit))
                .getResultList();
        List<Summary> summaries = rows.stream()
                .map(r -> new Summary(
                        number(r[0]),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        (String) r[6],
                        (String) r[7],
                        Language.ofNumber((int) number(r[8])).code(),
                        Boolean.TRUE.equals(r[9]),
                        Times.ofColumn(r[10]),
                        number(r[11]),
                        number(r[12])))
                .toList();
        long matching = number(count.getSingleResult());
        long total = values.isEmpty()
                ? matching
                : number(em.createNativeQuery("SELECT COUNT(*) FROM site_user").getSingleResult());
        return new ListPage<>(summaries, matching, total);
    }

    /** The user, their store access and their latest sign-ins. */
    public Details details(long id) {
        SiteUser user = find(id);
        return new Details(summary(user), access(id), signIns(id));
    }

    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public Details create(Change change) {
        String username = change.username() == null ? "" : change.username().strip();
        requireUsername(username, null);
        SiteUser user = new SiteUser(
                UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT), username, Instant.now());
        describe(user, change);
        if (change.password() != null) {
            user.setPasswordHash(hashFor(username, change.password()));
        }
        if (change.active() != null) {
            user.setActive(change.active());
        }
        em.persist(user);
        em.flush();
        UserRecords.publish(em, user, user.isActive());
        audit.record(AuditTrail.Action.SITE_USER_CREATED, "SiteUser", user.getId(), user.label(), null, null, null);
        return details(user.getId());
    }

    /** Changes what {@code change} gives; the user's other fields stay. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public Details update(long id, Change change) {
        SiteUser user = find(id);
        if (change.expectedVersion() != null && change.expectedVersion() != user.getVersion()) {
            throw new EditConflict(Text.of("siteUser.changedMeanwhile", user.getUsername()));
        }
        String before = summary(user).toString();
        if (change.username() != null && !change.username().strip().equals(user.getUsername())) {
            requireUsername(change.username().strip(), id);
            user.rename(change.username());
        }
        describe(user, change);
        if (change.active() != null) {
            user.setActive(change.active());
        }
        if (change.password() != null) {
            user.setPasswordHash(hashFor(user.getUsername(), change.password()));
            audit.record(AuditTrail.Action.SITE_USER_PASSWORD_SET, "SiteUser", id, user.label(), null, null, null);
        }
        em.flush();
        UserRecords.publish(em, user, user.isActive());
        audit.recordChange(
                AuditTrail.Action.SITE_USER_UPDATED,
                "SiteUser",
                id,
                user.label(),
                "user",
                before,
                summary(user).toString());
        return details(id);
    }

    /** Deletes the user: the sites receive them as inactive, so their devices refuse even an offline sign-in. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public void delete(long id) {
        SiteUser user = find(id);
        UserRecords.publish(em, user, false);
        audit.record(AuditTrail.Action.SITE_USER_DELETED, "SiteUser", id, user.label(), null, null, null);
        em.remove(user);
    }

    /**
     * Replaces the user's store access with {@code access}: one line per store (by code), at most one default store,
     * permissions from a template (by name) or given as legacy permission numbers (which then win). Shown at the
     * user's next sign-in through the central.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public Details setStores(long id, List<AccessChange> access) {
        SiteUser user = find(id);
        List<Object[]> rows = validatedAccess(access);
        String before = access(id).toString();
        em.createNativeQuery("DELETE FROM site_user_store WHERE user_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        for (Object[] row : rows) {
            em.createNativeQuery("INSERT INTO site_user_store (user_id, store_id, can_login, is_default, template_id, "
                            + "permissions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, id)
                    .setParameter(2, row[0])
                    .setParameter(3, row[1])
                    .setParameter(4, row[2])
                    .setParameter(5, row[3])
                    .setParameter(6, row[4])
                    .executeUpdate();
        }
        audit.recordChange(
                AuditTrail.Action.SITE_USER_STORES_SET,
                "SiteUser",
                id,
                user.label(),
                "stores",
                before,
                access(id).toString());
        return details(id);
    }

    /**
     * The store access lines checked: each store known and given once, a known template, permission numbers in range,
     * at most one default store. @return per line: store ID, may sign in, default, template ID or null, own numbers or
     * null
     */
    private List<Object[]> validatedAccess(List<AccessChange> access) {
        Map<String, Long> templates = new HashMap<>();
        templates().forEach(t -> templates.put(t.name().toLowerCase(Locale.ROOT), t.id()));
        List<Object[]> rows = new ArrayList<>();
        int defaults = 0;
        for (AccessChange line : access == null ? List.<AccessChange>of() : access) {
            List<?> store = em.createNativeQuery("SELECT id FROM store st WHERE " + Store.namedBy("st", "?1"))
                    .setParameter(1, line.store() == null ? "" : Store.codeKey(line.store()))
                    .getResultList();
            if (store.isEmpty()) {
                throw new RuleViolation("store", Text.of("siteUser.store.unknown", String.valueOf(line.store())));
            }
            Long template = null;
            if (line.template() != null && !line.template().isBlank()) {
                template = templates.get(line.template().strip().toLowerCase(Locale.ROOT));
                if (template == null) {
                    throw new RuleViolation("template", Text.of("siteUser.template.unknown", line.template()));
                }
            }
            if (rows.stream().anyMatch(row -> row[0].equals(number(store.get(0))))) {
                throw new RuleViolation("store", Text.of("siteUser.store.twice", line.store()));
            }
            String permissions = line.permissions() == null ? null : numbers(line.permissions());
            defaults += line.isDefault() ? 1 : 0;
            rows.add(new Object[] {number(store.get(0)), line.canLogin(), line.isDefault(), template, permissions});
        }
        if (defaults > 1) {
            throw new RuleViolation("isDefault", Text.of("siteUser.defaultStore.one"));
        }
        return rows;
    }

    /**
     * Checks a user as {@link #create} (no {@code id}) or {@link #update} would take them, with this store access,
     * changing nothing: a {@link RuleViolation} says what is wrong.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public void check(Change change, Long id, List<AccessChange> access) {
        String username = change.username() == null ? "" : change.username().strip();
        if (id == null || !username.isEmpty()) {
            requireUsername(username, id);
        }
        SiteUser probe = new SiteUser("", username.isEmpty() ? "probe" : username, Instant.now());
        describe(probe, change);
        if (change.password() != null) {
            PasswordPolicy.problem(username, change.password()).ifPresent(problem -> {
                throw new RuleViolation("password", problem);
            });
        }
        validatedAccess(access);
    }

    /**
     * Every user and store access as lines of a file the import reads back: a header, then one line per user and
     * store (a user without a store: one line with no store), by user name.
     */
    public List<List<String>> exportLines() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of(
                "username",
                "first_name",
                "last_name",
                "email",
                "phone",
                "job_title",
                "language",
                "active",
                "store",
                "can_login",
                "default",
                "template",
                "permissions"));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT u.id, u.username, u.first_name, u.last_name, u.email, "
                        + "u.phone, u.job_title, u.language, u.active FROM site_user u ORDER BY u.username_key")
                .getResultList();
        for (Object[] r : rows) {
            List<String> user = List.of(
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    Language.ofNumber((int) number(r[7])).code(),
                    Boolean.toString(Boolean.TRUE.equals(r[8])));
            List<StoreAccess> access = access(number(r[0]));
            if (access.isEmpty()) {
                List<String> line = new ArrayList<>(user);
                line.addAll(List.of("", "", "", "", ""));
                lines.add(line);
            }
            for (StoreAccess a : access) {
                List<String> line = new ArrayList<>(user);
                line.addAll(List.of(
                        a.store(),
                        Boolean.toString(a.canLogin()),
                        Boolean.toString(a.isDefault()),
                        a.template() == null ? "" : a.template(),
                        a.permissions() == null
                                ? ""
                                : LegacyPermissions.write(a.permissions()).replace(',', ' ')));
                lines.add(line);
            }
        }
        return lines;
    }

    /** Gives each of the other users the same store access as {@code fromId} has. @return how many were changed */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public int copyAccess(long fromId, List<Long> toIds) {
        List<AccessChange> access = access(fromId).stream()
                .map(a -> new AccessChange(a.store(), a.canLogin(), a.isDefault(), a.template(), a.permissions()))
                .toList();
        int copied = 0;
        for (long to : toIds == null ? List.<Long>of() : toIds) {
            if (to != fromId) {
                setStores(to, access);
                copied++;
            }
        }
        return copied;
    }

    /** The permission templates, by name. */
    public List<Template> templates() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, name, permissions FROM permission_template ORDER BY " + "name_key")
                .getResultList();
        return rows.stream()
                .map(r -> new Template(number(r[0]), (String) r[1], LegacyPermissions.parse((String) r[2])))
                .toList();
    }

    /** Creates the template, or gives the one of this name (ignoring case) these permissions. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public Template saveTemplate(String name, List<Integer> permissions) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new RuleViolation("name", Text.of("siteUser.template.name"));
        }
        String written = numbers(permissions == null ? List.of() : permissions);
        int updated = em.createNativeQuery("UPDATE permission_template SET permissions = ?1, name = ?2, "
                        + "version = version + 1 WHERE name_key = ?3")
                .setParameter(1, written)
                .setParameter(2, n)
                .setParameter(3, n.toLowerCase(Locale.ROOT))
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO permission_template (name, name_key, permissions) VALUES (?1, ?2, ?3)")
                    .setParameter(1, n)
                    .setParameter(2, n.toLowerCase(Locale.ROOT))
                    .setParameter(3, written)
                    .executeUpdate();
        }
        audit.record(
                AuditTrail.Action.PERMISSION_TEMPLATE_SAVED,
                "PermissionTemplate",
                null,
                n,
                "permissions",
                null,
                written);
        return templates().stream()
                .filter(t -> t.name().equalsIgnoreCase(n))
                .findFirst()
                .orElseThrow();
    }

    // ------------------------------------------------------------------ helpers

    /** The user's store access, by store code, with the permissions in effect. */
    private List<StoreAccess> access(long userId) {
        return StoreAccessRows.of(em, userId);
    }

    private List<SignIn> signIns(long userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT at, site_name, outcome FROM site_user_sign_in WHERE " + "user_id = ?1 ORDER BY id DESC")
                .setParameter(1, userId)
                .setMaxResults(SIGN_INS_SHOWN)
                .getResultList();
        return rows.stream()
                .map(r -> new SignIn(Times.ofColumn(r[0]), (String) r[1], (String) r[2]))
                .toList();
    }

    private Summary summary(SiteUser user) {
        Object lockedUntil = em.createNativeQuery(
                        "SELECT " + SiteUserSignIns.LOCKED_UNTIL + " FROM site_user u WHERE " + "u.id = ?1")
                .setParameter(1, user.getId())
                .getSingleResult();
        return new Summary(
                user.getId(),
                user.getUid(),
                user.getUsername(),
                user.getFirstName(),
                user.getLastName(),
                user.getEmail(),
                user.getPhone(),
                user.getJobTitle(),
                Language.ofNumber(user.getLanguage()).code(),
                user.isActive(),
                Times.ofColumn(lockedUntil),
                0,
                user.getVersion());
    }

    private SiteUser find(long id) {
        SiteUser user = em.find(SiteUser.class, id);
        if (user == null) {
            throw new NotFound(Text.of("siteUser.notFound", id));
        }
        return user;
    }

    private void requireUsername(String username, Long except) {
        if (username.isEmpty() || username.length() > SiteUser.NAME_MAX_LENGTH) {
            throw new RuleViolation("username", Text.of("siteUser.username.length", SiteUser.NAME_MAX_LENGTH));
        }
        List<?> taken = em.createNativeQuery("SELECT id FROM site_user WHERE username_key = ?1")
                .setParameter(1, SiteUser.key(username))
                .getResultList();
        if (!taken.isEmpty() && (except == null || number(taken.get(0)) != except)) {
            throw new RuleViolation("username", Text.of("siteUser.username.taken", username));
        }
    }

    private static void describe(SiteUser user, Change change) {
        int language = user.getLanguage();
        if (change.language() != null) {
            Language chosen = Language.ofCode(change.language());
            if (chosen == null) {
                throw new RuleViolation("language", Text.of("siteUser.language.unknown", change.language()));
            }
            language = chosen.number();
        }
        user.describe(
                or(change.firstName(), user.getFirstName(), 100),
                or(change.lastName(), user.getLastName(), 100),
                or(change.email(), user.getEmail(), 200),
                or(change.phone(), user.getPhone(), 50),
                or(change.jobTitle(), user.getJobTitle(), 100),
                language);
    }

    private static String or(String given, String kept, int most) {
        if (given == null) {
            return kept;
        }
        String value = given.strip();
        if (value.length() > most) {
            throw new RuleViolation(Text.of("siteUser.field.tooLong", most));
        }
        return value;
    }

    private static String hashFor(String username, String password) {
        PasswordPolicy.problem(username, password).ifPresent(problem -> {
            throw new RuleViolation("password", problem);
        });
        return PasswordHashing.hash(password);
    }

    private static String numbers(List<Integer> permissions) {
        try {
            return LegacyPermissions.write(permissions);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("permissions", Text.of("siteUser.permission.invalid", LegacyPermissions.HIGHEST));
        }
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
