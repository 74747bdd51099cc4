package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncsites.it.support.AdminApi.id;
import static org.syncsites.it.support.AdminApi.site;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Benchmark, not a test of speed. On PostgreSQL, resynchronises a store of 1,000,000 records
 * (-Dbenchmark.records=N to change) into a site's queue through the real path (change set over the admin API,
 * JMS, message-driven bean, chunks of 20,000), and times one raw SQL INSERT ... SELECT of the same rows into
 * another site's queue on the same database, each into an empty queue table. Prints both times and the ratio (goal: at most 1.5); checks only
 * that every record was queued once.
 * <p>
 * Run: {@code mvn verify -Ppostgresql,benchmark}
 */
@ExtendWith(TestServer.class)
class ResyncBenchmark {

    private static final int RECORDS = Integer.getInteger("benchmark.records", 1_000_000);

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void resyncAgainstOneRawInsertSelect() throws Exception {
        String url = System.getProperty("syncsites.it.db.url");
        assertTrue(url.startsWith("jdbc:postgresql:"), "the benchmark runs on PostgreSQL: add -Ppostgresql");
        long storeId = admin.createStore(TestData.unique("B"), "Benchmark store");
        long generating = System.nanoTime();
        HttpResponse<String> generated = admin.call(
                "POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + RECORDS + "}");
        assertEquals(200, generated.statusCode(), generated.body());
        print("generated %,d store records in %.1f s", RECORDS, seconds(generating));

        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            db.createStatement().execute("ANALYZE");
            long rawSite = id(admin.call("POST", "/api/admin/sites", site(TestData.unique("Raw"), 5, null))
                    .body());
            long raw = System.nanoTime();
            int rows;
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO sync_out (site_id, source, table_name, "
                    + "record_id, record_ref, store_id, queued_at) SELECT ?, 'store', r.table_name, r.record_id, r.id, "
                    + "r.store_id, ? "
                    + "FROM store_record r WHERE r.store_id = ?")) {
                insert.setLong(1, rawSite);
                insert.setTimestamp(2, Timestamp.from(Instant.now()));
                insert.setLong(3, storeId);
                rows = insert.executeUpdate();
            }
            double rawSeconds = seconds(raw);
            assertEquals(RECORDS, rows);
            // Same conditions for the resync: an empty queue table again (not timed).
            db.createStatement().execute("DELETE FROM sync_out WHERE site_id = " + rawSite);
            db.createStatement().execute("VACUUM ANALYZE sync_out");

            long site = id(admin.call("POST", "/api/admin/sites", site(TestData.unique("Resync"), 5, null))
                    .body());
            long resync = System.nanoTime();
            HttpResponse<String> added = admin.call(
                    "PUT",
                    "/api/admin/sites/" + site,
                    site(TestData.unique("Resync"), 5, "\"expectedVersion\":0,\"storesToAdd\":[" + storeId + "]"));
            assertEquals(200, added.statusCode(), added.body());
            String progress;
            do {
                Thread.sleep(20);
                progress = admin.call("GET", "/api/admin/sites/" + site + "/resyncs", null)
                        .body();
            } while (!progress.contains("\"state\":\"COMPLETED\"") && !progress.contains("\"state\":\"FAILED\""));
            double resyncSeconds = seconds(resync);
            assertTrue(progress.contains("\"state\":\"COMPLETED\""), progress);
            try (Statement count = db.createStatement();
                    ResultSet queued = count.executeQuery(
                            "SELECT COUNT(*), COUNT(DISTINCT record_id) FROM sync_out " + "WHERE site_id = " + site)) {
                queued.next();
                assertEquals(RECORDS, queued.getLong(1));
                assertEquals(RECORDS, queued.getLong(2));
            }
            print(
                    "raw INSERT ... SELECT of %,d rows: %6.2f s (%,.0f rows/s)",
                    RECORDS, rawSeconds, RECORDS / rawSeconds);
            print("resync through JMS and chunks:     %6.2f s (%,.0f rows/s)", resyncSeconds, RECORDS / resyncSeconds);
            print("ratio resync / raw: %.2f (goal: at most 1.5)", resyncSeconds / rawSeconds);
            print(
                    "RESULT|queue a %,d-record store for a site (s) vs one raw INSERT ... SELECT|%.1f|%.1f|%.2f|"
                            + "ratio at most 1.5",
                    RECORDS, resyncSeconds, rawSeconds, resyncSeconds / rawSeconds);
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void print(String format, Object... values) {
        String line = "BENCHMARK " + String.format(format, values);
        System.out.println(line);
    }
}
