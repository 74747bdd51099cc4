package org.syncsites.it.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.demo.data.DemoData;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.TestData;
import org.syncsites.resync.ResyncMonitor;
import org.syncsites.resync.ResyncProgress;
import org.syncsites.resync.ResyncState;
import org.syncsites.site.SiteSettings;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.siteadmin.SiteDetails;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreSummary;
import org.syncsites.sync.AuthenticatedSite;
import org.syncsites.sync.SyncExchange;
import org.syncsites.syncv5.Batch;
import org.syncsites.syncv5.SyncRecord;

/**
 * Which records reach which site, and in what order: the central change log in commit order, a store's data only
 * to the site that holds it now, and the store's own central data along with it.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-server")
class ChangeRoutingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Deployment
    static EnterpriseArchive application() {
        return Deployments.applicationWithTests(ChangeRoutingIT.class);
    }

    @EJB
    private SiteAdministration sites;

    @EJB
    private StoreAdministration stores;

    @EJB
    private DemoData demoData;

    @EJB
    private ResyncMonitor monitor;

    @EJB
    private SyncExchange exchange;

    @Resource(lookup = "java:jboss/datasources/SyncSitesDS")
    private DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    /** Threads with the server's context (security domain, naming), for the concurrent writers. */
    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService threads;

    private TestData data;

    @BeforeEach
    void setUp() {
        data = new TestData(dataSource);
    }

    /**
     * T1 takes its serial, T2 takes the next one and commits first, a site pulls between the two commits: it
     * must still receive T1's record afterwards (it would not if its cursor had moved past T1's serial).
     */
    @Test
    void aChangeTakenFirstButCommittedLastIsStillHandedOutToASiteThatPulledInBetween() throws Exception {
        long cursor = lastSerial();
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch mayCommitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(
                () -> inTransaction(() -> {
                    As.admin(() -> demoData.generateGlobalMasterRecords(1));
                    firstWritten.countDown();
                    assertTrue(mayCommitFirst.await(60, TimeUnit.SECONDS));
                }),
                threads);
        assertTrue(firstWritten.await(30, TimeUnit.SECONDS), "the first writer wrote");
        CompletableFuture<Void> second = CompletableFuture.runAsync(
                () -> inTransaction(() -> As.admin(() -> demoData.generateGlobalMasterRecords(1))), threads);
        try {
            second.get(3, TimeUnit.SECONDS); // commits first, unless it waits for the first writer
        } catch (TimeoutException waitsForTheFirst) {
            // as it should: serials are taken in commit order
        }
        List<SyncRecord> pulled =
                new ArrayList<>(exchange.centralRecords(cursor, 5000).records());
        long cursorBetween = pulled.isEmpty()
                ? cursor
                : Long.parseLong(pulled.get(pulled.size() - 1).cursor());
        mayCommitFirst.countDown();
        first.get(60, TimeUnit.SECONDS);
        second.get(60, TimeUnit.SECONDS);
        pulled.addAll(exchange.centralRecords(cursorBetween, 5000).records());

        assertEquals(
                2,
                pulled.stream().filter(r -> r.tableName().equals("item")).count(),
                "both items reach the site: " + pulled);
        assertEquals(
                pulled.size(),
                pulled.stream().map(SyncRecord::cursor).distinct().count(),
                "each once");
    }

    /** Several writers and a site pulling in a loop: what it pulled equals a fresh pull from the same start. */
    @Test
    void underConcurrentWritersAPullingSiteMissesNothing() throws Exception {
        long start = lastSerial();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            writers.add(CompletableFuture.runAsync(
                    () -> {
                        for (int i = 0; i < 25; i++) {
                            int count = 1 + i % 3;
                            As.admin(() -> demoData.generateGlobalMasterRecords(count));
                        }
                    },
                    threads));
        }
        List<SyncRecord> pulled = new ArrayList<>();
        long cursor = start;
        CompletableFuture<Void> all = CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new));
        while (true) {
            boolean writersDone = all.isDone();
            Batch batch = exchange.centralRecords(cursor, 7);
            pulled.addAll(batch.records());
            if (!batch.records().isEmpty()) {
                cursor = Long.parseLong(
                        batch.records().get(batch.records().size() - 1).cursor());
            } else if (writersDone) {
                break;
            }
        }
        all.get();
        List<SyncRecord> fresh = exchange.centralRecords(start, 5000).records();
        assertEquals(
                fresh.stream().map(SyncRecord::recordId).sorted().toList(),
                pulled.stream().map(SyncRecord::recordId).sorted().toList(),
                "pulled in a loop = pulled afresh");
        assertEquals(4 * (9 * 1 + 8 * 2 + 8 * 3), fresh.size());
    }

    /** Seen on PostgreSQL: a store of 30,000 records added to A and moved to B a moment later reached A whole. */
    @Test
    void aStoreMovedAwayWhileItsDataIsBeingQueuedIsNeverSentToItsOldSite() {
        StoreSummary store = storeWithRecords(30_000);
        SiteDetails a = As.admin(
                () -> sites.create(SiteChangeSet.newSite(settings("Old"), "sync-password-1", List.of(store.id()))));
        SiteDetails b = As.admin(
                () -> sites.create(SiteChangeSet.newSite(settings("New"), "sync-password-1", List.of(store.id()))));
        awaitNoRunningJob(b.id());
        As.admin(() -> demoData.generateStoreRecords(store.id(), 100));
        As.admin(() -> demoData.generateStoreSpecificMasterRecords(store.id(), 3));

        assertEquals(
                0,
                data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", a.id()),
                "nothing of the store waits for its old site");
        assertEquals(0, data.count("SELECT queue_length FROM site WHERE id = ?", a.id()));
        assertTrue(exchange.queuedRecords(new AuthenticatedSite(a.id(), "a", "device-a", "2.20.0"), 5000)
                .records()
                .isEmpty());
        assertEquals(
                0,
                data.count(
                        "SELECT COUNT(*) FROM resync_job WHERE site_id = ? AND state IN " + "('REQUESTED', 'RUNNING')",
                        a.id()),
                "the old site's resync stopped");
        assertEquals(
                30_103,
                data.count("SELECT COUNT(DISTINCT record_id) FROM sync_queue WHERE site_id = ?", b.id()),
                "the new site gets every record once");
        assertEquals(30_103, data.count("SELECT queue_length FROM site WHERE id = ?", b.id()));
    }

    @Test
    void storeSpecificCentralRecordsOfAStoreOnARemoteSiteAreQueuedForThatSite() {
        StoreSummary store = storeWithRecords(10);
        SiteDetails site = As.admin(
                () -> sites.create(SiteChangeSet.newSite(settings("Pref"), "sync-password-1", List.of(store.id()))));
        awaitNoRunningJob(site.id());
        assertEquals(10, data.count("SELECT queue_length FROM site WHERE id = ?", site.id()));
        As.admin(() -> demoData.generateStoreSpecificMasterRecords(store.id(), 4));
        assertEquals(
                4, data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ? AND source = 'master'", site.id()));
        assertEquals(14, data.count("SELECT queue_length FROM site WHERE id = ?", site.id()));
    }

    // ------------------------------------------------------------------ helpers

    private long lastSerial() {
        return data.count("SELECT COALESCE(MAX(change_serial), 0) FROM master_record");
    }

    private void inTransaction(As.ThrowingRunnable work) {
        try {
            transaction.begin();
            try {
                work.run();
                transaction.commit();
            } catch (Exception | AssertionError e) {
                transaction.rollback();
                throw e;
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private StoreSummary storeWithRecords(int count) {
        String code = TestData.unique("MV");
        StoreSummary store = As.admin(() -> stores.create(code, "Routing " + code));
        As.admin(() -> demoData.generateStoreRecords(store.id(), count));
        return store;
    }

    private void awaitNoRunningJob(long siteId) {
        Eventually.await(
                "the resyncs of site " + siteId + " to end",
                PATIENCE,
                () -> As.admin(() -> monitor.ofSite(siteId, 5)),
                jobs -> !jobs.isEmpty() && jobs.stream().allMatch(j -> j.state().finished()));
        for (ResyncProgress job : As.admin(() -> monitor.ofSite(siteId, 5))) {
            assertEquals(ResyncState.COMPLETED, job.state(), job.toString());
        }
    }

    private static SiteSettings settings(String name) {
        return new SiteSettings("", TestData.unique(name), false, false, 5, 500, "");
    }
}
