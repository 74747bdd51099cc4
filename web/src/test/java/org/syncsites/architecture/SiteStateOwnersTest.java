package org.syncsites.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.persistence.Column;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.syncsites.site.Site;

/**
 * Each concern of a site's row has one owner, the only class that writes its columns; the {@link Site} entity owns
 * what its methods change (identity, settings, pause, alert mute) and maps every other column read-only. A class
 * that writes another owner's columns fails this test: it has to ask the owner.
 */
class SiteStateOwnersTest {

    /** The owners of the columns written with SQL, by source file. */
    private static final Map<String, Set<String>> OWNERS = new LinkedHashMap<>();

    static {
        OWNERS.put(
                "site/SignInGuard.java",
                Set.of(
                        "password_hash",
                        "hardware_id",
                        "site_type",
                        "app_name",
                        "app_version",
                        "first_connection_at",
                        "last_connection_at",
                        "failed_login_count",
                        "blocked",
                        "other_device_failed_count",
                        "other_device_wait_until",
                        "failed_check_count",
                        "check_blocked_until",
                        "sync_credential_digest",
                        "sync_credential_expires_at"));
        OWNERS.put("site/SyncProgress.java", Set.of("initialisation_status", "last_successful_sync_at"));
        OWNERS.put("syncqueue/QueueCounters.java", Set.of("queue_length", "queue_start", "queue_reclaimed"));
        OWNERS.put(
                "sync/IntegrationProgress.java",
                Set.of(
                        "integration_requested_at",
                        "integration_heartbeat_at",
                        "integration_failed_at",
                        "integration_failure",
                        "integration_set_aside"));
        OWNERS.put("siteadmin/LegacyIdentities.java", Set.of("legacy_id", "legacy_site_id"));
    }

    /** Owned columns the entity does not map: only their owners read them. */
    private static final Set<String> UNMAPPED =
            Set.of("integration_failure", "other_device_failed_count", "other_device_wait_until", "queue_reclaimed");

    /** Moving the optimistic-lock version on says "the row changed"; any owner may, as the entity does. */
    private static final String VERSION = "version";

    private static final List<Path> SOURCES =
            List.of(Path.of("src/main/java/org/syncsites"), Path.of("../ejb/src/main/java/org/syncsites"));

    /** An update of the site table in SQL or JPQL, with or without an alias ({@code UPDATE Site s SET s.x = ...}). */
    private static final Pattern UPDATE_SITE = Pattern.compile(
            "\"\\s*UPDATE\\s+site\\s+(?:(?:AS\\s+)?(?!SET\\b)\\w+\\s+)?SET\\s", Pattern.CASE_INSENSITIVE);

    /** The end of a statement's last literal: a call's closing parenthesis or a constant's semicolon. */
    private static final Pattern STATEMENT_END = Pattern.compile("\"\\s*[);]");

    /** A string literal joined to the next one, and an expression spliced between two literals. */
    private static final Pattern JOINED = Pattern.compile("\"\\s*\\+\\s*\"");

    private static final Pattern SPLICED = Pattern.compile("\"\\s*\\+[^\"]*\\+\\s*\"");

    /** An assignment of a SET list: the column, after the alias when there is one. */
    private static final Pattern ASSIGNED = Pattern.compile("(?:\\w+\\.)?([A-Za-z_?]+)\\s*=(?!=)");

