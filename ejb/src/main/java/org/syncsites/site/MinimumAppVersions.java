package org.syncsites.site;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.AfterCommit;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.platform.Times;
import org.syncsites.security.Roles;

/**
 * The lowest app version the network accepts, per app name (the {@code app-name} a device sends, matched without
 * regard to case): a device of that app signing in with an older version, or with none the central can read, is
 * refused ({@code api_version_incompatible}, saying which version is needed). Set and removed by holders of "Edit
 * sync settings", audited. Each node reads the table again at most {@link #READ_AGAIN_AFTER} after a change made on
 * another node; on its own node a change holds at once.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class MinimumAppVersions {

    /** How long a node answers sign-ins from the minimums it read last. */
    public static final Duration READ_AGAIN_AFTER = Duration.ofSeconds(5);

    /** The lowest version of an app the network accepts, who set it and when. */
    public record Minimum(String appName, String version, String setBy, Instant setAt) implements Serializable {}

    /** Sites whose device last signed in with a version of an app older than its minimum. */
    public record Outdated(String appName, String appVersion, String minimum, long sites) implements Serializable {}

    private record Read(Instant at, Map<String, AppVersion> minimums) {}

    /** This node's copy of the minimums, by app name in lower case. */
    private static volatile Read read = new Read(Instant.EPOCH, Map.of());

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private AuditTrail audit;

    public List<Minimum> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT app_name, version, set_by, set_at FROM minimum_app_version ORDER BY name_key")
                .getResultList();
        return rows.stream()
                .map(r -> new Minimum((String) r[0], (String) r[1], (String) r[2], Times.ofColumn(r[3])))
                .toList();
    }

    /** Sets the lowest version of the app the network accepts (a version as {@code 2.13.0}). */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public Minimum set(String appName, String version) {
        String name = appName == null ? "" : appName.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new RuleViolation("appName", Text.of("appVersions.appName"));
        }
        AppVersion lowest = AppVersion.parse(version)
                .filter(v -> version.strip().length() <= 50)
                .orElseThrow(
                        () -> new RuleViolation("version", Text.of("appVersions.version", String.valueOf(version))));
        Minimum before = find(name).orElse(null);
        String by = caller.getCallerPrincipal().getName();
        Instant now = Instant.now();
        em.createNativeQuery(
                        before == null
                                ? "INSERT INTO minimum_app_version (name_key, app_name, version, set_by, set_at) "
                                        + "VALUES (?1, ?2, ?3, ?4, ?5)"
                                : "UPDATE minimum_app_version SET app_name = ?2, version = ?3, set_by = ?4, "
                                        + "set_at = ?5 WHERE name_key = ?1")
                .setParameter(1, key(name))
                .setParameter(2, name)
                .setParameter(3, lowest.toString())
                .setParameter(4, by)
                .setParameter(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
        audit.record(
                AuditTrail.Action.MINIMUM_APP_VERSION_SET,
                "MinimumAppVersion",
                null,
                name,
                "version",
                before == null ? null : before.version(),
                lowest.toString());
        readAgainOnceCommitted();
        return new Minimum(name, lowest.toString(), by, now);
    }

    /** The network accepts every version of the app again. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public void remove(String appName) {
        String name = appName == null ? "" : appName.strip();
        Minimum before = find(name).orElseThrow(() -> new NotFound(Text.of("appVersions.notFound", name)));
        em.createNativeQuery("DELETE FROM minimum_app_version WHERE name_key = ?1")
                .setParameter(1, key(name))
                .executeUpdate();
        audit.record(
                AuditTrail.Action.MINIMUM_APP_VERSION_REMOVED,
                "MinimumAppVersion",
                null,
                before.appName(),
                "version",
                before.version(),
                null);
        readAgainOnceCommitted();
    }

    /** This node reads the minimums again at the next sign-in after the change commits. */
    private void readAgainOnceCommitted() {
        AfterCommit.run(transactions, () -> read = new Read(Instant.EPOCH, Map.of()));
    }

    /**
     * The lowest version of the app the network accepts, when the version a device sent is older than that (or names
     * no version): the device is to be refused. Empty: accepted.
     */
    @PermitAll
    public Optional<String> refusing(String appName, String appVersion) {
        if (appName == null || appName.isBlank()) {
            return Optional.empty();
        }
        AppVersion lowest = minimums().get(key(appName.strip()));
        if (lowest == null) {
            return Optional.empty();
        }
        boolean older =
                AppVersion.parse(appVersion).map(v -> v.compareTo(lowest) < 0).orElse(true);
        return older ? Optional.of(lowest.toString()) : Optional.empty();
    }

    /** The app versions the sites' devices last signed in with that are older than their app's minimum. */
    public List<Outdated> outdated() {
        Map<String, Minimum> minimums = new HashMap<>();
        list().forEach(m -> minimums.put(key(m.appName()), m));
        if (minimums.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT MIN(app_name), app_version, COUNT(*) FROM site WHERE "
                        + "central = FALSE AND app_name IS NOT NULL GROUP BY LOWER(app_name), app_version "
                        + "ORDER BY MIN(app_name), app_version")
                .getResultList();
        List<Outdated> outdated = new ArrayList<>();
        for (Object[] row : rows) {
            Minimum minimum = minimums.get(key((String) row[0]));
            if (minimum != null) {
                AppVersion lowest = AppVersion.parse(minimum.version()).orElseThrow();
                String version = (String) row[1];
                if (AppVersion.parse(version).map(v -> v.compareTo(lowest) < 0).orElse(true)) {
                    outdated.add(
                            new Outdated(minimum.appName(), version, minimum.version(), ((Number) row[2]).longValue()));
                }
            }
        }
        return outdated;
    }

    private Optional<Minimum> find(String name) {
        return list().stream().filter(m -> key(m.appName()).equals(key(name))).findFirst();
    }

    private Map<String, AppVersion> minimums() {
        Read last = read;
        Instant now = Instant.now();
        if (last.at().plus(READ_AGAIN_AFTER).isAfter(now)) {
            return last.minimums();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT name_key, version FROM minimum_app_version")
                .getResultList();
        Map<String, AppVersion> minimums = new HashMap<>();
        for (Object[] row : rows) {
            AppVersion.parse((String) row[1]).ifPresent(v -> minimums.put((String) row[0], v));
        }
        read = new Read(now, Map.copyOf(minimums));
        return minimums;
    }

    private static String key(String appName) {
        return appName.strip().toLowerCase(Locale.ROOT);
    }
}
