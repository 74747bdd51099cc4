package org.syncsites.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncsites.it.support.RemoteSyncSites.recordCount;
import static org.syncsites.it.support.RemoteSyncSites.storeIdByCode;
import static org.syncsites.it.support.RemoteSyncSites.syncNow;

import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.FaultyLink;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.WildFlyProcess;

/**
 * This server as a remote site whose link to the central breaks ({@link FaultyLink}): two WildFly servers of the test's
 * own, each with a database of its own, a central (port offset 600) and a remote site (700), sync through a link cut
 * every few seconds, then at 2G speed. 100,000 records each way arrive exactly once, the request size comes down while the link breaks and goes
 * back up once it holds, and no session is left running in the central's history. Slow: it runs in the pass of the
 * tests that start servers of their own ({@code -Pcluster}).
 */
class RemoteSiteOverFaultyLinks {

    /** The central's port offset; the remote's is 700. */
    private static final int CENTRAL_OFFSET = 600;

    private static final String REMOTE_ADMIN_PASSWORD = "remote-admin-password";
    private static final String SITE_PASSWORD = "remote-site-password";
    private static final int RECORDS = Integer.getInteger("syncsites.it.faultyLink.records", 100_000);
    private static final int REQUEST_SIZE = 500;
    /** The largest request size a site may have (SiteRules). */
    private static final int MAX_REQUEST_SIZE = 5000;

    private static final long SEED = Long.getLong("syncsites.it.seed", System.nanoTime());
    private static final Pattern LIMIT = Pattern.compile("queued_records\\?limit=(\\d+)");
    private static WildFlyProcess centralServer;
    private static WildFlyProcess remoteServer;

    @AfterAll
    static void stopServers() {
        for (WildFlyProcess server : new WildFlyProcess[] {centralServer, remoteServer}) {
            if (server != null) {
                server.kill();
            }
        }
    }

