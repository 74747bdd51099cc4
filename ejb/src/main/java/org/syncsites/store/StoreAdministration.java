package org.syncsites.store;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.Columns;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.RuleViolation.Problem;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.site.CentralSite;

/** Stores: listing them with the site each is on, and creating them. Moves happen in site change sets. */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class StoreAdministration {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private CentralSite centralSite;

    /** The stores whose code or name contains the lower-case pattern {@code :p} (compared on the kept keys). */
    private static final String MATCHING =
            " WHERE st.codeKey LIKE :p" + Columns.ESCAPE + " OR st.nameKey LIKE :p" + Columns.ESCAPE;
    /** ... or whose site is one of {@code :sites}. */
    private static final String OR_ON_SITES = " OR st.site.id IN :sites";
    /** ... or whose site's name contains {@code :p}: each site's name looked at once, not once per store. */
    private static final String OR_ON_SITES_MATCHING =
            " OR st.site.id IN (SELECT s.id FROM Site s WHERE s.nameKey LIKE :p" + Columns.ESCAPE + ")";
    /** The pattern of the empty filter, which every store matches. */
    private static final String ALL = "%%";
    /**
     * Up to this many sites whose name matches are looked up first and named in the store query: then each part of
     * the condition can be answered from an index (PostgreSQL combines them; its trigram indexes answer
     * {@code LIKE '%...%'}, migration V11.1). With more, the query matches the sites itself.
     */
    private static final int SITES_LOOKED_UP_FIRST = 1_000;

    /** A filter: the pattern, and the matching sites when they were looked up first (null when there were more). */
    private record Filter(String pattern, List<Long> sites) {}

    /**
     * A page of the stores whose code, name or site name contains {@code filter} (ignoring case), by name, with how
     * many match and how many there are: a network can have hundreds of thousands, so no list loads them all (nor
     * counts the records of each), and none counts them all: their number is kept ({@link StoreCount}). A filtered
     * page is read with its count in one query, so that the matching stores are looked for once.
     */
    public ListPage<StoreSummary> list(String filter, int offset, int limit) {
        Filter matching = filter(filter);
        int first = Math.max(0, offset);
        int size = Math.max(1, limit);
        long total = StoreCount.of(em);
        if (matching.pattern().equals(ALL)) {
            return new ListPage<>(page(matching, first, size), total, total);
        }
        List<Object[]> counted = matching(
                        "SELECT st.id, COUNT(*) OVER () FROM Store st",
                        matching,
                        " ORDER BY st.nameKey, st.id",
                        Object[].class)
                .setFirstResult(first)
                .setMaxResults(size)
                .getResultList();
        long matched = counted.isEmpty()
                ? matching("SELECT COUNT(st) FROM Store st", matching, "", Long.class)
                        .getSingleResult() // past the end
                : ((Number) counted.get(0)[1]).longValue();
        List<Long> ids =
                counted.stream().map(row -> ((Number) row[0]).longValue()).toList();
        return new ListPage<>(byId(ids), matched, total);
    }

    /**
     * The codes of the stores active on each of the sites {@code siteIds}, in code order, as the site export writes
     * them; the central site's are not asked for (every store no site has).
     */
    public Map<Long, List<String>> codesOnSites(List<Long> siteIds) {
        Map<Long, List<String>> codes = new HashMap<>();
        if (siteIds.isEmpty()) {
            return codes;
        }
        em.createQuery(
                        "SELECT st.site.id, st.code FROM Store st WHERE st.site.id IN :sites ORDER BY st.codeKey",
                        Object[].class)
                .setParameter("sites", siteIds)
                .getResultStream()
                .forEach(row -> codes.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                        .add((String) row[1]));
        return codes;
    }

    /**
     * The first {@code limit} of those stores, uncounted: for a picker, which must not load every store of a large
     * network (nor count the records of each) to show a few.
     */
    public List<StoreSummary> list(String filter, int limit) {
        return page(filter(filter), 0, limit);
    }

    private List<StoreSummary> page(Filter filter, int offset, int limit) {
        // in the index's order (name key, ID): a page is read, not all stores sorted
        return summaries(matching(
                        "SELECT st FROM Store st JOIN FETCH st.site",
                        filter,
                        " ORDER BY st.nameKey, st.id",
                        Store.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }

    /** The stores {@code ids}, in that order. */
    private List<StoreSummary> byId(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Store> found = new HashMap<>();
        em.createQuery("SELECT st FROM Store st JOIN FETCH st.site WHERE st.id IN :ids", Store.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(st -> found.put(st.getId(), st));
        return summaries(ids.stream().map(found::get).filter(Objects::nonNull).toList());
    }

    /** {@code select} over the stores the filter matches (all for {@link #ALL}), then {@code order}. */
    private <T> TypedQuery<T> matching(String select, Filter filter, String order, Class<T> type) {
        if (filter.pattern().equals(ALL)) {
            return em.createQuery(select + order, type);
        }
        if (filter.sites() == null) {
            return em.createQuery(select + MATCHING + OR_ON_SITES_MATCHING + order, type)
                    .setParameter("p", filter.pattern());
        }
        if (filter.sites().isEmpty()) {
            return em.createQuery(select + MATCHING + order, type).setParameter("p", filter.pattern());
        }
        return em.createQuery(select + MATCHING + OR_ON_SITES + order, type)
                .setParameter("p", filter.pattern())
                .setParameter("sites", filter.sites());
    }

    private Filter filter(String filter) {
        String pattern = Columns.containing(filter);
        if (pattern.equals(ALL)) {
            return new Filter(ALL, List.of());
        }
        List<Long> sites = em.createQuery(
                        "SELECT s.id FROM Site s WHERE s.nameKey LIKE :p" + Columns.ESCAPE, Long.class)
                .setParameter("p", pattern)
                .setMaxResults(SITES_LOOKED_UP_FIRST + 1)
                .getResultList();
        return new Filter(pattern, sites.size() > SITES_LOOKED_UP_FIRST ? null : sites);
    }

    /** The stores active on one site. */
    public List<StoreSummary> onSite(long siteId) {
        return summaries(em.createQuery(
                        "SELECT st FROM Store st JOIN FETCH st.site WHERE st.site.id = :site "
                                + "ORDER BY st.nameKey, st.id",
                        Store.class)
                .setParameter("site", siteId)
                .getResultList());
    }

    private List<StoreSummary> summaries(List<Store> stores) {
        Map<Long, Long> records =
                StoreRecords.countByStore(em, stores.stream().map(Store::getId).toList());
        return stores.stream()
                .map(st -> summary(st, records.getOrDefault(st.getId(), 0L)))
                .toList();
    }

    private static StoreSummary summary(Store store, long recordCount) {
        return new StoreSummary(
                store.getId(),
                store.getCode(),
                store.getName(),
                store.getSite().getId(),
                store.getSite().getName(),
                store.getSite().isCentral(),
                recordCount,
                store.isActiveOnOtherSite(),
                store.getMode().wire(),
                store.isDisabled(),
                store.getLegacyId(),
                store.getNameId());
    }

    /** A new store starts on the central site. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public StoreSummary create(String code, String name) {
        String c = code == null ? "" : code.strip();
        String n = name == null ? "" : name.strip();
        List<Problem> problems = new ArrayList<>();
        Text codeProblem = codeProblem(c);
        if (codeProblem == null
                && !em.createQuery(
                                "SELECT st.id FROM Store st WHERE st.codeKey = :key " + "OR st.legacyKey = :key",
                                Long.class)
                        .setParameter("key", Store.codeKey(c))
                        .getResultList()
                        .isEmpty()) {
            codeProblem = Text.of("store.code.taken", c);
        }
        if (codeProblem != null) {
            problems.add(new Problem("code", codeProblem));
        }
        Text nameProblem = nameProblem(n);
        if (nameProblem != null) {
            problems.add(new Problem("name", nameProblem));
        }
        if (!problems.isEmpty()) {
            throw new RuleViolation(problems);
        }
        Store store = new Store(c, n, centralSite.get());
        em.persist(store);
        em.flush();
        StoreCount.add(em, 1);
        StoreDirectory.publish(em, store);
        audit.record(
                AuditTrail.Action.STORE_CREATED,
                "Store",
                store.getId(),
                store.label(),
                "site",
                null,
                store.getSite().getName());
        return summary(store, 0);
    }

    /**
     * Gives a store a new name. Its code stays: the code is what names the store on every site (the ID of its
     * directory record), so it never changes. The new name reaches every site with the store's directory record.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public void rename(long storeId, String name) {
        String n = name == null ? "" : name.strip();
        Text problem = nameProblem(n);
        if (problem != null) {
            throw new RuleViolation("name", problem);
        }
        Store store = em.find(Store.class, storeId);
        if (store == null) {
            throw new NotFound(Text.of("store.notFound.reload", storeId));
        }
        String before = store.getName();
        if (before.equals(n)) {
            return;
        }
        store.rename(n);
        StoreDirectory.publish(em, store);
        audit.record(AuditTrail.Action.STORE_RENAMED, "Store", store.getId(), store.label(), "name", before, n);
    }

    /**
     * What open-mSupply's sites see of the store: its mode ({@code store} or {@code dispensary}, the two open-mSupply
     * accepts) and whether it is disabled. Reaches every site with the store's directory record; audited.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public StoreSummary setMode(long storeId, String mode, boolean disabled) {
        Store.Mode newMode;
        try {
            newMode = Store.Mode.valueOf(String.valueOf(mode).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("mode", Text.of("store.mode.unknown", String.valueOf(mode)));
        }
        Store store = em.find(Store.class, storeId);
        if (store == null) {
            throw new NotFound(Text.of("store.notFound.reload", storeId));
        }
        String before = store.getMode().wire() + (store.isDisabled() ? ", disabled" : "");
        String after = newMode.wire() + (disabled ? ", disabled" : "");
        if (!before.equals(after)) {
            store.setMode(newMode, disabled);
            StoreDirectory.publish(em, store);
            audit.record(
                    AuditTrail.Action.STORE_MODE_SET, "Store", store.getId(), store.label(), "mode", before, after);
        }
        return summary(store, StoreRecords.count(em, storeId));
    }

    /**
     * Gives the store the identity a legacy mSupply central gave it: {@code id}, by which its sites' data names it
     * ({@code store_ID}), and {@code nameId}, its name record's ID (by which transfers name it); null or blank for
     * either: its own again. Each is no other store's (nor a code). The records of the old IDs are withdrawn from every
     * site and those of the new ones sent. Audited.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public StoreSummary setLegacyIdentity(long storeId, String id, String nameId) {
        String newId = blankToNull(id);
        String newNameId = blankToNull(nameId);
        List<Problem> problems = legacyIdentityProblems(em, storeId, newId, newNameId);
        if (!problems.isEmpty()) {
            throw new RuleViolation(problems);
        }
        Store store = em.find(Store.class, storeId);
        if (store == null) {
            throw new NotFound(Text.of("store.notFound.reload", storeId));
        }
        String beforeId = store.syncId();
        String beforeNameId = store.getNameId();
        store.takeLegacyIdentity(newId, newNameId);
        if (!beforeId.equals(store.syncId()) || !beforeNameId.equals(store.getNameId())) {
            em.flush();
            if (!beforeId.equals(store.syncId())) {
                StoreDirectory.withdraw(em, StoreDirectory.TABLE, beforeId);
            }
            if (!beforeNameId.equals(store.getNameId())) {
                StoreDirectory.withdraw(em, StoreDirectory.NAME_TABLE, beforeNameId);
            }
            StoreDirectory.publish(em, store);
            audit.record(
                    AuditTrail.Action.STORE_LEGACY_IDENTITY_SET,
                    "Store",
                    store.getId(),
                    store.label(),
                    "identity",
                    beforeId + " / " + beforeNameId,
                    store.syncId() + " / " + store.getNameId());
        }
        return summary(store, StoreRecords.count(em, storeId));
    }

    /**
     * What is wrong with a legacy identity for the store ({@code storeId} -1: a new one): an ID too long or with
     * spaces, or one another store has (as its code, legacy ID or name record's ID). Null IDs are not looked at.
     */
    public static List<Problem> legacyIdentityProblems(EntityManager em, long storeId, String id, String nameId) {
        List<Problem> problems = new ArrayList<>();
        if (id != null
                && (id.length() > Store.LEGACY_ID_MAX_LENGTH || id.chars().anyMatch(c -> c < 0x21))) {
            problems.add(new Problem("id", Text.of("store.legacy.id.length", Store.LEGACY_ID_MAX_LENGTH)));
        } else if (id != null) {
            List<?> taken = em.createNativeQuery(
                            "SELECT code FROM store st WHERE " + Store.namedBy("st", "?1") + " AND st.id <> ?2")
                    .setParameter(1, Store.codeKey(id))
                    .setParameter(2, storeId)
                    .getResultList();
            if (!taken.isEmpty()) {
                problems.add(new Problem("id", Text.of("store.legacy.id.taken", id, String.valueOf(taken.get(0)))));
            }
        }
        if (nameId != null
                && (nameId.length() > Store.LEGACY_ID_MAX_LENGTH
                        || nameId.chars().anyMatch(c -> c < 0x21))) {
            problems.add(new Problem("nameId", Text.of("store.legacy.id.length", Store.LEGACY_ID_MAX_LENGTH)));
        } else if (nameId != null) {
            List<?> taken = em.createNativeQuery("SELECT code FROM store WHERE name_id = ?1 AND id <> ?2")
                    .setParameter(1, nameId)
                    .setParameter(2, storeId)
                    .getResultList();
            if (!taken.isEmpty()) {
                problems.add(
                        new Problem("nameId", Text.of("store.legacy.id.taken", nameId, String.valueOf(taken.get(0)))));
            }
        }
        return problems;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What is wrong with a store code (stripped), or null. Whether another store has it is not looked at. */
    public static Text codeProblem(String code) {
        return code.isEmpty()
                        || code.length() > Store.CODE_MAX_LENGTH
                        || code.chars().anyMatch(c -> c < 0x20)
                ? Text.of("store.code.length", Store.CODE_MAX_LENGTH)
                : null;
    }

    /** What is wrong with a store name (stripped), or null. */
    public static Text nameProblem(String name) {
        return name.isEmpty()
                        || name.length() > Store.NAME_MAX_LENGTH
                        || name.chars().anyMatch(c -> c < 0x20)
                ? Text.of("store.name.length", Store.NAME_MAX_LENGTH)
                : null;
    }
}
