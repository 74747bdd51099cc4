package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Benchmark, not a test of speed: the network's health with 10,000 sites (-Dbenchmark.sites=N) and a million sync
 * sessions over the last 7 days (-Dbenchmark.sessions=N), PostgreSQL only (the sessions are made by one SQL
 * statement). Times, as the median of 21 signed-in requests after 5 not counted, the dashboard (API and page), the
 * site list filtered on a state, and one site's history, against {@code /api/health} in the same run. Goal: the
 * dashboard within 300 ms.
 * <p>
 * Run: {@code ./benchmark.sh Dashboard}
 */
@ExtendWith(TestServer.class)
class DashboardBenchmark {

    private static final int SITES = Integer.getInteger("benchmark.sites", 10_000);
    private static final int SESSIONS = Integer.getInteger("benchmark.sessions", 1_000_000);

    @Test
    void tenThousandSitesAndAMillionSessions() {
        AdminApi admin = AdminApi.asAdmin();
        TestData data = TestData.fromOutside();
        String prefix = TestData.unique("Health");
        long generating = System.nanoTime();
        assertEquals(
                200,
                admin.call(
                                "POST",
                                "/demo/api/sites/generated",
                                "{\"prefix\":\"" + prefix + "\",\"count\":" + SITES
                                        + ",\"password\":\"health-benchmark\"}")
                        .statusCode());
        String mine = "name_key LIKE '" + prefix.toLowerCase() + "%'";
        long first = data.count("SELECT MIN(id) FROM site WHERE " + mine);
        assertEquals(SITES, data.count("SELECT MAX(id) - MIN(id) + 1 FROM site WHERE " + mine), "ids in one run");
        // the sites' last syncs spread over 5 days (synced, overdue and critical), 7 app versions
        data.update("UPDATE site SET last_successful_sync_at = now() - (id % 120) * interval '1 hour', "
                + "last_connection_at = now() - (id % 100) * interval '1 hour', app_version = '2.' || (id % 7) || '.0' "
                + "WHERE " + mine);
        // a session every 0.6 s for a week, spread over the sites, one in fifty failed
        data.update(
                "INSERT INTO sync_session (site_id, started_at, started_hour, last_request_at, hardware_id, "
                        + "app_version, requests, pulled, acknowledged, pushed, outcome, error_code) "
                        + "SELECT ? + (n % ?), t, floor(extract(epoch FROM t) / 3600), t + interval '20 seconds', 'device', "
                        + "'2.20.0', 12, 500, 500, 20, CASE WHEN n % 50 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END, "
                        + "CASE WHEN n % 50 = 0 THEN 'site_incorrect_password' END "
                        + "FROM (SELECT n, now() - n * (interval '7 days' / ?) AS t FROM generate_series(1, ?) n) g",
                first, SITES, SESSIONS, SESSIONS);
        // what the minute timer counts for the last hours, counted for the whole week at once
        data.update("DELETE FROM sync_hour");
        data.update("INSERT INTO sync_hour (started_hour, sessions, failed, records) SELECT started_hour, COUNT(*), "
                + "SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END), SUM(pulled + pushed) FROM sync_session "
                + "GROUP BY started_hour");
        data.update("ANALYZE sync_session");
        data.update("ANALYZE site");
        SignedInTimes.print(
                "generated %,d sites and %,d sessions in %.1f s",
                SITES, data.count("SELECT COUNT(*) FROM sync_session"), (System.nanoTime() - generating) / 1e9);

        HttpResponse<String> dashboard = admin.call("GET", "/api/admin/network", null);
        assertTrue(dashboard.body().contains("\"CRITICAL\""), dashboard.body());
        double health = SignedInTimes.median(admin, "/api/health");
        String goal = "at most 300 ms";
        result(admin, "dashboard API (/api/admin/network)", "/api/admin/network", health, goal);
        result(admin, "dashboard page (dashboard.xhtml)", "/dashboard.xhtml", health, goal);
        result(
                admin,
                "site list API filtered on a state (CRITICAL)",
                "/api/admin/sites?state=CRITICAL",
                health,
                "at most 150 ms");
        result(
                admin,
                "one site's history API, first page of 50",
                "/api/admin/sites/" + (first + 42) + "/history",
                health,
                "at most 150 ms");
    }

    private static void result(AdminApi admin, String what, String path, double health, String goal) {
        SignedInTimes.result(
                admin, what, String.format("%,d sites and %,d sessions", SITES, SESSIONS), path, health, goal);
    }
}
