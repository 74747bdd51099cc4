package org.syncsites.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Text;
import org.syncsites.resync.ResyncRequests;
import org.syncsites.site.CentralSite;
import org.syncsites.site.Site;
import org.syncsites.site.SitesAhead;
import org.syncsites.site.SyncProgress;
import org.syncsites.store.Store;
import org.syncsites.synchistory.SyncSessions;
import org.syncsites.syncqueue.QueueCounters;
import org.syncsites.syncqueue.SiteQueue;
import org.syncsites.syncv5.Batch;
import org.syncsites.syncv5.ErrorCode;
import org.syncsites.syncv5.InitialisationStatus;
import org.syncsites.syncv5.OperationStatus;
import org.syncsites.syncv5.SiteInfo;
import org.syncsites.syncv5.SyncRecord;

/**
 * The central server's side of a v5 sync, for a site that {@link SiteSignIn} signed in: its state, its
 * initialisation, the central change log, its queue (pull and acknowledge) and its pushes.
 */
@Stateless
@PermitAll
public class SyncExchange {

    public static final int MAX_BATCH = 5000;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private CentralSite centralSite;

    @EJB
    private SitesAhead sitesAhead;

    @EJB
    private ResyncRequests resyncs;

    @EJB
    private PushIntegration integration;

    @EJB
    private SyncSessions sessions;

    @EJB
    private SyncProgress progress;

    @EJB
    private IntegrationProgress integrationProgress;

    /** The site's state: the first request of every sync cycle, so it begins a session of the sync history. */
    public SiteInfo state(AuthenticatedSite signedIn) {
        Site site = em.find(Site.class, signedIn.siteId());
        List<Site> omsCentral = em.createQuery("SELECT s FROM Site s WHERE s.omsCentral = TRUE", Site.class)
                .setMaxResults(1)
                .getResultList();
        String omsCentralUrl =
                omsCentral.isEmpty() ? "" : omsCentral.get(0).settings().serverUrl();
        // the truth: only the site an admin marked is the open-mSupply central; the others are told its URL
        // a site moved from a legacy central is known to its device by the identity that central gave it
        SiteInfo info = new SiteInfo(
                site.protocolId(),
                site.protocolSiteId(),
                site.getCode(),
                site.getName(),
                initialisationStatus(site),
                omsCentralUrl,
                site.isOmsCentral(),
                centralSite.get().protocolSiteId());
        sessions.started(signedIn.siteId(), signedIn.hardwareId(), signedIn.appVersion()); // last: see note()
        return info;
    }

    /**
     * idle; initialisation_in_progress while the site's initialisation still queues data; integration_in_progress
     * while what it pushed is being integrated.
     */
    public OperationStatus operationStatus(AuthenticatedSite signedIn) {
        try {
            return currentStatus(signedIn);
        } finally {
            note(signedIn, 0, 0, 0, false); // last, and also when the answer is a refusal: see note()
        }
    }

    /** {@link #operationStatus} as this server looks at it on the site's behalf, not a request of the site. */
    public OperationStatus currentStatus(AuthenticatedSite signedIn) {
        // in a site's request, the row its sign-in read in the same transaction: no statement of its own
        Site site = em.find(Site.class, signedIn.siteId());
        InitialisationStatus initialisation = initialisationStatus(site);
        if (initialisation == InitialisationStatus.STARTED) {
            return OperationStatus.INITIALISATION_IN_PROGRESS;
        }
        if (initialisation == InitialisationStatus.ERROR) {
            // not idle: the site would pull a half-filled queue and count itself initialised
            throw new SyncRefusal(
                    409, ErrorCode.INITIALISATION_FAILED, Text.of("sync.initialisationFailed", site.getName()));
        }
        if (site.getIntegrationRequestedAt() != null) {
            return OperationStatus.INTEGRATION_IN_PROGRESS;
        }
        // what went wrong is read only when something did
        IntegrationFailure failure =
                site.getIntegrationFailedAt() == null ? null : integration.lastFailure(signedIn.siteId());
        if (failure != null && failure.at() != null) {
            // an error, not a status: the protocol's statuses cannot say it, and the site must not think it arrived
            throw new SyncRefusal(409, ErrorCode.INTEGRATION_FAILED, failure.reason());
        }
        return OperationStatus.IDLE;
    }

