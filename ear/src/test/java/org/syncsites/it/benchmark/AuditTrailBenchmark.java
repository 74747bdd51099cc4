package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Benchmark, not a test of speed: the audit trail with a million entries (-Dbenchmark.entries=N) over the last 90
 * days, by 50 people and the system, of 10,000 sites; PostgreSQL only (the entries are made by one SQL statement).
 * Times, as the median of 21 signed-in requests after 5 not counted, the page and the API's searches (the newest,
 * by who, by what, by a site's name, by a day, a deep page), against {@code /api/health} in the same run. Goal: each
 * within 300 ms.
 * <p>
 * Run: {@code ./benchmark.sh AuditTrail}
 */
@ExtendWith(TestServer.class)
class AuditTrailBenchmark {

    private static final int ENTRIES = Integer.getInteger("benchmark.entries", 1_000_000);

    @Test
    void aMillionEntries() {
        AdminApi admin = AdminApi.asAdmin();
        TestData data = TestData.fromOutside();
        long generating = System.nanoTime();
        data.update(
                "INSERT INTO audit_entry (at, actor, action, entity_type, entity_id, entity_label, field, old_value, "
                        + "new_value, source) SELECT now() - n * (interval '90 days' / ?), CASE WHEN n % 10 = 0 THEN "
                        + "'system' ELSE 'editor' || (n % 50) END, (ARRAY['SITE_UPDATED', 'SITE_SYNC_PAUSED', "
                        + "'SITE_SYNC_RESUMED', 'STORE_MOVED', 'SITE_UNBLOCKED', 'SITE_BLOCKED'])[1 + n % 6], 'Site', "
                        + "n % 10000, 'Clinic ' || (n % 10000), 'syncIntervalMinutes', '5', '10', 'page' "
                        + "FROM generate_series(1, ?) n",
                ENTRIES, ENTRIES);
        data.update("ANALYZE audit_entry");
        long middle = data.count("SELECT MAX(id) - ? / 2 FROM audit_entry", ENTRIES);
        SignedInTimes.print(
                "generated %,d audit entries in %.1f s",
                data.count("SELECT COUNT(*) FROM audit_entry"), (System.nanoTime() - generating) / 1e9);

        HttpResponse<String> found = admin.call("GET", "/api/admin/audit?actor=editor7&limit=5", null);
        assertTrue(found.body().contains("\"actor\":\"editor7\""), found.body());
        double health = SignedInTimes.median(admin, "/api/health");
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
        result(admin, "audit page (audit.xhtml), the newest 500", "/audit.xhtml", health);
        result(admin, "audit API, the newest 100", "/api/admin/audit?limit=100", health);
        result(admin, "audit API by who (one of 50 people)", "/api/admin/audit?actor=editor7&limit=100", health);
        result(admin, "audit API by what (one of 6 kinds)", "/api/admin/audit?action=SITE_BLOCKED&limit=100", health);
        result(admin, "audit API by a site's name", "/api/admin/audit?entity=Clinic+4242&limit=100", health);
        result(admin, "audit API by one day", "/api/admin/audit?from=" + day + "&to=" + day + "&limit=100", health);
        result(
                admin,
                "audit API, a page half a million deep",
                "/api/admin/audit?before=" + middle + "&limit=100",
                health);
    }

    private static void result(AdminApi admin, String what, String path, double health) {
        SignedInTimes.result(admin, what, String.format("%,d entries", ENTRIES), path, health, "at most 300 ms");
    }
}
