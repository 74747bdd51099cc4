package org.syncsites.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.Metrics;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Prometheus metrics (issue 14, item 4), scraped from the management interface as Prometheus does: after a sync
 * cycle, refused sign-ins and a store resync, the counters moved by what happened, the latency histogram has the
 * requests, and the network's gauges count the sites.
 */
@ExtendWith(TestServer.class)
class MetricsIT {

    private static final String PASSWORD = "sync-password-1";
    private static final int RECORDS = 75;

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void aSyncCycleRefusedSignInsAndAResyncMoveTheirCounters() throws Exception {
        Map<String, Double> before = Metrics.scrape();

        long storeId = admin.createStore(TestData.unique("MT"), "Metrics store");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + RECORDS + "}");
        String siteName = TestData.unique("Metrics");
        admin.call(
                "POST",
                "/api/admin/sites",
                "{\"settings\":{\"code\":\"\",\"name\":\"" + siteName
                        + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                        + PASSWORD + "\",\"storesToAdd\":[" + storeId + "]}");
        RemoteSite remote = new RemoteSite(siteName, PASSWORD, "device-" + siteName);

        assertEquals(401, remote.withPassword("wrong-password-1").get("site").statusCode());
        new Browserless().signIn("admin", "not-the-password");

        assertEquals(200, remote.get("site").statusCode());
        int pulled = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        while (pulled < RECORDS) {
            assertTrue(System.currentTimeMillis() < deadline, "the resync did not queue the store's records in time");
            HttpResponse<String> answer = remote.get("queued_records?limit=50");
            assertEquals(200, answer.statusCode(), answer.body());
            JsonArray records = Json.createReader(new StringReader(answer.body()))
                    .readObject()
                    .getJsonArray("data");
            if (records.isEmpty()) {
                Thread.sleep(200);
                continue;
            }
            var ids = Json.createArrayBuilder();
            for (JsonValue record : records) {
                ids.add(record.asJsonObject().getString("syncOutId"));
            }
            pulled += records.size();
            assertEquals(
                    204,
                    remote.post("acknowledged_records", "{\"syncIDs\":" + ids.build() + "}")
                            .statusCode());
        }
        Map<String, Double> after = Metrics.scrape();

        assertEquals(
                1, moved(before, after, "syncsites_sign_ins_failed_total{kind=\"site\"}"), "the wrong site password");
        assertEquals(
                1, moved(before, after, "syncsites_sign_ins_failed_total{kind=\"user\"}"), "the wrong user password");
        assertEquals(1, moved(before, after, "syncsites_sync_sessions_total"), "one GET site, one session");
        assertTrue(moved(before, after, "syncsites_sync_records_total{direction=\"pulled\"}") >= RECORDS);
        assertEquals(RECORDS, moved(before, after, "syncsites_sync_records_total{direction=\"acknowledged\"}"));
        assertTrue(moved(before, after, "syncsites_sync_refusals_total{code=\"site_incorrect_password\"}") >= 1);
        assertEquals(1, moved(before, after, "syncsites_resync_jobs_total{outcome=\"requested\"}"));
        assertEquals(1, moved(before, after, "syncsites_resync_jobs_total{outcome=\"completed\"}"));
        assertEquals(RECORDS, moved(before, after, "syncsites_resync_records_queued_total"));

        String site = "syncsites_sync_requests_seconds_count{endpoint=\"site\",method=\"GET\",status=\"200\"}";
        assertEquals(1, moved(before, after, site), "GET site answered once with 200");
        assertEquals(1, moved(before, after, site.replace("200", "401")), "and refused once");
        assertTrue(moved(
                        before,
                        after,
                        "syncsites_sync_requests_seconds_count{endpoint=\"acknowledged_records\","
                                + "method=\"POST\",status=\"204\"}")
                >= 2);
        String latency = "syncsites_sync_requests_latency_total{endpoint=\"site\",le=\"";
        assertEquals(2, moved(before, after, latency + "+Inf\"}"), "the histogram counts every request");
        assertTrue(
                moved(before, after, latency + "30.0\"}") <= 2
                        && moved(before, after, latency + "0.005\"}") <= moved(before, after, latency + "0.5\"}"),
                "its buckets are cumulative");

        // the gauges are read every 15 seconds
        Map<String, Double> gauges = Eventually.await(
                "the gauges to count the sites",
                Duration.ofSeconds(40),
                Metrics::scrape,
                scraped -> scraped.getOrDefault("syncsites_sites", 0.0) >= 1);
        double sites = gauges.getOrDefault("syncsites_sites", Double.NaN);
        assertTrue(sites >= 1, "the remote sites are counted: " + sites);
        double byAge = 0;
        for (String state : new String[] {"synced", "overdue", "critical", "never_synced"}) {
            byAge += gauges.getOrDefault("syncsites_sites_state{state=\"" + state + "\"}", Double.NaN);
        }
        assertEquals(sites, byAge, "the four ages add up to all remote sites");
        assertTrue(
                gauges.containsKey("syncsites_queue_records"), gauges.keySet().toString());
        double byQueue = 0;
        for (String length : new String[] {"0", "1-999", "1000-99999", "100000+"}) {
            byQueue += gauges.getOrDefault("syncsites_queue_sites{length=\"" + length + "\"}", Double.NaN);
        }
        assertEquals(sites, byQueue, "every remote site has a queue length");
    }

    private static double moved(Map<String, Double> before, Map<String, Double> after, String series) {
        assertTrue(
                after.containsKey(series),
                series + " not in the metrics: "
                        + after.keySet().stream()
                                .filter(k -> k.startsWith("syncsites"))
                                .sorted()
                                .toList());
        return after.get(series) - before.getOrDefault(series, 0.0);
    }
}