    /**
     * Queues all data of the site's stores for it (the same resync machinery as a store addition) and marks
     * the site's initialisation started. Safe to repeat: records already queued are not queued again.
     *
     * @return the site's queue length now
     */
    public long initialise(AuthenticatedSite signedIn) {
        note(signedIn, 0, 0, 0, false);
        Site site = em.find(Site.class, signedIn.siteId());
        List<Store> stores = em.createQuery("SELECT st FROM Store st WHERE st.site = :site", Store.class)
                .setParameter("site", site)
                .getResultList();
        for (Store store : stores) {
            resyncs.request(site.getId(), store.getId(), "site " + site.getName());
        }
        progress.initialisationStarted(site.getId());
        return queueLength(site.getId());
    }

    /** Central change-log records after {@code cursor} (exclusive), in ascending order. Global master data only. */
    public Batch centralRecords(AuthenticatedSite signedIn, long cursor, int limit) {
        if (sitesAhead.checkCentralCursor(signedIn.siteId(), cursor)) {
            throw aheadOfCentral(signedIn);
        }
        Batch batch = centralRecords(cursor, limit);
        note(signedIn, batch.records().size(), 0, 0, false);
        return batch;
    }

    /** {@link #centralRecords(AuthenticatedSite, long, int)} as anybody reads them, not a request of a site. */
    public Batch centralRecords(long cursor, int limit) {
        Number max = (Number) em.createNativeQuery(
                        "SELECT COALESCE(MAX(change_serial), 0) FROM master_record " + "WHERE store_id IS NULL")
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT change_serial, table_name, record_id, deleted, data "
                        + "FROM master_record WHERE store_id IS NULL AND change_serial > ?1 ORDER BY change_serial")
                .setParameter(1, cursor)
                .setMaxResults(limit)
                .getResultList();
        return new Batch(max.longValue(), records(rows));
    }

    /**
     * The first {@code limit} entries of the site's queue, in order, with their records' current content. None: the
     * site pulled its whole queue, its sync succeeded.
     */
    public Batch queuedRecords(AuthenticatedSite signedIn, int limit) {
        // the site's row its sign-in read in this transaction: its queue's length and start cost no statement (a start
        // that an acknowledgement moved meanwhile only means entries sent again, as an unacknowledged pull does)
        Site site = em.find(Site.class, signedIn.siteId());
        Batch batch = new Batch(site.getQueueLength(), SiteQueue.first(em, site.getId(), site.getQueueStart(), limit));
        boolean complete = batch.records().isEmpty();
        if (complete && initialisationStatus(site) == InitialisationStatus.STARTED) {
            // an initialising site that pulled everything queued so far (its initialise was answered before its data
            // was all queued): an empty batch would end its initialisation with part of its data, so it is told to
            // wait, and its next sync polls site_status until the rest is queued
            throw new SyncRefusal(503, ErrorCode.INITIALISATION_IN_PROGRESS, Text.of("sync.initialisationInProgress"));
        }
        if (complete) {
            progress.synced(signedIn.siteId(), Instant.now());
        } else {
            // a lost count is harmless, the records' delivery is not at stake: no need to wait for the disk
            SqlDialect.of(em).commitWithoutWaitingForDisk(em);
        }
        note(signedIn, batch.records().size(), 0, 0, complete);
        return batch;
    }

    /**
     * The answer to a site ahead of this database ({@link SitesAhead}): 409, saying how to get back in step, never an
     * empty batch that would read as "nothing new".
     */
    private SyncRefusal aheadOfCentral(AuthenticatedSite signedIn) {
        return new SyncRefusal(
                409,
                ErrorCode.SITE_AHEAD_OF_CENTRAL,
                Text.of(
                        "sync.siteAheadOfCentral",
                        em.find(Site.class, signedIn.siteId()).getName()));
    }

    /** How many entries wait in the site's queue. */
    public long queueLength(AuthenticatedSite signedIn) {
        return queueLength(signedIn.siteId());
    }

    /** Removes exactly the acknowledged entries of the site's own queue. @return how many */
    public int acknowledge(AuthenticatedSite signedIn, Set<Long> syncOutIds) {
        if (syncOutIds.isEmpty()) {
            note(signedIn, 0, 0, 0, false);
            return 0;
        }
        // lost in a crash of the database, an acknowledgement only means the entries are sent again
        SqlDialect.of(em).commitWithoutWaitingForDisk(em);
        int removed = SiteQueue.remove(em, signedIn.siteId(), syncOutIds); // locks the site's row first (LockOrder)
        if (removed < syncOutIds.size()) {
            // IDs that are not here may be IDs this database never issued: the site is ahead of it (shown to admins),
            // or careless; either way the entries that are here are taken and nothing else is touched. An
            // acknowledgement of entries that are all here, the usual one, is never ahead and costs no look.
            sitesAhead.checkAcknowledged(signedIn.siteId(), Collections.max(syncOutIds));
        }
        note(signedIn, 0, removed, 0, false);
        return removed;
    }

    /**
     * Keeps what a remote site pushed ({@link PushReception}): every record, those that cannot be taken set aside with
     * the reason. The last request of a push ({@code last}: queueLength 0) starts the integration into the central
     * data, in the background; {@link #operationStatus} reports it until it is done.
     */
    public void push(AuthenticatedSite signedIn, List<SyncRecord> records, boolean last) {
        // the site's row first (LockOrder), as the integration of its earlier push locks it before sync_in
        LockOrder.sites(em, List.of(signedIn.siteId()));
        Site site = em.find(Site.class, signedIn.siteId());
        if (new PushReception(em, signedIn.siteId(), site.isOmsCentral()).keep(records)) {
            integrationProgress.recountSetAside(signedIn.siteId());
        }
        if (last) {
            integration.start(signedIn.siteId());
        }
        note(signedIn, 0, 0, records.size(), false);
    }

    /**
     * Notes the request in the site's session of the sync history. Every request's last statement: the session's row
     * stays locked until the commit, so that requests of one site made together wait for each other only that long.
     */
    private void note(AuthenticatedSite site, long pulled, long acknowledged, long pushed, boolean complete) {
        sessions.answered(site.siteId(), site.hardwareId(), site.appVersion(), pulled, acknowledged, pushed, complete);
    }

    /** Rows of (cursor, table name, record ID, deleted, data) as protocol records; deletes carry no data. */
    private static List<SyncRecord> records(List<Object[]> rows) {
        List<SyncRecord> records = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            records.add(SyncRecord.of(
                    ((Number) row[0]).longValue(),
                    (String) row[1],
                    (String) row[2],
                    Boolean.TRUE.equals(row[3]),
                    (String) row[4]));
        }
        return records;
    }

    private long queueLength(long siteId) {
        return QueueCounters.of(em, siteId);
    }

    /**
     * new until the site asks to initialise; then started until its store data is queued; then completed (kept), or
     * error while a resync of its initialisation has failed (until an admin retries it).
     */
    private InitialisationStatus initialisationStatus(Site site) {
        InitialisationStatus stored = InitialisationStatus.parse(site.getInitialisationStatus());
        if (stored != InitialisationStatus.STARTED) {
            return stored;
        }
        List<?> states = em.createQuery("SELECT DISTINCT j.state FROM ResyncJob j WHERE j.siteId = :site AND "
                        + "j.id IN (SELECT MAX(k.id) FROM ResyncJob k WHERE k.siteId = :site GROUP BY k.storeId)")
                .setParameter("site", site.getId())
                .getResultList();
        if (states.stream().anyMatch(s -> s.toString().equals("FAILED"))) {
            return InitialisationStatus.ERROR;
        }
        if (states.stream()
                .anyMatch(s -> s.toString().equals("REQUESTED") || s.toString().equals("RUNNING"))) {
            return InitialisationStatus.STARTED;
        }
        progress.initialisationCompleted(site.getId());
        return InitialisationStatus.COMPLETED;
    }
}
