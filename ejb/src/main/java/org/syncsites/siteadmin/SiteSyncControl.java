package org.syncsites.siteadmin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditTrail.Action;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.resync.InitialisationPreview;
import org.syncsites.resync.ResyncJob;
import org.syncsites.resync.ResyncRequests;
import org.syncsites.resync.ResyncState;
import org.syncsites.security.Roles;
import org.syncsites.site.SignInGuard;
import org.syncsites.site.Site;
import org.syncsites.site.SitesAhead;
import org.syncsites.site.SyncProgress;
import org.syncsites.store.Store;
import org.syncsites.syncqueue.QueueCounters;
import org.syncsites.syncqueue.QueuedGroup;
import org.syncsites.syncqueue.SiteQueue;

/**
 * A site's sync as admins steer it: pausing and resuming it, starting the site over (re-initialise), retrying a
 * failed resync, and reading what waits in its queue. One JTA transaction per action, audited; every signed-in user
 * may read, only holders of "Edit sync settings" act.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SiteSyncControl {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @EJB
    private AuditTrail audit;

    @EJB
    private SignInGuard guard;

    @EJB
    private SitesAhead sitesAhead;

    @EJB
    private SyncProgress progress;

    @EJB
    private SiteAdministration sites;

    @EJB
    private ResyncRequests resyncs;

    @EJB
    private InitialisationPreview preview;

    /** The number of entries in the site's outgoing queue now. */
    public long queueLength(long siteId) {
        return QueueCounters.of(em, siteId);
    }

    /**
     * Pauses the site's sync: its device is refused ({@code site_sync_paused}) until {@link #resumeSync}; nothing
     * queued for it is lost, and stores added meanwhile are queued as usual.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails pauseSync(long siteId) {
        Site site = SiteLookup.find(em, siteId);
        if (site.isCentral()) {
            throw new RuleViolation(Text.of("site.pause.central"));
        }
        if (!site.isSyncPaused()) {
            audit.record(Action.SITE_SYNC_PAUSED, "Site", siteId, site.label(), "syncPaused", "false", "true");
            site.pauseSync(Instant.now(), caller.getCallerPrincipal().getName());
        }
        return sites.get(siteId);
    }

    /** Lets a paused site sync again, from where it stopped. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails resumeSync(long siteId) {
        Site site = SiteLookup.find(em, siteId);
        if (site.isSyncPaused()) {
            audit.record(Action.SITE_SYNC_RESUMED, "Site", siteId, site.label(), "syncPaused", "true", "false");
            site.resumeSync();
        }
        return sites.get(siteId);
    }

    /**
     * Starts the site over, for a replaced or wiped device: the hardware ID is cleared (the next device to sign in
     * becomes the site's), everything waiting in its queue is dropped, its initialisation is back to new, and all
     * data of its stores is queued again, so that the device receives everything once. What the old device pushed
     * and is not integrated yet is kept and integrated. @return the site, its stores' data being queued
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public SiteDetails reinitialise(long siteId) {
        Site site = SiteLookup.find(em, siteId);
        if (site.isCentral()) {
            throw new RuleViolation(Text.of("site.reinitialise.central"));
        }
        LockOrder.sites(em, List.of(siteId));
        List<Long> storeIds = em.createQuery(
                        "SELECT st.id FROM Store st WHERE st.site.id = :site ORDER BY st.id", Long.class)
                .setParameter("site", siteId)
                .getResultList();
        // a chunk being queued holds its job: cancelling waits for it, so that clearing the queue drops its entries too
        storeIds.forEach(storeId -> resyncs.cancel(siteId, storeId));
        int dropped = SiteQueue.clear(em, siteId);
        sitesAhead.forget(siteId);
        audit.record(
                Action.SITE_REINITIALISED,
                "Site",
                siteId,
                site.label(),
                "queue",
                Integer.toString(dropped),
                "0, " + storeIds.size() + " stores queued again");
        if (site.getHardwareId() != null) {
            audit.record(
                    Action.HARDWARE_ID_RESET, "Site", siteId, site.label(), "hardwareId", site.getHardwareId(), null);
            guard.resetDevice(siteId);
        }
        progress.restartInitialisation(siteId);
        String by = caller.getCallerPrincipal().getName();
        storeIds.forEach(storeId -> resyncs.request(siteId, storeId, by));
        em.flush();
        em.refresh(site);
        return sites.get(siteId);
    }

    /**
     * Runs again a resync of the site that failed (its messages ended in the dead-letter queue): a new job for the
     * same store, which queues what the failed one did not (what is queued already is skipped).
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public ResyncJob retryResync(long siteId, long jobId) {
        Site site = SiteLookup.find(em, siteId);
        ResyncJob failed = em.find(ResyncJob.class, jobId);
        if (failed == null || failed.getSiteId() != siteId) {
            throw new NotFound(Text.of("site.resync.notFound", jobId, site.getName()));
        }
        if (failed.getState() != ResyncState.FAILED) {
            throw new RuleViolation(Text.of("site.resync.notFailed", jobId));
        }
        Store store = em.find(Store.class, failed.getStoreId());
        if (store == null || store.getSite() == null || !store.getSite().getId().equals(siteId)) {
            throw new RuleViolation(Text.of("site.resync.storeLeft", jobId, site.getName()));
        }
        audit.record(
                Action.RESYNC_RETRIED, "Site", siteId, site.label(), "resyncJob", Long.toString(jobId), store.label());
        return resyncs.request(
                siteId, store.getId(), caller.getCallerPrincipal().getName());
    }

    /** What waits for the site, per store and table, with the oldest entry's time. */
    public List<QueuedGroup> queueContents(long siteId) {
        SiteLookup.find(em, siteId);
        return SiteQueue.contents(em, siteId);
    }

    /**
     * What the site downloads when a device initialises it now (its stores, the patients they see, the central data),
     * or, with {@code addingStores}, what adding those stores makes it download; timed at 2G, 3G and
     * {@code chosenKbps} (0: none). Stores already on the site are left out of {@code addingStores}.
     */
    public InitialisationPreview.Preview initialisationPreview(
            long siteId, Collection<Long> addingStores, int chosenKbps) {
        Site site = SiteLookup.find(em, siteId);
        List<Store> onSite = em.createQuery(
                        "SELECT st FROM Store st WHERE st.site.id = :site ORDER BY st.code", Store.class)
                .setParameter("site", siteId)
                .getResultList();
        if (addingStores.isEmpty()) {
            return preview.of(onSite, List.of(), true, site.settings().syncRequestSize(), chosenKbps);
        }
        List<Long> kept = onSite.stream().map(Store::getId).toList();
        List<Store> added = new ArrayList<>();
        for (long storeId : new TreeSet<>(addingStores)) {
            Store store = em.find(Store.class, storeId);
            if (store == null) {
                throw new NotFound(Text.of("store.notFound.reload", storeId));
            }
            if (!kept.contains(storeId)) {
                added.add(store);
            }
        }
        return preview.of(added, kept, false, site.settings().syncRequestSize(), chosenKbps);
    }
}
