package org.syncsites.siteadmin;

import static org.syncsites.siteadmin.ImportPlan.chunks;
import static org.syncsites.siteadmin.ImportPlan.compare;
import static org.syncsites.siteadmin.ImportPlan.number;
import static org.syncsites.siteadmin.ImportPlan.or;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.RandomPasswords;
import org.syncsites.security.Roles;
import org.syncsites.site.Site;
import org.syncsites.site.SiteRules;
import org.syncsites.site.SiteSettings;
import org.syncsites.store.Store;

/**
 * Sites created or updated in bulk from the lines of a file (CSV, read by the web layer). Each line is a site: by
 * its {@code id} when it has one (a line of an export), else by its name (compared as the site list does), else a
 * new site. {@link #preview} says what each line would do, and what is wrong with it, without changing anything;
 * {@link #apply} applies every line in one transaction, or none when any line is wrong. Every change goes through
 * {@link SiteAdministration}, so the rules, the audit trail and the store moves (with their resyncs) are those of
 * the site window. A new site without a password gets a generated one, given back once. Passwords are stored with
 * a quick hash until each site's first sign-in ({@link SiteAdministration#createInBulk}): a file of 5,000 new sites
 * would otherwise wait minutes for bcrypt.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class SiteImport {

    /** At most this many lines in one file. */
    public static final int MAX_LINES = 20_000;

    /** The changes applied between two clears of the persistence context. */
    private static final int CLEAR_EVERY = 100;

    /** One line of the file. Null: the column is absent or the field empty, and the site keeps what it has. */
    public record SiteLine(
            int line,
            String id,
            String code,
            String name,
            String syncIntervalMinutes,
            String syncRequestSize,
            List<String> storeCodes,
            String password,
            String legacyId,
            String legacySiteId)
            implements Serializable {}

    /** What a line changes: the site's change set, and the identity a legacy central gave it (null: kept). */
    private record LineChange(SiteChangeSet settings, Legacy legacy) {}

    /** A site's identity as a legacy central gave it ({@link LegacyIdentities}). */
    private record Legacy(String id, Integer siteId) {}

    /** A file applied: its plan, and the passwords generated for new sites (site name to password), shown once. */
    public record Applied(ImportPlan plan, Map<String, String> generatedPasswords) implements Serializable {}

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private SiteAdministration sites;

    @EJB
    private LegacyIdentities legacyIdentities;

    /** What the lines would do; nothing changes. */
    public ImportPlan preview(List<SiteLine> lines) {
        return plan(lines, new ArrayList<>());
    }

    /*
     * A file that gives legacy site IDs numbers new sites past the highest of them before any site is written, as
     * LegacyIdentities#set does for one site: that renumbering may not wait on this transaction's writes.
     */

    /**
     * Applies every line, in this one transaction, or none: a line with a problem refuses the whole file with
     * every line's problems ({@code field} "line N").
     */
    public Applied apply(List<SiteLine> lines) {
        List<LineChange> changes = new ArrayList<>();
        ImportPlan plan = plan(lines, changes);
        plan.refuseIfWrong();
        changes.stream()
                .map(LineChange::legacy)
                .filter(l -> l != null && l.siteId() != null)
                .mapToInt(Legacy::siteId)
                .max()
                .ifPresent(legacyIdentities::numberNewSitesPast);
        Map<String, String> generated = new LinkedHashMap<>();
        em.clear(); // what the plan read: each change reads its site again, under its lock
        int done = 0;
        for (LineChange line : changes) {
            SiteChangeSet change = line.settings();
            if (++done % CLEAR_EVERY == 0) {
                // every flush looks at every entity the persistence context holds: keep it small
                em.flush();
                em.clear();
            }
            if (change.isNewSite()) {
                if (change.newPassword() == null) {
                    String password = RandomPasswords.next();
                    generated.put(change.settings().name(), password);
                    change = change.withPassword(password);
                }
                long siteId = sites.createInBulk(change).id();
                if (line.legacy() != null) {
                    legacyIdentities.assign(
                            siteId, line.legacy().id(), line.legacy().siteId());
                }
            } else {
                sites.updateInBulk(change);
                if (line.legacy() != null) {
                    legacyIdentities.assign(
                            change.siteId(), line.legacy().id(), line.legacy().siteId());
                }
            }
        }
        return new Applied(plan, generated);
    }

    /** The outcome of every line, adding to {@code changes} the change set of each line that changes a site. */
    private ImportPlan plan(List<SiteLine> lines, List<LineChange> changes) {
        ImportPlan.requireAtMost(lines.size(), MAX_LINES);
        Map<Long, Site> byId = new HashMap<>();
        Map<String, Site> byName = new HashMap<>();
        Map<String, Store> storesByCode = new HashMap<>();
        load(lines, byId, byName, storesByCode);

        ImportPlan.Tally tally = new ImportPlan.Tally();
        Set<Long> sitesSeen = new HashSet<>();
        Set<String> namesSeen = new HashSet<>();
        Set<String> storesSeen = new HashSet<>();
        Set<Long> legacySeen = new HashSet<>();
        for (SiteLine line : lines) {
            List<Text> problems = new ArrayList<>();
            Long id = number(line.id(), "id", problems);
            Site site = id != null
                    ? byId.get(id)
                    : line.name() == null
                            ? null
                            : byName.get(Site.nameKey(line.name().strip()));
            if (id != null && site == null) {
                problems.add(Text.of("import.site.unknown", id));
            }
            Long interval = number(line.syncIntervalMinutes(), "sync_interval_minutes", problems);
            Long requestSize = number(line.syncRequestSize(), "sync_request_size", problems);
            if (site == null
                    && id == null
                    && (line.name() == null || line.name().isBlank())) {
                problems.add(Text.of("site.name.missing"));
            }
            SiteSettings before = site == null ? SiteSettings.defaults() : site.settings();
            SiteSettings after = new SiteSettings(
                            or(line.code(), before.code()),
                            or(line.name(), before.name()),
                            before.activeOnDatafile(),
                            before.alternativeHttpClient(),
                            interval == null
                                    ? before.syncIntervalMinutes()
                                    : (int) Math.min(Integer.MAX_VALUE, interval),
                            requestSize == null
                                    ? before.syncRequestSize()
                                    : (int) Math.min(Integer.MAX_VALUE, requestSize),
                            before.serverUrl())
                    .trimmed();
            SiteRules.problemsWith(after).forEach(p -> problems.add(p.text()));
            String nameKey = Site.nameKey(after.name());
            Site sameName = byName.get(nameKey);
            if (sameName != null && site != null && !sameName.getId().equals(site.getId())) {
                problems.add(Text.of("site.name.taken", sameName.getName()));
            }
            if (!after.name().isEmpty() && !namesSeen.add(nameKey)) {
                problems.add(Text.of("import.name.twice", after.name()));
            }
            if (site != null && !sitesSeen.add(site.getId())) {
                problems.add(Text.of("import.site.twice", site.getName()));
            }
            if (line.password() != null) {
                Text passwordProblem = SiteRules.passwordProblem(line.password());
                if (passwordProblem != null) {
                    problems.add(passwordProblem);
                }
            }
            Set<Long> storesToAdd = new LinkedHashSet<>();
            List<String> addedCodes = new ArrayList<>();
            for (String code : line.storeCodes() == null ? List.<String>of() : line.storeCodes()) {
                Store store = storesByCode.get(Store.codeKey(code));
                if (store == null) {
                    problems.add(Text.of("import.store.unknown", code));
                } else if (!storesSeen.add(Store.codeKey(code))) {
                    problems.add(Text.of("import.store.twice", code));
                } else if (site == null || !site.getId().equals(store.getSite().getId())) {
                    storesToAdd.add(store.getId());
                    addedCodes.add(store.getCode());
                }
            }

            List<Text> changed = new ArrayList<>();
            if (site == null) {
                changed.add(Text.of("import.change.newSite"));
            } else {
                compare(changed, "code", before.code(), after.code());
                compare(changed, "name", before.name(), after.name());
                compare(changed, "syncIntervalMinutes", before.syncIntervalMinutes(), after.syncIntervalMinutes());
                compare(changed, "syncRequestSize", before.syncRequestSize(), after.syncRequestSize());
            }
            Legacy legacy = legacy(line, site, problems, legacySeen);
            if (legacy != null) {
                compare(
                        changed,
                        "legacyIdentity",
                        site == null ? "" : site.protocolId() + " / " + site.protocolSiteId(),
                        Objects.toString(legacy.id(), "") + " / " + Objects.toString(legacy.siteId(), ""));
            }
            if (line.password() != null) {
                changed.add(Text.of("import.change.password"));
            } else if (site == null) {
                changed.add(Text.of("import.change.passwordGenerated"));
            }
            if (!addedCodes.isEmpty()) {
                changed.add(Text.of("import.change.stores", String.join(", ", addedCodes)));
            }

            if (site != null && site.isCentral() && !changed.isEmpty()) {
                problems.add(Text.of("import.site.central")); // a line of an export that leaves it as it is passes
            }
            ImportPlan.Action action = tally.add(
                    line.line(),
                    after.name().isEmpty() && site != null ? site.getName() : after.name(),
                    site == null,
                    changed,
                    problems);
            if (action == ImportPlan.Action.CREATE || action == ImportPlan.Action.UPDATE) {
                changes.add(new LineChange(
                        new SiteChangeSet(
                                site == null ? null : site.getId(),
                                site == null ? 0 : site.getVersion(),
                                after,
                                line.password(),
                                storesToAdd,
                                Set.of()),
                        legacy));
            }
        }
        return tally.plan();
    }

    /**
     * The identity a legacy central gave the line's site, if the line changes it (null otherwise; an empty field keeps
     * what the site has), adding to {@code problems} what is wrong with it (as {@link LegacyIdentities#set} checks it)
     * or that the file gives a site number twice.
     */
    private Legacy legacy(SiteLine line, Site site, List<Text> problems, Set<Long> seen) {
        String id = line.legacyId() == null || line.legacyId().isBlank()
                ? null
                : line.legacyId().strip();
        Long number = number(line.legacySiteId(), "legacy_site_id", problems);
        Integer siteNumber =
                number == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number));
        boolean changesId = id != null && (site == null || !id.equals(site.getLegacyId()));
        boolean changesNumber = siteNumber != null && (site == null || !siteNumber.equals(site.getLegacySiteId()));
        if (!changesId && !changesNumber) {
            return null;
        }
        Legacy legacy = new Legacy(
                id != null ? id : site == null ? null : site.getLegacyId(),
                siteNumber != null ? siteNumber : site == null ? null : site.getLegacySiteId());
        RuleViolation.Problem problem =
                LegacyIdentities.problemWith(em, site == null ? -1 : site.getId(), legacy.id(), legacy.siteId());
        if (problem != null) {
            problems.add(problem.text());
        }
        if (legacy.siteId() != null && !seen.add(legacy.siteId().longValue())) {
            problems.add(Text.of("import.site.legacyTwice", legacy.siteId()));
        }
        return legacy;
    }

    /** Reads, a thousand at a time, the sites and stores the lines name. */
    private void load(
            List<SiteLine> lines, Map<Long, Site> byId, Map<String, Site> byName, Map<String, Store> storesByCode) {
        List<Long> ids = lines.stream()
                .map(l -> number(l.id(), "id", new ArrayList<>()))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        List<String> names = lines.stream()
                .map(SiteLine::name)
                .filter(Objects::nonNull)
                .map(n -> Site.nameKey(n.strip()))
                .distinct()
                .toList();
        List<String> codes = lines.stream()
                .filter(l -> l.storeCodes() != null)
                .flatMap(l -> l.storeCodes().stream())
                .map(Store::codeKey)
                .distinct()
                .toList();
        for (List<Long> chunk : chunks(ids)) {
            em.createQuery("SELECT s FROM Site s WHERE s.id IN :ids", Site.class)
                    .setParameter("ids", chunk)
                    .getResultStream()
                    .forEach(s -> byId.put(s.getId(), s));
        }
        for (List<String> chunk : chunks(names)) {
            em.createQuery("SELECT s FROM Site s WHERE s.nameKey IN :names", Site.class)
                    .setParameter("names", chunk)
                    .getResultStream()
                    .forEach(s -> byName.put(Site.nameKey(s.getName()), s));
        }
        byId.values().forEach(s -> byName.putIfAbsent(Site.nameKey(s.getName()), s));
        for (List<String> chunk : chunks(codes)) {
            em.createQuery("SELECT t FROM Store t WHERE t.codeKey IN :codes", Store.class)
                    .setParameter("codes", chunk)
                    .getResultStream()
                    .forEach(t -> storesByCode.put(Store.codeKey(t.getCode()), t));
        }
    }
}
