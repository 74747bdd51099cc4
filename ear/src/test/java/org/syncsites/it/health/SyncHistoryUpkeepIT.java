package org.syncsites.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.TestData;
import org.syncsites.networkhealth.HealthTimers;
import org.syncsites.site.SiteSettings;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.siteadmin.SiteChangeSet;
import org.syncsites.synchistory.HourCount;
import org.syncsites.synchistory.SyncHistory;

/**
 * The sync history's upkeep: sessions older than the history's days are pruned by one node of the cluster per hour
 * however many nodes' timers fire; the hourly counts of the chart are the sessions' own.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("in-server")
class SyncHistoryUpkeepIT {

    @Deployment
    static EnterpriseArchive application() {
        return Deployments.applicationWithTests(SyncHistoryUpkeepIT.class);
    }

    @EJB
    private HealthTimers timers;

    @EJB
    private SyncHistory history;

    @EJB
    private SiteAdministration sites;

    @Resource(lookup = "java:jboss/datasources/SyncSitesDS")
    private DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService threads;

    private TestData data;
    private long siteId;

    @BeforeEach
    void aSite() {
        data = new TestData(dataSource);
        siteId = As.admin(() -> sites.create(SiteChangeSet.newSite(
                        new SiteSettings("", TestData.unique("Kept"), false, false, 5, 500, ""),
                        "sync-password-1",
                        List.of())))
                .id();
    }

    @Test
    void sessionsOlderThanTheHistoryIsKeptArePrunedOncePerClusterWhateverTheNumberOfNodes() throws Exception {
        session(Duration.ofDays(200));
        session(Duration.ofDays(91));
        session(Duration.ofDays(120));
        session(Duration.ofDays(89));
        session(Duration.ofMinutes(5));
        data.update(
                "UPDATE cluster_timer SET next_run_at = ? WHERE name = 'sync-history-pruning'",
                Timestamp.from(Instant.now().minusSeconds(60)));

        // two nodes' timers at the same moment: one prunes, the other finds the hour's run taken
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> nodes = List.of(
                CompletableFuture.supplyAsync(() -> await(start, timers::pruneHistoryNow), threads),
                CompletableFuture.supplyAsync(() -> await(start, timers::pruneHistoryNow), threads));
        start.countDown();
        int first = nodes.get(0).get(60, TimeUnit.SECONDS);
        int second = nodes.get(1).get(60, TimeUnit.SECONDS);
        assertTrue(first == 0 || second == 0, "only one node prunes: " + first + ", " + second);
        assertTrue(first + second >= 3, "the three sessions older than 90 days are gone: " + first + ", " + second);
        assertEquals(
                2,
                data.count("SELECT COUNT(*) FROM sync_session WHERE site_id = ?", siteId),
                "the sessions of the last 90 days stay");

        session(Duration.ofDays(300));
        assertEquals(0, timers.pruneHistoryNow(), "pruned once per hour, not once per call");
        assertEquals(3, data.count("SELECT COUNT(*) FROM sync_session WHERE site_id = ?", siteId));
    }

    @Test
    void theHourlyCountsAreTheSessionsOwn() {
        session(Duration.ofMinutes(1));
        session(Duration.ofMinutes(2));
        data.update(
                "UPDATE sync_session SET outcome = 'FAILED', pulled = 7, pushed = 5 WHERE site_id = ? "
                        + "AND id = (SELECT MAX(id) FROM sync_session WHERE site_id = ?)",
                siteId,
                siteId);
        data.update(
                "UPDATE cluster_timer SET next_run_at = ? WHERE name = 'sync-hours'",
                Timestamp.from(Instant.now().minusSeconds(60)));
        timers.recountHours();

        List<HourCount> hours = As.admin(() -> history.lastHours(7 * 24));
        assertEquals(7 * 24, hours.size(), "every hour of the 7 days, the empty ones too");
        HourCount current = hours.get(hours.size() - 1);
        long hour = current.hour().getEpochSecond() / 3600;
        assertEquals(Instant.now().getEpochSecond() / 3600, hour, "the last is the current hour");
        // nothing else syncs with this server while the test runs: the counts are exactly the sessions'
        for (HourCount counted : hours.subList(hours.size() - 3, hours.size())) {
            long h = counted.hour().getEpochSecond() / 3600;
            assertEquals(data.count("SELECT COUNT(*) FROM sync_session WHERE started_hour = ?", h), counted.sessions());
            assertEquals(
                    data.count("SELECT COUNT(*) FROM sync_session WHERE started_hour = ? AND outcome = 'FAILED'", h),
                    counted.failed());
            assertEquals(
                    data.count("SELECT COALESCE(SUM(pulled + pushed), 0) FROM sync_session WHERE started_hour = ?", h),
                    counted.records());
        }
        assertTrue(hours.subList(hours.size() - 2, hours.size()).stream()
                        .mapToLong(HourCount::failed)
                        .sum()
                >= 1);
    }

    private void session(Duration ago) {
        Instant at = Instant.now().minus(ago);
        data.update(
                "INSERT INTO sync_session (site_id, started_at, started_hour, last_request_at, requests, outcome) "
                        + "VALUES (?, ?, ?, ?, 1, 'SUCCEEDED')",
                siteId,
                Timestamp.from(at),
                at.getEpochSecond() / 3600,
                Timestamp.from(at));
    }

    private static int await(CountDownLatch start, IntSupplier work) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return work.getAsInt();
    }
}