    @Test
    void onlyTheOwnerOfAColumnWritesItWithSql() throws IOException {
        List<String> violations = new ArrayList<>();
        int statements = 0;
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    Set<String> owned = OWNERS.getOrDefault(name, Set.of());
                    for (String statement : updatesOfSite(Files.readString(file))) {
                        statements++;
                        for (String column : assignedColumns(statement)) {
                            if (column.equals("?")) {
                                if (owned.isEmpty()) {
                                    violations.add(name + " writes a column named at run time: " + statement);
                                }
                            } else if (!column.equals(VERSION) && !owned.contains(column)) {
                                violations.add(name + " writes " + column + ", which is "
                                        + Objects.requireNonNullElse(
                                                ownerOf(column), "the entity's (through its methods)"));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(statements > 20, "the sources were not found: " + statements + " statements");
        assertEquals(List.of(), violations);
    }

    @Test
    void theEntityMapsEveryOtherOwnersColumnReadOnly() {
        Set<String> problems = new TreeSet<>();
        Set<String> mapped = new TreeSet<>();
        for (Field field : Site.class.getDeclaredFields()) {
            Column column = field.getAnnotation(Column.class);
            String name = column == null || column.name().isEmpty() ? snakeCase(field.getName()) : column.name();
            mapped.add(name);
            String owner = ownerOf(name);
            boolean updatable = column == null || column.updatable();
            if (owner != null && updatable) {
                problems.add(name + " is " + owner + "'s, but the entity writes it");
            }
        }
        OWNERS.values().stream()
                .flatMap(Set::stream)
                .filter(column -> !mapped.contains(column) && !UNMAPPED.contains(column))
                .forEach(column -> problems.add(column + " is owned, but the entity does not map it"));
        assertEquals(Set.of(), problems);
    }

    @Test
    void noMethodOfTheEntityAssignsAnOwnedField() {
        JavaClass site = new ClassFileImporter().importClasses(Site.class).get(Site.class);
        Set<String> problems = new TreeSet<>();
        for (JavaField field : site.getFields()) {
            Column column = field.reflect().getAnnotation(Column.class);
            String name = column == null || column.name().isEmpty() ? snakeCase(field.getName()) : column.name();
            if (ownerOf(name) == null) {
                continue;
            }
            field.getAccessesToSelf().stream()
                    .filter(access -> access.getAccessType() == JavaFieldAccess.AccessType.SET)
                    .filter(access -> !access.getOrigin().isConstructor())
                    .forEach(access -> problems.add(access.getOrigin().getFullName() + " assigns " + field.getName()
                            + ": " + name + " is " + ownerOf(name) + "'s (the entity maps it read-only)"));
        }
        assertEquals(Set.of(), problems);
    }

    @Test
    void theTestReadsStatementsAsTheOwnersWriteThem() {
        assertEquals(
                List.of("?", "?"),
                assignedColumns(updatesOfSite("q(\"UPDATE site SET \" + kind.count + \" = 0, \" + kind.waitUntil\n"
                                + "  + \" = NULL WHERE id = ?1 AND \" + kind.waitUntil + \" <= ?2\")")
                        .get(0)));
        assertEquals(
                List.of("integration_set_aside"),
                assignedColumns(updatesOfSite("q(\n \"UPDATE site SET integration_set_aside = (SELECT COUNT(*) FROM "
                                + "sync_in WHERE site_id = \"\n + \"?1 AND failed_at IS NOT NULL) WHERE id = ?1\")")
                        .get(0)));
        assertEquals(
                List.of("blocked"),
                assignedColumns(updatesOfSite("q(\"UPDATE Site s SET s.blocked = false WHERE s.id = :id\")")
                        .get(0)));
        assertEquals(
                List.of("failed_login_count", "site_type"),
                assignedColumns(updatesOfSite("q(\"UPDATE site SET failed_login_count = 0, site_type = ?1 \"\n"
                                + " + \"WHERE id = ?6\")")
                        .get(0)));
    }

    /** The SQL text of each {@code UPDATE site SET} in a source file, its literals joined, spliced names as "?". */
    private static List<String> updatesOfSite(String source) {
        List<String> statements = new ArrayList<>();
        Matcher update = UPDATE_SITE.matcher(source);
        while (update.find()) {
            Matcher end = STATEMENT_END.matcher(source);
            String text = source.substring(update.start() + 1, end.find(update.end()) ? end.start() : source.length());
            text = JOINED.matcher(text).replaceAll("");
            text = SPLICED.matcher(text).replaceAll(" ? ");
            statements.add(text);
        }
        return statements;
    }

    /** The columns a statement sets: the assignments of its SET list, outside parentheses, before its WHERE. */
    private static List<String> assignedColumns(String statement) {
        String setList = statement.substring(statement.toUpperCase(Locale.ROOT).indexOf(" SET ") + 5);
        StringBuilder top = new StringBuilder();
        int depth = 0;
        for (char c : setList.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            top.append(depth == 0 && c != ')' ? c : ' ');
        }
        String level = top.toString();
        int where = level.toUpperCase(Locale.ROOT).indexOf(" WHERE ");
        String assignments = where < 0 ? level : level.substring(0, where);
        List<String> columns = new ArrayList<>();
        for (String assignment : assignments.split(",")) {
            Matcher assigned = ASSIGNED.matcher(assignment);
            if (assigned.find()) {
                columns.add(snakeCase(assigned.group(1))); // JPQL names the field, SQL the column
            }
        }
        return columns;
    }

    private static String ownerOf(String column) {
        return OWNERS.entrySet().stream()
                .filter(owner -> owner.getValue().contains(column))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
