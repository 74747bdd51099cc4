package org.syncsites.it.resync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.transaction.UserTransaction;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.syncsites.resync.ResyncRequests;
import org.syncsites.resync.ResyncState;
import org.syncsites.site.SiteSettings;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.siteadmin.SiteDetails;
import org.syncsites.store.StoreAdministration;
import org.syncsites.store.StoreSummary;

/**
 * Adding a store to a site queues all of the store's data for that site over JMS: every record, exactly once,
 * whatever happens to the messages or the server on the way. The test server queues 500 records per chunk.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-server")
class StoreResyncIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int STORE_RECORDS = 1_234;
    private static final int STORE_SPECIFIC_CENTRAL_RECORDS = 7;
    private static final int ALL = STORE_RECORDS + STORE_SPECIFIC_CENTRAL_RECORDS;

    @Deployment
    static EnterpriseArchive application() {
        return Deployments.applicationWithTests(StoreResyncIT.class);
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
    private ResyncRequests requests;

    @Resource(lookup = "java:jboss/datasources/SyncSitesDS")
    private DataSource dataSource;

    @Resource(lookup = "java:comp/UserTransaction")
    private UserTransaction transaction;

    private TestData data;

    @BeforeEach
    void setUp() {
        data = new TestData(dataSource);
    }

    @Test
    void addingAStoreQueuesAllItsDataForTheSiteExactlyOnce() {
        StoreSummary store = storeWithData();
        SiteDetails site = siteWith(store);
        ResyncProgress done = awaitCompletion(site.id());
        assertEquals(ALL, done.total());
        assertEquals(ALL, done.processed());
        assertEquals(ALL, done.queued());
        assertEquals(100, done.percent());
        assertEachRecordQueuedOnce(site.id(), store.id());
        assertEquals(ALL, As.admin(() -> sites.get(site.id())).queueLength(), "the site shows its queue length");
    }

    @Test
    void movingAStoreBackToTheCentralSiteQueuesNothing() {
        StoreSummary store = storeWithData();
        SiteDetails site = siteWith(store);
        awaitCompletion(site.id());
        SiteDetails current = As.admin(() -> sites.get(site.id()));
        As.admin(() ->
                sites.update(SiteChangeSet.edit(current, current.settings()).removingStores(store.id())));
        long centralId = As.admin(() -> sites.list("", 0, 1)).rows().get(0).id();
        assertEquals(
                0,
                data.count(
                        "SELECT COUNT(*) FROM resync_job WHERE site_id = ? AND store_id = ?", centralId, store.id()));
    }

    @Test
    void aJobResumedAfterACrashAndRedeliveredTwiceQueuesEachRecordExactlyOnce() throws Exception {
        StoreSummary store = storeWithData();
        SiteDetails site = siteWith(store);
        ResyncProgress done = awaitCompletion(site.id());

        // The state a server killed half-way leaves, with its message still on the queue.
        leaveAsIfKilledAfterTheFirstChunk(site, store, done.jobId(), Instant.now());
        assertEquals(500, data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", site.id()));

        // The broker redelivers the message after the restart, and a duplicate arrives too.
        transaction.begin();
        requests.send(done.jobId());
        requests.send(done.jobId());
        transaction.commit();

        ResyncProgress resumed = Eventually.await(
                "the resumed job to complete",
                PATIENCE,
                () -> As.admin(() -> monitor.job(done.jobId())),
                p -> p.state() == ResyncState.COMPLETED);
        assertEquals(ALL, resumed.processed());
        assertEachRecordQueuedOnce(site.id(), store.id());
    }

    @Test
    void aJobWhoseMessageWasLostIsResumedByTheWatchdogAndQueuesEachRecordOnce() {
        StoreSummary store = storeWithData();
        SiteDetails site = siteWith(store);
        ResyncProgress done = awaitCompletion(site.id());
        // As if the node holding the job's message died half-way, long ago, with no message left anywhere.
        leaveAsIfKilledAfterTheFirstChunk(site, store, done.jobId(), Instant.parse("2000-01-01T00:00:00Z"));

        ResyncProgress resumed = Eventually.await(
                "the watchdog to resume the job",
                PATIENCE,
                () -> As.admin(() -> monitor.job(done.jobId())),
                p -> p.state() == ResyncState.COMPLETED);
        assertEquals(ALL, resumed.processed());
        assertEachRecordQueuedOnce(site.id(), store.id());
    }

    @Test
    void aSecondRequestWhileOneRunsJoinsItInsteadOfQueuingAgain() throws Exception {
        StoreSummary store = storeWithData();
        SiteDetails site =
                As.admin(() -> sites.create(SiteChangeSet.newSite(settings(), "sync-password-1", List.of())));
        transaction.begin();
        long first = requests.request(site.id(), store.id(), "test").getId();
        long second = requests.request(site.id(), store.id(), "test").getId();
        transaction.commit();
        assertEquals(first, second);
        Eventually.await(
                "the job to complete",
                PATIENCE,
                () -> As.admin(() -> monitor.job(first)),
                p -> p.state() == ResyncState.COMPLETED);
        assertEachRecordQueuedOnce(site.id(), store.id());
    }

    @Test
    void recordsAlreadyQueuedForTheSiteAreNotQueuedAgain() throws Exception {
        StoreSummary store = storeWithData();
        SiteDetails site = siteWith(store);
        ResyncProgress first = awaitCompletion(site.id());
        // the site asks for its data again (as initialise does) while everything is still in its queue
        transaction.begin();
        long again = requests.request(site.id(), store.id(), "test").getId();
        transaction.commit();
        ResyncProgress second = Eventually.await(
                "the second job to complete",
                PATIENCE,
                () -> As.admin(() -> monitor.job(again)),
                p -> p.state() == ResyncState.COMPLETED);
        assertTrue(second.jobId() != first.jobId());
        assertEquals(ALL, second.processed());
        assertEquals(0, second.queued());
        assertEachRecordQueuedOnce(site.id(), store.id());
    }

    @Test
    void aStoreThatLeavesItsSiteAndComesBackIsQueuedAgainEachRecordOnce() {
        StoreSummary store = storeWithData();
        SiteDetails site = siteWith(store);
        awaitCompletion(site.id());
        SiteDetails current = As.admin(() -> sites.get(site.id()));
        SiteDetails without = As.admin(() ->
                sites.update(SiteChangeSet.edit(current, current.settings()).removingStores(store.id())));
        assertEquals(
                0,
                data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", site.id()),
                "what waited for the site of the store that left it is gone");
        As.admin(() ->
                sites.update(SiteChangeSet.edit(without, without.settings()).addingStores(store.id())));
        ResyncProgress second = Eventually.await(
                "the second job to complete",
                PATIENCE,
                () -> As.admin(() -> monitor.ofSite(site.id(), 1)).get(0),
                p -> p.state() == ResyncState.COMPLETED);
        assertEquals(ALL, second.processed());
        assertEquals(ALL, second.queued());
        assertEachRecordQueuedOnce(site.id(), store.id());
    }

    @Test
    void aChunkThatKeepsFailingEndsInTheDeadLetterQueueAndTheJobShowsFailed() {
        // A check on the queue that refuses this store's records: every attempt at its first chunk fails.
        String code = "POISON" + (System.nanoTime() % 100_000);
        StoreSummary store = As.admin(() -> stores.create(code, "Poisoned store"));
        As.admin(() -> demoData.generateStoreRecords(store.id(), 10));
        data.update("ALTER TABLE sync_out ADD CONSTRAINT test_poison CHECK (record_id NOT LIKE '" + code + "%')");
        try {
            SiteDetails site = siteWith(store);
            ResyncProgress failed = Eventually.await(
                    "the job to fail after the broker's redeliveries",
                    Duration.ofSeconds(120),
                    () -> As.admin(() -> monitor.ofSite(site.id(), 1)).get(0),
                    p -> p.state() == ResyncState.FAILED);
            assertTrue(
                    failed.error().english().contains("remove the store from the site and add it again"),
                    failed.error().english());
            assertEquals(
                    0,
                    data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", site.id()),
                    "no failed attempt left anything behind");
        } finally {
            data.update("ALTER TABLE sync_out DROP CONSTRAINT test_poison");
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The state a node killed after the first chunk of 500 leaves: that chunk committed with its queue entries
     * and the job's cursor, the rest not queued, the job RUNNING with its last sign of life at {@code heartbeat}.
     */
    private void leaveAsIfKilledAfterTheFirstChunk(
            SiteDetails site, StoreSummary store, long jobId, Instant heartbeat) {
        long cursor = data.count(
                "SELECT MAX(id) FROM (SELECT id FROM store_record WHERE store_id = ? ORDER BY id " + "LIMIT 500) c",
                store.id());
        data.update(
                "DELETE FROM sync_out WHERE site_id = ? AND (source = 'master' OR record_id IN "
                        + "(SELECT record_id FROM store_record WHERE store_id = ? AND id > ?))",
                site.id(),
                store.id(),
                cursor);
        data.update("UPDATE site SET queue_length = 500 WHERE id = ?", site.id());
        data.update(
                "UPDATE resync_job SET state = 'RUNNING', phase = 'STORE_RECORDS', cursor_id = ?, "
                        + "processed_count = 500, queued_count = 500, finished_at = NULL, heartbeat_at = ? WHERE id = ?",
                cursor,
                Timestamp.from(heartbeat),
                jobId);
    }

    private StoreSummary storeWithData() {
        String code = TestData.unique("R");
        StoreSummary store = As.admin(() -> stores.create(code, "Resync " + code));
        As.admin(() -> demoData.generateStoreRecords(store.id(), STORE_RECORDS));
        As.admin(() -> demoData.generateStoreSpecificMasterRecords(store.id(), STORE_SPECIFIC_CENTRAL_RECORDS));
        return store;
    }

    private SiteDetails siteWith(StoreSummary store) {
        return As.admin(() -> sites.create(SiteChangeSet.newSite(settings(), "sync-password-1", List.of(store.id()))));
    }

    private ResyncProgress awaitCompletion(long siteId) {
        return Eventually.await(
                "the resync of site " + siteId + " to complete",
                PATIENCE,
                () -> As.admin(() -> monitor.ofSite(siteId, 1)).stream()
                        .findFirst()
                        .orElse(null),
                p -> p != null && p.state() == ResyncState.COMPLETED);
    }

    private void assertEachRecordQueuedOnce(long siteId, long storeId) {
        assertEquals(ALL, data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", siteId));
        assertEquals(ALL, data.count("SELECT queue_length FROM site WHERE id = ?", siteId), "the kept queue length");
        assertEquals(
                ALL,
                data.count(
                        "SELECT COUNT(*) FROM (SELECT DISTINCT table_name, record_id FROM sync_queue "
                                + "WHERE site_id = ?) d",
                        siteId));
        assertEquals(
                STORE_RECORDS,
                data.count(
                        "SELECT COUNT(*) FROM store_record r WHERE r.store_id = ? AND EXISTS "
                                + "(SELECT 1 FROM sync_queue q WHERE q.site_id = ? AND q.record_id = r.record_id)",
                        storeId,
                        siteId),
                "every record of the store is in the queue");
        assertTrue(
                data.count(
                                "SELECT COUNT(*) FROM master_record m WHERE m.store_id = ? AND EXISTS "
                                        + "(SELECT 1 FROM sync_queue q WHERE q.site_id = ? AND q.record_id = m.record_id)",
                                storeId,
                                siteId)
                        == STORE_SPECIFIC_CENTRAL_RECORDS,
                "the store's own central data is queued too");
    }

    private static SiteSettings settings() {
        return new SiteSettings("", TestData.unique("Resync site"), false, false, 5, 500, "");
    }
}
