package org.syncsites.siteusers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.siteusers.SiteUserViews.AccessChange;
import org.syncsites.siteusers.SiteUserViews.Change;

/**
 * Site users and their store access from the lines of a file (CSV, read by the web layer), the file
 * {@link SiteUserAdministration#exportLines} writes: one line per user and store (a user without a store has one line
 * with no store). Lines of one user name are one user: created when new, else changed (fields left empty keep what
 * the user has), with exactly the stores of their lines. {@link #preview} says what each user would become and what
 * is wrong, changing nothing; {@link #apply} applies every user in one transaction, or none.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class SiteUserImport {

    /** At most this many lines in one file. */
    public static final int MAX_LINES = 50_000;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private SiteUserAdministration users;

    /** One line of the file; null where the column is absent or the field empty. */
    public record Line(
            int line,
            String username,
            String firstName,
            String lastName,
            String email,
            String phone,
            String jobTitle,
            String language,
            String active,
            String password,
            String store,
            String canLogin,
            String isDefault,
            String template,
            String permissions)
            implements Serializable {}

    /** What a file does: per user, created or changed, and each line's problems (none: it can be applied). */
    public record Plan(int users, int created, int changed, List<Text> problems, boolean applied)
            implements Serializable {}

    public Plan preview(List<Line> lines) {
        return plan(lines, false);
    }

    public Plan apply(List<Line> lines) {
        Plan plan = plan(lines, false);
        if (!plan.problems().isEmpty()) {
            throw new RuleViolation(Text.of(
                    "siteUser.import.notApplied",
                    plan.problems().size(),
                    plan.problems().get(0)));
        }
        return plan(lines, true);
    }

    private Plan plan(List<Line> lines, boolean apply) {
        if (lines.size() > MAX_LINES) {
            throw new RuleViolation(Text.of("siteUser.import.tooMany", MAX_LINES));
        }
        Map<String, List<Line>> byUser = new LinkedHashMap<>();
        List<Text> problems = new ArrayList<>();
        for (Line line : lines) {
            if (line.username() == null || line.username().isBlank()) {
                problems.add(Text.of("siteUser.import.line", line.line(), Text.of("siteUser.import.noUsername")));
                continue;
            }
            byUser.computeIfAbsent(SiteUser.key(line.username()), k -> new ArrayList<>())
                    .add(line);
        }
        int created = 0;
        int changed = 0;
        for (List<Line> userLines : byUser.values()) {
            Line first = userLines.get(0);
            List<?> existing = em.createNativeQuery("SELECT id FROM site_user WHERE username_key = ?1")
                    .setParameter(1, SiteUser.key(first.username()))
                    .getResultList();
            List<AccessChange> access = new ArrayList<>();
            try {
                for (Line line : userLines) {
                    if (line.store() != null && !line.store().isBlank()) {
                        access.add(new AccessChange(
                                line.store().strip(),
                                bool(line.canLogin(), true),
                                bool(line.isDefault(), false),
                                line.template(),
                                numbers(line.permissions())));
                    }
                }
                Change change = new Change(
                        first.username(),
                        first.firstName(),
                        first.lastName(),
                        first.email(),
                        first.phone(),
                        first.jobTitle(),
                        first.language(),
                        first.active() == null ? null : bool(first.active(), true),
                        first.password(),
                        null);
                if (existing.isEmpty()) {
                    created++;
                    if (apply) {
                        long id = users.create(change).user().id();
                        users.setStores(id, access);
                    } else {
                        users.check(change, null, access);
                    }
                } else {
                    changed++;
                    long id = ((Number) existing.get(0)).longValue();
                    if (apply) {
                        users.update(id, change);
                        users.setStores(id, access);
                    } else {
                        users.check(change, id, access);
                    }
                }
            } catch (RuleViolation e) {
                for (RuleViolation.Problem problem : e.problems()) {
                    problems.add(Text.of("siteUser.import.line", first.line(), problem.text()));
                }
            }
        }
        return new Plan(byUser.size(), created, changed, problems, apply);
    }

    private static boolean bool(String text, boolean otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new RuleViolation(Text.of("siteUser.import.yesNo", text));
        };
    }

    private static List<Integer> numbers(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Integer> numbers = new ArrayList<>();
        for (String part : text.split("[ ,;]+")) {
            if (!part.isBlank()) {
                try {
                    numbers.add(Integer.parseInt(part));
                } catch (NumberFormatException e) {
                    throw new RuleViolation(Text.of("siteUser.permission.invalid", LegacyPermissions.HIGHEST));
                }
            }
        }
        return numbers;
    }
}
