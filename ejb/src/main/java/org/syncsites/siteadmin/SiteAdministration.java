package org.syncsites.siteadmin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditTrail.Action;
import org.syncsites.networkhealth.HealthSettings;
import org.syncsites.networkhealth.NetworkHealth;
import org.syncsites.networkhealth.SiteState;
import org.syncsites.platform.EditConflict;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.resync.ResyncRequests;
import org.syncsites.security.Roles;
import org.syncsites.site.CentralSite;
import org.syncsites.site.SignInGuard;
import org.syncsites.site.Site;
import org.syncsites.site.SiteRules;
import org.syncsites.site.SiteSettings;
import org.syncsites.store.Store;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreDirectory;
import org.syncsites.syncqueue.QueueCounters;
import org.syncsites.syncqueue.SiteQueue;

/**
 * The network's sites as admins list and edit them, one JTA transaction per method: the site list, a site's
 * details, and its change set (create, edit with store additions and removals, all or nothing, with warnings first),
 * delete, a new password, the open-mSupply central's mark. What admins do with a site's device
 * ({@link SiteDevices}), its sync ({@link SiteSyncControl}) and its alerts ({@link SiteAlertMutes}) has beans of its
 * own. Every signed-in user may read; only holders of "Edit sync settings" may change anything.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SiteAdministration {

    /** The most stores one question for warnings may name ({@link #warningsFor}). */
    public static final int MOST_STORES_WARNED_OF = 1_000;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @EJB
    private AuditTrail audit;

    @EJB
    private SignInGuard guard;

    @EJB
    private CentralSite centralSite;

    @EJB
    private StoreAdministration stores;

    @EJB
    private ResyncRequests resyncs;

    @EJB
    private NetworkHealth health;

    // ---------------------------------------------------------------- reading

    /** A page of the site list, all sites. */
    public ListPage<SiteSummary> list(String filter, int offset, int limit) {
        return list(filter, null, offset, limit);
    }

    /**
     * A page of the site list, the central site first, then by name. {@code filter} matches the ID, or part of
     * the code or name, ignoring case; {@code state}, when not null, keeps only the remote sites in that state.
     */
    public ListPage<SiteSummary> list(String filter, SiteState state, int offset, int limit) {
        return list(filter, state, SiteOrder.NAME, false, offset, limit);
    }

    /** A page of the site list as {@link #list(String, SiteState, int, int)}, sorted in {@code order}. */
    public ListPage<SiteSummary> list(
            String filter, SiteState state, SiteOrder order, boolean descending, int offset, int limit) {
        return list(new SiteSelection(filter, state, ""), order, descending, offset, limit);
    }

    /** A page of the sites of {@code selection}, the central site first, then sorted in {@code order}. */
    public ListPage<SiteSummary> list(
            SiteSelection selection, SiteOrder order, boolean descending, int offset, int limit) {
        HealthSettings.Thresholds thresholds = health.thresholds();
        String where = selection.where();
        String orderBy = order.orderBy(descending); // by name ascending: the order of index site_list_order
        // the page's sites first, in index order, then their summaries: counting the stores of every site skipped
        // on the way to offset 90,000 took a third of a second
        TypedQuery<Long> pageIds = em.createQuery("SELECT s.id FROM Site s" + where + orderBy, Long.class);
        TypedQuery<Long> matching = em.createQuery("SELECT COUNT(s) FROM Site s" + where, Long.class);
        for (TypedQuery<?> query : List.of(pageIds, matching)) {
            selection.bind(query, where, thresholds);
        }
        List<Long> ids = pageIds.setFirstResult(Math.max(0, offset))
                .setMaxResults(Math.max(1, limit))
                .getResultList();
        List<SiteSummary> page = ids.isEmpty()
                ? List.of()
                : em
                        .createQuery(
                                "SELECT new org.syncsites.siteadmin."
                                        + "SiteSummary(s.id, s.code, s.name, s.type, s.central, (SELECT COUNT(st) FROM Store st WHERE "
                                        + "st.site = s), s.blocked, CASE WHEN s.hardwareId IS NULL THEN FALSE ELSE TRUE END, "
                                        + "s.lastSuccessfulSyncAt, s.queueLength, s.activeOnDatafile, CASE WHEN s.integrationFailedAt IS NOT "
                                        + "NULL OR s.integrationSetAside > 0 THEN TRUE ELSE FALSE END, s.syncPausedAt) FROM Site s WHERE s.id IN :ids"
                                        + orderBy,
                                SiteSummary.class)
                        .setParameter("ids", ids)
                        .getResultList()
                        .stream()
                        .map(summary -> summary.aged(thresholds))
                        .toList();
        long total = where.isEmpty()
                ? -1
                : em.createQuery("SELECT COUNT(s) FROM Site s", Long.class).getSingleResult();
        long matched = matching.getSingleResult();
        return new ListPage<>(page, matched, total < 0 ? matched : total);
    }

    public SiteDetails get(long siteId) {
        return details(find(siteId));
    }

    /** What an admin should know before applying {@code changes}; nothing is written. */
    public List<SiteWarning> warningsFor(SiteChangeSet changes) {
        if (changes.storesToAdd().size() + changes.storesToRemove().size() > MOST_STORES_WARNED_OF) {
            // each store is read: a viewer may ask, so what one question costs is bounded
            throw new RuleViolation("storesToAdd", Text.of("site.warning.tooManyStores", MOST_STORES_WARNED_OF));
        }
        List<SiteWarning> warnings = new ArrayList<>();
        if (!changes.isNewSite()) {
            Site site = find(changes.siteId());
            String newName = changes.requiredSettings().trimmed().name();
            if (site.inUse() && !newName.equals(site.getName())) {
                warnings.add(new SiteWarning(
                        SiteWarning.Kind.RENAMING_SITE_IN_USE,
                        Text.of("site.warning.rename", site.getName(), lastSynced(site), newName)));
            }
            if (site.inUse() && changes.newPassword() != null) {
                warnings.add(new SiteWarning(
                        SiteWarning.Kind.PASSWORD_OF_SITE_IN_USE,
                        Text.of("site.warning.password", site.getName(), lastSynced(site))));
            }
            for (Long storeId : changes.storesToRemove()) {
                Store store = em.find(Store.class, storeId);
                if (store != null && site.inUse()) {
                    warnings.add(storeLeavesSiteInUse(store, site));
                }
            }
        }
        for (Long storeId : changes.storesToAdd()) {
            Store store = em.find(Store.class, storeId);
            if (store != null
                    && store.getSite().inUse()
                    && !store.getSite().getId().equals(changes.siteId())) {
                warnings.add(storeLeavesSiteInUse(store, store.getSite()));
            }
        }
        return warnings;
    }

    // ---------------------------------------------------------------- changing

    /** Creates a site, with the stores the admin added in the new-site window. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails create(SiteChangeSet changes) {
        return create(changes, false);
    }

    /**
     * Creates one site of a file of many ({@link SiteImport}): as {@link #create}, but its password is stored with
     * a quick hash until the site first signs in ({@link Site#storedPassword}), so that thousands of sites do not
     * wait for thousands of bcrypt hashes.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails createInBulk(SiteChangeSet changes) {
        return create(changes, true);
    }

    private SiteDetails create(SiteChangeSet changes, boolean inBulk) {
        if (!changes.isNewSite()) {
            throw new IllegalArgumentException("create() takes a change set for a new site");
        }
        SiteSettings settings = changes.requiredSettings().trimmed();
        SiteRules.requireValid(settings);
        requireUniqueName(settings.name(), null);
        Text passwordProblem = SiteRules.passwordProblem(changes.newPassword());
        if (passwordProblem != null) {
            throw new RuleViolation("password", passwordProblem);
        }
        lockSitesLosingStores(changes);
        Site site = new Site(settings, false, Instant.now(), Site.storedPassword(changes.newPassword(), inBulk));
        em.persist(site);
        em.flush();
        audit.record(Action.SITE_CREATED, "Site", site.getId(), site.label(), null, null, null);
        applyStoreChanges(site, changes);
        return details(site);
    }

    /**
     * Applies everything the admin changed in the site window in one transaction: values, password, store
     * additions and removals. Refused as a whole, with nothing saved, if any rule is broken or if somebody
     * else saved the site since the window was opened.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails update(SiteChangeSet changes) {
        return update(changes, false);
    }

    /** Updates one site of a file of many: as {@link #update}, a new password stored as by {@link #createInBulk}. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails updateInBulk(SiteChangeSet changes) {
        return update(changes, true);
    }

    private SiteDetails update(SiteChangeSet changes, boolean inBulk) {
        if (changes.isNewSite()) {
            throw new IllegalArgumentException("update() takes a change set for an existing site");
        }
        lockSitesLosingStores(changes);
        Site site = findForChange(changes.siteId(), changes.expectedVersion());
        SiteSettings settings = changes.requiredSettings().trimmed();
        SiteRules.requireValid(settings);
        requireUniqueName(settings.name(), site.getId());
        SiteSettings before = site.settings();
        site.apply(settings);
        auditSettings(site, before, settings);
        if (changes.newPassword() != null) {
            changePassword(site, changes.newPassword(), inBulk);
        }
        applyStoreChanges(site, changes);
        em.flush();
        return details(site);
    }

    /** mSupply's rule: a site may be deleted only with no stores, and not while it is this datafile's active site. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public void delete(long siteId) {
        Site site = em.find(Site.class, siteId, LockModeType.PESSIMISTIC_WRITE);
        if (site == null) {
            throw new NotFound(Text.of("site.notFound", siteId));
        }
        if (site.isCentral()) {
            throw new RuleViolation(Text.of("site.delete.central", site.getName()));
        }
        if (site.isActiveOnDatafile()) {
            throw new RuleViolation(Text.of("site.delete.activeOnDatafile", site.getName()));
        }
        long storeCount = storeCount(site);
        if (storeCount > 0) {
            throw new RuleViolation(Text.of("site.delete.hasStores", site.getName(), storeCount));
        }
        SiteQueue.forgetSite(em, siteId);
        em.createQuery("DELETE FROM ResyncJob j WHERE j.siteId = :site")
                .setParameter("site", siteId)
                .executeUpdate();
        audit.record(Action.SITE_DELETED, "Site", siteId, site.label(), null, null, null);
        em.remove(site);
    }

    /**
     * Marks the site as the network's open-mSupply central server (sync v6), or clears the mark. At most one site
     * holds it: marking one clears any other. Its server URL is what every other site is told
     * ({@code GET /sync/v5/site}), so it needs one.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails setOmsCentral(long siteId, boolean omsCentral) {
        Site central = centralSite.get();
        // two admins marking two sites at once: the second waits here, then clears the first one's mark
        LockOrder.sites(em, List.of(central.getId(), siteId));
        Site site = find(siteId);
        em.refresh(site);
        if (site.isCentral()) {
            throw new RuleViolation("omsCentral", Text.of("site.omsCentral.ownSite", site.getName()));
        }
        if (omsCentral && site.settings().serverUrl().isBlank()) {
            throw new RuleViolation("serverUrl", Text.of("site.omsCentral.noUrl", site.getName()));
        }
        if (omsCentral) {
            for (Site other : em.createQuery(
                            "SELECT s FROM Site s WHERE s.omsCentral = TRUE AND s.id <> :id", Site.class)
                    .setParameter("id", siteId)
                    .getResultList()) {
                other.markOmsCentral(false);
                audit.record(
                        Action.OMS_CENTRAL_SET, "Site", other.getId(), other.label(), "omsCentral", "true", "false");
            }
        }
        if (site.isOmsCentral() != omsCentral) {
            audit.record(
                    Action.OMS_CENTRAL_SET,
                    "Site",
                    siteId,
                    site.label(),
                    "omsCentral",
                    Boolean.toString(site.isOmsCentral()),
                    Boolean.toString(omsCentral));
            site.markOmsCentral(omsCentral);
        }
        em.flush();
        return details(site);
    }

    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails setPassword(long siteId, String newPassword) {
        Site site = find(siteId);
        changePassword(site, newPassword, false);
        return details(site);
    }

    // ---------------------------------------------------------------- rules

    private void applyStoreChanges(Site site, SiteChangeSet changes) {
        Set<Long> both = new HashSet<>(changes.storesToAdd());
        both.retainAll(changes.storesToRemove());
        if (!both.isEmpty()) {
            throw new RuleViolation("stores", Text.of("site.stores.addAndRemove"));
        }
        Site central = centralSite.get();
        for (Long storeId : changes.storesToRemove()) {
            Store store = findStore(storeId);
            if (!store.getSite().getId().equals(site.getId())) {
                throw new RuleViolation("stores", Text.of("site.stores.movedMeanwhile", store.label(), site.getName()));
            }
            if (site.isCentral()) {
                throw new RuleViolation("stores", Text.of("site.stores.onCentral", store.label()));
            }
            moveStore(store, central);
        }
        List<Store> added = new ArrayList<>();
        for (Long storeId : changes.storesToAdd()) {
            Store store = findStore(storeId);
            if (!store.getSite().getId().equals(site.getId())) {
                moveStore(store, site);
                added.add(store);
            }
        }
        requireStoreCapacity(site);
        if (!site.isCentral()) {
            String actor = caller.getCallerPrincipal().getName();
            for (Store store : added) {
                resyncs.request(site.getId(), store.getId(), actor);
            }
        }
    }

    /**
     * Locks the site and every site a store of the change set leaves (in {@link LockOrder}), before anything else:
     * a store's records must not be queued for a site it is leaving while it leaves.
     */
    private void lockSitesLosingStores(SiteChangeSet changes) {
        Set<Long> involved = new HashSet<>();
        if (!changes.isNewSite()) {
            involved.add(changes.siteId());
        }
        for (Long storeId : changes.storesToAdd()) {
            List<?> from = em.createNativeQuery("SELECT site_id FROM store WHERE id = ?1")
                    .setParameter(1, storeId)
                    .getResultList();
            from.forEach(id -> involved.add(((Number) id).longValue()));
        }
        LockOrder.sites(em, involved);
    }

    private void requireStoreCapacity(Site site) {
        em.flush();
        Text problem = SiteRules.storeCapacityProblem(site.getType(), site.getName(), storeCount(site));
        if (problem != null) {
            throw new RuleViolation("stores", problem);
        }
    }

    /**
     * Moves the store, and makes sure its old site is sent nothing more of it: its resync of the store stops and
     * what of the store still waits in its queue is dropped, in this transaction. (What the old site pushed for
     * the store before the move is still integrated, and queued for the store's new site; see PushIntegration.)
     */
    private void moveStore(Store store, Site to) {
        Site from = store.getSite();
        store.moveTo(to);
        StoreDirectory.publish(em, store);
        if (!from.isCentral()) {
            resyncs.cancel(from.getId(), store.getId());
            SiteQueue.forgetStore(em, from.getId(), store.getId());
        }
        audit.record(Action.STORE_MOVED, "Store", store.getId(), store.label(), "site", from.getName(), to.getName());
    }

    /** A saved site's password is set by the owner of the sign-in columns (a new site's is saved with it). */
    private void setPassword(Site site, String password, boolean inBulk) {
        em.flush(); // the admin's other changes first: the password's write moves the version on
        guard.setPassword(site.getId(), Site.storedPassword(password, inBulk));
        em.refresh(site);
    }

    private void changePassword(Site site, String newPassword, boolean inBulk) {
        Text problem = SiteRules.passwordProblem(newPassword);
        if (problem != null) {
            throw new RuleViolation("password", problem);
        }
        setPassword(site, newPassword, inBulk);
        audit.record(Action.SITE_PASSWORD_SET, "Site", site.getId(), site.label(), "password", null, null);
    }

    private void auditSettings(Site site, SiteSettings before, SiteSettings after) {
        String label = site.label();
        Long id = site.getId();
        audit.recordChange(Action.SITE_UPDATED, "Site", id, label, "code", before.code(), after.code());
        audit.recordChange(Action.SITE_UPDATED, "Site", id, label, "name", before.name(), after.name());
        audit.recordChange(
                Action.SITE_UPDATED,
                "Site",
                id,
                label,
                "activeOnDatafile",
                before.activeOnDatafile(),
                after.activeOnDatafile());
        audit.recordChange(
                Action.SITE_UPDATED,
                "Site",
                id,
                label,
                "alternativeHttpClient",
                before.alternativeHttpClient(),
                after.alternativeHttpClient());
        audit.recordChange(
                Action.SITE_UPDATED,
                "Site",
                id,
                label,
                "syncIntervalMinutes",
                before.syncIntervalMinutes(),
                after.syncIntervalMinutes());
        audit.recordChange(
                Action.SITE_UPDATED,
                "Site",
                id,
                label,
                "syncRequestSize",
                before.syncRequestSize(),
                after.syncRequestSize());
        audit.recordChange(Action.SITE_UPDATED, "Site", id, label, "serverUrl", before.serverUrl(), after.serverUrl());
    }

    private void requireUniqueName(String name, Long exceptSiteId) {
        List<Site> same = em.createQuery("SELECT s FROM Site s WHERE s.nameKey = :key", Site.class)
                .setParameter("key", Site.nameKey(name))
                .getResultList();
        if (same.stream().anyMatch(s -> !s.getId().equals(exceptSiteId))) {
            throw new RuleViolation(
                    "name", Text.of("site.name.taken", same.get(0).getName()));
        }
    }

    /**
     * The site, if nobody saved it since the admin opened it (version {@code expectedVersion}). Its version is
     * raised at once, under a row lock, so that of two admins saving the same site together, the second waits
     * for the first and then gets the conflict, even when the first only moved stores.
     */
    private Site findForChange(long siteId, long expectedVersion) {
        Site site = find(siteId);
        if (site.getVersion() != expectedVersion) {
            throw conflict(site);
        }
        try {
            em.lock(site, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        } catch (OptimisticLockException e) {
            throw conflict(site);
        }
        return site;
    }

    private static EditConflict conflict(Site site) {
        return new EditConflict(Text.of("site.editConflict", site.getName()));
    }

    private Site find(long siteId) {
        return SiteLookup.find(em, siteId);
    }

    private Store findStore(long storeId) {
        Store store = em.find(Store.class, storeId);
        if (store == null) {
            throw new NotFound(Text.of("store.notFound.reload", storeId));
        }
        return store;
    }

    private long storeCount(Site site) {
        return em.createQuery("SELECT COUNT(st) FROM Store st WHERE st.site = :site", Long.class)
                .setParameter("site", site)
                .getSingleResult();
    }

    private SiteWarning storeLeavesSiteInUse(Store store, Site from) {
        long unsent = SiteQueue.waiting(em, from.getId(), store.getId());
        return new SiteWarning(
                SiteWarning.Kind.STORE_LEAVES_SITE_IN_USE,
                Text.of("site.warning.storeLeaves", store.label(), from.getName(), lastSynced(from), unsent));
    }

    /** How recently a site in use synced, said inside the warning that names it. */
    private static Text lastSynced(Site site) {
        if (site.getLastSuccessfulSyncAt() != null) {
            return Text.of("site.lastSynced", site.getLastSuccessfulSyncAt());
        }
        if (site.getLastConnectionAt() != null) {
            return Text.of("site.lastConnected", site.getLastConnectionAt());
        }
        return Text.of("site.deviceBound");
    }

    private SiteDetails details(Site site) {
        Instant now = Instant.now();
        return new SiteDetails(
                site.getId(),
                site.settings(),
                site.hasPassword(),
                site.getHardwareId(),
                site.getType(),
                site.isCentral(),
                site.isBlocked(),
                site.getFailedLoginCount(),
                site.getAppVersion(),
                site.getFirstConnectionAt(),
                site.getLastConnectionAt(),
                site.getLastSuccessfulSyncAt(),
                QueueCounters.of(em, site.getId()),
                stores.onSite(site.getId()),
                site.getVersion(),
                site.isOmsCentral(),
                site.getSyncPausedAt(),
                site.getSyncPausedBy(),
                site.alertsMutedUntil(now),
                site.alertsMutedBy(now));
    }
}
