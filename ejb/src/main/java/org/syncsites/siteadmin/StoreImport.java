package org.syncsites.siteadmin;

import static org.syncsites.siteadmin.ImportPlan.chunks;
import static org.syncsites.siteadmin.ImportPlan.compare;
import static org.syncsites.siteadmin.ImportPlan.number;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.site.CentralSite;
import org.syncsites.site.Site;
import org.syncsites.site.SiteRules;
import org.syncsites.store.Store;
import org.syncsites.store.StoreAdministration;

/**
 * Stores created, renamed and moved in bulk from the lines of a file (CSV, read by the web layer). Each line is a
 * store, by its {@code code}, which names the store on every site and never changes (a line of an export also has
 * the store's {@code id}, which must be that of the code). A line gives the store's name (needed for a new store)
 * and the name of the site it is to be active on (a new store without one stays on the central site). As for sites
 * ({@link SiteImport}): {@link #preview} says what each line would do and what is wrong with it; {@link #apply}
 * applies every line in one transaction, or none. New stores and new names go through {@link StoreAdministration},
 * moves through {@link SiteAdministration} (one change set per site), so the rules, the audit trail and the
 * resyncs are those of the pages.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class StoreImport {

    /** At most this many lines in one file. */
    public static final int MAX_LINES = SiteImport.MAX_LINES;

    /** One line of the file. Null: the column is absent or the field empty, and the store keeps what it has. */
    public record StoreLine(
            int line, String id, String code, String name, String site, String legacyId, String legacyNameId)
            implements Serializable {}

    /** What one line changes: a new store (no id), a new name, a new site (null: unchanged). */
    private record Change(
            Long storeId,
            String code,
            String newName,
            Long fromSiteId,
            Long toSiteId,
            boolean toCentral,
            LegacyIdentity legacy) {}

    /** The identity a legacy central gave a store, as a line leaves it (null: the line leaves it as it is). */
    private record LegacyIdentity(String id, String nameId) {}

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private StoreAdministration stores;

    @EJB
    private SiteAdministration sites;

    @EJB
    private CentralSite centralSite;

    /** What the lines would do; nothing changes. */
    public ImportPlan preview(List<StoreLine> lines) {
        return plan(lines, new ArrayList<>());
    }

    /**
     * Applies every line, in this one transaction, or none: a line with a problem refuses the whole file with every
     * line's problems. New stores first (on the central site), then new names, then the moves, site by site.
     */
    public ImportPlan apply(List<StoreLine> lines) {
        List<Change> changes = new ArrayList<>();
        ImportPlan plan = plan(lines, changes);
        plan.refuseIfWrong();
        Map<Long, Set<Long>> arriving = new LinkedHashMap<>(); // remote site -> stores to make active on it
        Map<Long, Set<Long>> leaving = new LinkedHashMap<>(); // remote site -> stores going back to the central site
        for (Change change : changes) {
            long storeId = change.storeId() != null
                    ? change.storeId()
                    : stores.create(change.code(), change.newName()).id();
            if (change.storeId() != null && change.newName() != null) {
                stores.rename(storeId, change.newName());
            }
            if (change.legacy() != null) {
                stores.setLegacyIdentity(
                        storeId, change.legacy().id(), change.legacy().nameId());
            }
            if (change.toCentral()) {
                leaving.computeIfAbsent(change.fromSiteId(), s -> new LinkedHashSet<>())
                        .add(storeId);
            } else if (change.toSiteId() != null) {
                arriving.computeIfAbsent(change.toSiteId(), s -> new LinkedHashSet<>())
                        .add(storeId);
            }
        }
        em.flush();
        leaving.forEach((siteId, storeIds) -> sites.update(changeOf(siteId, Set.of(), storeIds)));
        arriving.forEach((siteId, storeIds) -> sites.update(changeOf(siteId, storeIds, Set.of())));
        return plan;
    }

    /** The change set of a site as it is now in this transaction, adding and removing stores only. */
    private SiteChangeSet changeOf(long siteId, Set<Long> add, Set<Long> remove) {
        Site site = em.find(Site.class, siteId);
        return new SiteChangeSet(siteId, site.getVersion(), site.settings(), null, add, remove);
    }

    /** The outcome of every line, adding to {@code changes} what each line that changes a store does. */
    private ImportPlan plan(List<StoreLine> lines, List<Change> changes) {
        ImportPlan.requireAtMost(lines.size(), MAX_LINES);
        Map<Long, Store> byId = new HashMap<>();
        Map<String, Store> byCode = new HashMap<>();
        Map<String, Site> sitesByName = new HashMap<>();
        load(lines, byId, byCode, sitesByName);
        Site central = centralSite.get();

        ImportPlan.Tally tally = new ImportPlan.Tally();
        List<Planned> planned = new ArrayList<>(lines.size());
        Set<String> codesSeen = new HashSet<>();
        Set<String> legacySeen = new HashSet<>();
        for (StoreLine line : lines) {
            List<Text> problems = new ArrayList<>();
            Long id = number(line.id(), "id", problems);
            String code = line.code() == null ? null : line.code().strip();
            Store store = id != null ? byId.get(id) : code == null ? null : byCode.get(Store.codeKey(code));
            if (id != null && store == null) {
                problems.add(Text.of("import.store.unknownId", id));
            }
            if (store != null && code != null && !Store.codeKey(code).equals(Store.codeKey(store.getCode()))) {
                problems.add(Text.of("import.store.codeFixed", id, store.getCode()));
            }
            if (store == null && id == null) {
                Text codeProblem = StoreAdministration.codeProblem(code == null ? "" : code);
                if (codeProblem != null) {
                    problems.add(codeProblem);
                }
            }
            String key = store != null ? Store.codeKey(store.getCode()) : code == null ? null : Store.codeKey(code);
            if (key != null && !key.isEmpty() && !codesSeen.add(key)) {
                problems.add(Text.of("import.store.twice", store != null ? store.getCode() : code));
            }
            String name = line.name() == null ? null : line.name().strip();
            if (name != null || store == null) {
                Text nameProblem = StoreAdministration.nameProblem(name == null ? "" : name);
                if (nameProblem != null) {
                    problems.add(nameProblem);
                }
            }
            Site from = store == null ? central : store.getSite();
            Site to = from;
            if (line.site() != null) {
                to = sitesByName.get(Site.nameKey(line.site()));
                if (to == null) {
                    problems.add(Text.of("import.store.siteUnknown", line.site().strip()));
                    to = from;
                }
            }

            List<Text> changed = new ArrayList<>();
            String newName = null;
            if (store == null) {
                changed.add(Text.of("import.change.newStore"));
                newName = name;
            } else if (name != null && !name.equals(store.getName())) {
                compare(changed, "name", store.getName(), name);
                newName = name;
            }
            boolean moves = !Objects.equals(from.getId(), to.getId());
            if (moves) {
                compare(changed, "site", from.getName(), to.getName());
            }
            LegacyIdentity legacy = legacyIdentity(line, store, problems, legacySeen);
            if (legacy != null) {
                compare(
                        changed,
                        "legacyIdentity",
                        store == null ? "" : store.syncId() + " / " + store.getNameId(),
                        Objects.toString(legacy.id(), code) + " / " + Objects.toString(legacy.nameId(), ""));
            }
            planned.add(new Planned(
                    line.line(),
                    store == null
                            ? code + " " + Objects.toString(name, "")
                            : store.getCode() + " " + Objects.toString(newName, store.getName()),
                    store == null,
                    changed,
                    problems,
                    new Change(
                            store == null ? null : store.getId(),
                            code,
                            newName,
                            from.getId(),
                            moves ? to.getId() : null,
                            moves && to.isCentral(),
                            legacy),
                    moves ? to : null));
        }
        // a site's store capacity (one store on a mobile site) as the whole file leaves it: each line that brings a
        // store to a site over it says so, as the site window would, rather than the file being refused on applying
        Map<Long, Long> storesAfter = storesAfter(planned);
        for (Planned line : planned) {
            if (line.to() != null) {
                Text full = SiteRules.storeCapacityProblem(
                        line.to().getType(),
                        line.to().getName(),
                        storesAfter.get(line.to().getId()));
                if (full != null) {
                    line.problems().add(full);
                }
            }
            ImportPlan.Action action =
                    tally.add(line.line(), line.label(), line.isNew(), line.changed(), line.problems());
            if (action == ImportPlan.Action.CREATE || action == ImportPlan.Action.UPDATE) {
                changes.add(line.change());
            }
        }
        return tally.plan();
    }

    /**
     * The legacy identity the line gives its store, if it changes it (null otherwise), adding to {@code problems}
     * what is wrong with it: an ID too long or with spaces, naming another store, or given twice in the file.
     */
    private LegacyIdentity legacyIdentity(StoreLine line, Store store, List<Text> problems, Set<String> seen) {
        String id = line.legacyId() == null || line.legacyId().isBlank()
                ? null
                : line.legacyId().strip();
        String nameId = line.legacyNameId() == null || line.legacyNameId().isBlank()
                ? null
                : line.legacyNameId().strip();
        boolean changesId = id != null && (store == null || !id.equals(store.getLegacyId()));
        boolean changesNameId = nameId != null && (store == null || !nameId.equals(store.getNameId()));
        if (!changesId && !changesNameId) {
            return null;
        }
        // the file's own repeats first; then what the store window checks, for the IDs the line changes
        for (String value : Arrays.asList(id, nameId)) {
            if (value != null && !seen.add(Store.codeKey(value))) {
                problems.add(Text.of("import.store.legacyTwice", value));
            }
        }
        StoreAdministration.legacyIdentityProblems(
                        em, store == null ? -1L : store.getId(), changesId ? id : null, changesNameId ? nameId : null)
                .forEach(problem -> problems.add(problem.text()));
        return new LegacyIdentity(
                id != null ? id : store == null ? null : store.getLegacyId(),
                nameId != null ? nameId : store == null ? null : store.getNameId());
    }

    /** A line's outcome before the file's store capacities are known; {@code to}: the site it moves a store to. */
    private record Planned(
            int line, String label, boolean isNew, List<Text> changed, List<Text> problems, Change change, Site to) {}

    /** How many stores each site that a line moves a store to holds once every line moved its store. */
    private Map<Long, Long> storesAfter(List<Planned> planned) {
        List<Long> siteIds = planned.stream()
                .filter(p -> p.to() != null)
                .map(p -> p.to().getId())
                .distinct()
                .toList();
        Map<Long, Long> count = new HashMap<>();
        for (List<Long> chunk : chunks(siteIds)) {
            em.createQuery(
                            "SELECT st.site.id, COUNT(st) FROM Store st WHERE st.site.id IN :ids GROUP BY st.site.id",
                            Object[].class)
                    .setParameter("ids", chunk)
                    .getResultStream()
                    .forEach(row -> count.put((Long) row[0], (Long) row[1]));
        }
        siteIds.forEach(id -> count.putIfAbsent(id, 0L));
        for (Planned line : planned) {
            if (line.to() != null) {
                count.merge(line.to().getId(), 1L, Long::sum);
                count.computeIfPresent(line.change().fromSiteId(), (site, stores) -> stores - 1);
            }
        }
        return count;
    }

    /** Reads, a thousand at a time, the stores and sites the lines name. */
    private void load(
            List<StoreLine> lines, Map<Long, Store> byId, Map<String, Store> byCode, Map<String, Site> sitesByName) {
        List<Long> ids = lines.stream()
                .map(l -> number(l.id(), "id", new ArrayList<>()))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        List<String> codes = lines.stream()
                .map(StoreLine::code)
                .filter(Objects::nonNull)
                .map(Store::codeKey)
                .distinct()
                .toList();
        List<String> siteNames = lines.stream()
                .map(StoreLine::site)
                .filter(Objects::nonNull)
                .map(Site::nameKey)
                .distinct()
                .toList();
        for (List<Long> chunk : chunks(ids)) {
            em.createQuery("SELECT t FROM Store t JOIN FETCH t.site WHERE t.id IN :ids", Store.class)
                    .setParameter("ids", chunk)
                    .getResultStream()
                    .forEach(t -> byId.put(t.getId(), t));
        }
        for (List<String> chunk : chunks(codes)) {
            em.createQuery("SELECT t FROM Store t JOIN FETCH t.site WHERE t.codeKey IN :codes", Store.class)
                    .setParameter("codes", chunk)
                    .getResultStream()
                    .forEach(t -> byCode.put(Store.codeKey(t.getCode()), t));
        }
        for (List<String> chunk : chunks(siteNames)) {
            em.createQuery("SELECT s FROM Site s WHERE s.nameKey IN :names", Site.class)
                    .setParameter("names", chunk)
                    .getResultStream()
                    .forEach(s -> sitesByName.put(Site.nameKey(s.getName()), s));
        }
    }
}
