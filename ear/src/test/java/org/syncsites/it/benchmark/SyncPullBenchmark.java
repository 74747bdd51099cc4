package org.syncsites.it.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a test of speed. On the database of the run (PostgreSQL with -Ppostgresql, else H2), initialises a site whose store holds 1,000,000 records
 * (-Dbenchmark.records=N) and pulls its whole queue over loopback through sync v5, acknowledging each batch
 * (-Dbenchmark.limit=N records per request, default 500 as open-mSupply asks). In the same run, reads the same
 * rows with plain JDBC and serialises them to JSON. Prints both rates and their ratio (goals: on PostgreSQL at least
 * 0.25 of the plain rate at 5,000 per request and 0.10 at 500; on H2 at least 30,000 records/s).
 * <p>
 * Run: {@code mvn verify -Ppostgresql,benchmark -Dit.test=SyncPullBenchmark}, or all benchmarks: {@code ./benchmark.sh}
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SyncPullBenchmark {

    private static final int RECORDS = Integer.getInteger("benchmark.records", 1_000_000);
    private static final int LIMIT = Integer.getInteger("benchmark.limit", 500);

    @Deployment(testable = false)
    static EnterpriseArchive application() {
        return Deployments.application();
    }

    @Test
    void pullAMillionRecordsWithAcknowledgements() throws Exception {
        AdminApi admin = AdminApi.asAdmin();
        String code = TestData.unique("P");
        long storeId = admin.createStore(code, "Pull");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + RECORDS + "}");
        String name = TestData.unique("Puller");
        long siteId = AdminApi.id(admin.call("POST", "/api/admin/sites", "{\"settings\":{\"code\":\"\",\"name\":\"" + name + "\",\"syncIntervalMinutes\":5,"
                + "\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\"bench-password\",\"storesToAdd\":[" + storeId + "]}")
                .body());
        RemoteSite remote = new RemoteSite(name, "bench-password", "bench-device");

        long initialising = System.nanoTime();
        HttpResponse<String> initialised = remote.post("initialise", "{}");
        assertEquals(200, initialised.statusCode(), initialised.body());
        print("initialise (queues %,d records): %.1f s", RECORDS, seconds(initialising));

        long pulling = System.nanoTime();
        long received = 0;
        long bytes = 0;
        long getNanos = 0;
        long ackNanos = 0;
        while (true) {
            long get = System.nanoTime();
            HttpResponse<String> response = remote.get("queued_records?limit=" + LIMIT);
            getNanos += System.nanoTime() - get;
            bytes += response.body().length();
            JsonObject batch;
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                batch = reader.readObject();
            }
            if (batch.getJsonArray("data").isEmpty()) {
                break;
            }
            List<String> ids = new ArrayList<>(LIMIT);
            for (JsonValue record : batch.getJsonArray("data")) {
                ids.add("\"" + record.asJsonObject().getString("syncOutId") + "\"");
            }
            received += ids.size();
            long ack = System.nanoTime();
            assertEquals(204, remote.post("acknowledged_records", "{\"syncIDs\":" + ids + "}").statusCode());
            ackNanos += System.nanoTime() - ack;
        }
        double pullSeconds = seconds(pulling);
        assertEquals(RECORDS, received);

        // the acknowledged entries are deleted in the background (SiteQueue.reclaim): wait for it before the
        // baseline, so that it is not measured while the server still works, and say how long it took
        TestData data = TestData.fromOutside();
        long leftAtTheEnd = data.count("SELECT COUNT(*) FROM sync_out WHERE site_id = ?", siteId);
        long reclaiming = System.nanoTime();
        Eventually.await("the acknowledged entries to be deleted", Duration.ofMinutes(10), () -> data.count(
                "SELECT COUNT(*) FROM site WHERE id = ? AND queue_reclaimed < queue_start", siteId), left -> left == 0);
        double reclaimSeconds = seconds(reclaiming);
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_out WHERE site_id = ?", siteId));
        print("  acknowledged entries still in the table when the pull ended: %,d; deleted in the background %.1f s "
                + "later", leftAtTheEnd, reclaimSeconds);

        long plain = System.nanoTime();
        long serialised = 0;
        try (Connection db = TestData.fromOutside().open()) {
            db.setAutoCommit(false);
            try (PreparedStatement read = db.prepareStatement("SELECT id, table_name, record_id, deleted, data "
                    + "FROM store_record WHERE store_id = ? ORDER BY id")) {
                read.setFetchSize(LIMIT);
                read.setLong(1, storeId);
                try (ResultSet rows = read.executeQuery()) {
                    StringBuilder json = new StringBuilder();
                    int inBatch = 0;
                    while (rows.next()) {
                        json.append("{\"syncOutId\":\"").append(rows.getLong(1)).append("\",\"tableName\":")
                                .append(quote(rows.getString(2))).append(",\"recordId\":")
                                .append(quote(rows.getString(3))).append(",\"action\":\"")
                                .append(rows.getBoolean(4) ? "delete" : "update").append("\",\"recordData\":")
                                .append(rows.getString(5)).append("},");
                        if (++inBatch == LIMIT) {
                            serialised += json.length();
                            json.setLength(0);
                            inBatch = 0;
                        }
                    }
                    serialised += json.length();
                }
            }
        }
        double plainSeconds = seconds(plain);
        print("sync v5 pull with acknowledgements, %d per request: %,d records in %.1f s = %,.0f records/s (%,d MB)",
                LIMIT, received, pullSeconds, received / pullSeconds, bytes / 1_000_000);
        print("  of which waiting for pulls %.1f s, for acknowledgements %.1f s", getNanos / 1e9, ackNanos / 1e9);
        print("plain JDBC read + JSON of the same rows:             %,d records in %.1f s = %,.0f records/s (%,d MB)",
                RECORDS, plainSeconds, RECORDS / plainSeconds, serialised / 1_000_000);
        boolean postgresql = System.getProperty("syncsites.it.db.url").startsWith("jdbc:postgresql:");
        double ratio = (received / pullSeconds) / (RECORDS / plainSeconds);
        String goal = !postgresql ? "at least 30,000 records/s" : LIMIT >= 5000 ? "ratio at least 0.25"
                : LIMIT >= 500 ? "ratio at least 0.10" : "";
        print("RESULT|sync v5 pull + acknowledge, %s, %,d records, %,d per request (records/s) vs plain JDBC read + "
                + "JSON|%.0f|%.0f|%.2f|%s", postgresql ? "PostgreSQL" : "H2", RECORDS, LIMIT, received / pullSeconds,
                RECORDS / plainSeconds, ratio, goal);
    }

    /** A JSON string literal (the same escaping the server does). */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void print(String format, Object... values) {
        String line = "BENCHMARK " + String.format(format, values);
        System.out.println(line);
    }
}