    @Test
    void aHundredThousandRecordsEachWayArriveExactlyOnceAndTheRequestSizeFollowsTheLink() throws Exception {
        System.out.println("RemoteSiteOverFaultyLinks seed " + SEED + " (-Dsyncsites.it.seed=" + SEED
                + " chooses the same cut intervals)");
        centralServer = WildFlyProcess.startWithOwnDatabase(
                "remote-links-central", CENTRAL_OFFSET, REMOTE_ADMIN_PASSWORD, Map.of());
        AdminApi central = AdminApi.at(centralServer.baseUrl(), "admin", REMOTE_ADMIN_PASSWORD);
        TestData data = TestData.at(WildFlyProcess.ownDatabaseUrl("remote-links-central"));
        String store = TestData.unique("RFL");
        long storeId = central.createStore(store, "Remote store over a broken link");
        central.call(
                "POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + RECORDS + "}");
        String siteName = TestData.unique("Remote over a broken link");
        long siteId = central.createSite(siteName, SITE_PASSWORD, storeId);

        remoteServer = WildFlyProcess.startWithOwnDatabase("remote-links-site", 700, REMOTE_ADMIN_PASSWORD, Map.of());
        AdminApi remote = AdminApi.at(remoteServer.baseUrl(), "admin", REMOTE_ADMIN_PASSWORD);

        try (FaultyLink link =
                FaultyLink.to("127.0.0.1", 8080 + CENTRAL_OFFSET, SEED).cuttingEvery(Duration.ofSeconds(3))) {
            assertEquals(
                    200,
                    remote.call("PUT", "/api/admin/remote", settings(link.url(), siteName, SITE_PASSWORD))
                            .statusCode());

            // The central to the remote: its first sync, started again after each that the link broke.
            int failed = syncUntilSucceeded(remote);
            assertEquals(RECORDS, recordCount(remote, store), "every record of the store, once");
            List<Integer> limitsWhileBroken = limits(link.requests());
            assertTrue(cameDown(limitsWhileBroken), "the request size came down after a cut: " + limitsWhileBroken);

            // The remote to the central.
            long localStore = storeIdByCode(remote, store);
            remote.call(
                    "POST",
                    "/demo/api/stores/" + localStore + "/generated-records",
                    "{\"storeRecords\":" + RECORDS + "}");
            failed += syncUntilSucceeded(remote);
            assertEquals(2L * RECORDS, recordCount(central, store), "the remote's records on the central, once each");
            assertEquals(2L * RECORDS, recordCount(remote, store), "and nothing came back to the remote twice");
            System.out.printf(
                    "%d records each way over %d connections, %d cut in a request and %d in an answer; %d syncs "
                            + "failed and were started again%n",
                    RECORDS, link.connections(), link.cutsInRequests(), link.cutsInAnswers(), failed);
            assertTrue(link.cutsInRequests() > 0 && link.cutsInAnswers() > 0, "the link was cut both ways");

            // The link holds again: the request size goes back up as full batches come back quickly.
            link.healed();
            int requestsBefore = link.requests().size();
            central.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":20000}");
            String status = syncNow(remote, Duration.ofMinutes(5));
            assertTrue(status.contains("\"lastOutcome\":\"succeeded\""), status);
            List<Integer> limitsHealed = limits(
                    link.requests().subList(requestsBefore, link.requests().size()));
            assertTrue(
                    !cameDown(limitsHealed)
                            && (limitsHealed.get(limitsHealed.size() - 1) > limitsHealed.get(0)
                                    || limitsHealed.get(0) == MAX_REQUEST_SIZE),
                    "back up while the link holds: " + limitsHealed);

            // 2G: 50 kbit/s each way. A day's worth of a small clinic still syncs.
            link.trickling(50_000);
            central.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":200}");
            remote.call("POST", "/demo/api/stores/" + localStore + "/generated-records", "{\"storeRecords\":50}");
            status = syncNow(remote, Duration.ofMinutes(5));
            assertTrue(status.contains("\"lastOutcome\":\"succeeded\""), status);
            assertEquals(2L * RECORDS + 20_250, recordCount(central, store));
            assertEquals(2L * RECORDS + 20_250, recordCount(remote, store));
        }
        assertEquals(
                0,
                data.count("SELECT COUNT(*) FROM sync_session WHERE site_id = ? AND outcome = 'RUNNING'", siteId),
                "every session cut short was ended by the next, and the last one succeeded");
    }

    /** Syncs until a sync succeeds (each one that fails resumes where the last stopped). @return how many failed */
    private static int syncUntilSucceeded(AdminApi remote) throws InterruptedException {
        for (int failed = 0; failed < 200; failed++) {
            String status = syncNow(remote, Duration.ofMinutes(10));
            if (status.contains("\"lastOutcome\":\"succeeded\"")) {
                return failed;
            }
            String message =
                    Json.createReader(new StringReader(status)).readObject().getString("lastMessage", "");
            System.out.println("A sync failed: " + message);
            assertTrue(
                    message.contains("could not be reached") || message.contains("took longer than"),
                    "a sync fails only for want of an answer, or when the central's integration outlasts its wait: "
                            + status);
        }
        throw new AssertionError("200 syncs failed in a row");
    }

    /** Whether a request size is smaller than the one before it. */
    private static boolean cameDown(List<Integer> limits) {
        for (int i = 1; i < limits.size(); i++) {
            if (limits.get(i) < limits.get(i - 1)) {
                return true;
            }
        }
        return false;
    }

    /** The request sizes of the queue pulls among these request lines, in order. */
    private static List<Integer> limits(List<String> requests) {
        return requests.stream()
                .map(LIMIT::matcher)
                .filter(Matcher::find)
                .map(found -> Integer.parseInt(found.group(1)))
                .toList();
    }

    private static String settings(String centralUrl, String siteName, String password) {
        return "{\"serverUrl\":\"" + centralUrl + "\",\"siteName\":\"" + siteName + "\",\"newPassword\":\"" + password
                + "\",\"syncIntervalMinutes\":60,\"syncRequestSize\":" + REQUEST_SIZE
                + ",\"alternativeHttpClient\":false}";
    }
}
