package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.Metrics;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Benchmark, not a test of speed. On the database of the run (PostgreSQL with -Ppostgresql, else H2), initialises a site whose store holds 1,000,000 records
 * (-Dbenchmark.records=N) and pulls its whole queue over loopback through sync v5, acknowledging each batch
 * (-Dbenchmark.limit=N records per request, default 500 as open-mSupply asks). In the same run, reads the same
 * rows with plain JDBC and serialises them to JSON. Prints both rates and their ratio (goals: on PostgreSQL at least
 * 0.25 of the plain rate at 5,000 per request and 0.10 at 500; on H2 at least 30,000 records/s), and the server's
 * own time per record (its request metrics) against the plain read (goals 0.35 and 0.20). With -Dbenchmark.gzip=true
 * it then pulls a second store as large with Accept-Encoding: gzip, and compares the bytes on the wire and the
 * server's time with those of the uncompressed pull (goals: at most a fifth of the bytes, 1.5 times the time). Both are measured
 * warm: a site of 200,000 records (-Dbenchmark.warmUp=N, 0 for none) is pulled and read plainly first, unmeasured.
 * <p>
 * Run: {@code mvn verify -Ppostgresql,benchmark -Dit.test=SyncPullBenchmark}, or all benchmarks: {@code ./benchmark.sh}
 */
@ExtendWith(TestServer.class)
class SyncPullBenchmark {

    private static final int RECORDS = Integer.getInteger("benchmark.records", 1_000_000);
    private static final int LIMIT = Integer.getInteger("benchmark.limit", 500);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 200_000);
    private static final boolean GZIP = Boolean.getBoolean("benchmark.gzip");

    /** A client that leaves compressed answers as they came, to count their bytes. */
    private static final HttpClient WIRE = HttpClient.newHttpClient();

    @Test
    void pullAMillionRecordsWithAcknowledgements() throws Exception {
        AdminApi admin = AdminApi.asAdmin();
        // a server in service has run these code paths many times: warm it (and this client) up first, unmeasured,
        // with a site of its own, so that the figures are not the JIT compiler's (which otherwise takes more CPU
        // than the requests during the first million records)
        if (WARM_UP > 0) {
            Puller warmUp = puller(admin, WARM_UP);
            warmUp.initialise();
            warmUp.pull(false);
            warmUp.plainRead();
            print("warm-up: %,d records pulled and read plainly, not measured", WARM_UP);
        }

        Puller measured = puller(admin, RECORDS);
        print("initialise (queues %,d records): %.1f s", RECORDS, measured.initialise());
        Map<String, Double> before = Metrics.scrape();
        Pulled pulled = measured.pull(false);
        Map<String, Double> after = Metrics.scrape();
        assertEquals(RECORDS, pulled.records());

        // the acknowledged entries are deleted in the background (SiteQueue.reclaim): wait for it before the
        // baseline, so that it is not measured while the server still works, and say how long it took
        TestData data = TestData.fromOutside();
        long leftAtTheEnd = data.count("SELECT COUNT(*) FROM sync_out WHERE site_id = ?", measured.siteId);
        long reclaiming = System.nanoTime();
        Eventually.await(
                "the acknowledged entries to be deleted",
                Duration.ofMinutes(10),
                () -> data.count(
                        "SELECT COUNT(*) FROM site WHERE id = ? AND queue_reclaimed < queue_start", measured.siteId),
                left -> left == 0);
        double reclaimSeconds = seconds(reclaiming);
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_out WHERE site_id = ?", measured.siteId));
        print(
                "  acknowledged entries still in the table when the pull ended: %,d; deleted in the background %.1f s "
                        + "later",
                leftAtTheEnd, reclaimSeconds);

        long plain = System.nanoTime();
        long serialised = measured.plainRead();
        double plainSeconds = seconds(plain);
        double pullSeconds = pulled.seconds();
        long received = pulled.records();
        print(
                "sync v5 pull with acknowledgements, %d per request: %,d records in %.1f s = %,.0f records/s (%,d MB)",
                LIMIT, received, pullSeconds, received / pullSeconds, pulled.bytes() / 1_000_000);
        print(
                "  of which waiting for pulls %.1f s, for acknowledgements %.1f s",
                pulled.getNanos() / 1e9, pulled.ackNanos() / 1e9);
        // the server's own time (SyncRequestTimes: from its first filter to the answer written): what it does not
        // account for is the way there and back, and HTTP's and the client's work
        print(
                "  the server's own time (its metrics) in pulls %.1f s, in acknowledgements %.1f s",
                serverSeconds(before, after, "queued_records", "GET"),
                serverSeconds(before, after, "acknowledged_records", "POST"));
        print(
                "plain JDBC read + JSON of the same rows:             %,d records in %.1f s = %,.0f records/s (%,d MB)",
                RECORDS, plainSeconds, RECORDS / plainSeconds, serialised / 1_000_000);
        boolean postgresql = System.getProperty("syncsites.it.db.url").startsWith("jdbc:postgresql:");
        double ratio = (received / pullSeconds) / (RECORDS / plainSeconds);
        String goal = !postgresql
                ? "at least 40,000 records/s and ratio at least 0.3"
                : LIMIT >= 5000 ? "ratio at least 0.25" : LIMIT >= 500 ? "ratio at least 0.10" : "";
        print(
                "RESULT|sync v5 pull + acknowledge, %s, %,d records, %,d per request (records/s) vs plain JDBC read + "
                        + "JSON|%.0f|%.0f|%.2f|%s",
                postgresql ? "PostgreSQL" : "H2",
                RECORDS,
                LIMIT,
                received / pullSeconds,
                RECORDS / plainSeconds,
                ratio,
                goal);

        // the server's own time per record pulled and acknowledged (docs/benchmarks.md, figures 1 and 2), against the
        // plain read
        double serverPull = serverSeconds(before, after, "queued_records", "GET");
        double serverTotal = serverPull + serverSeconds(before, after, "acknowledged_records", "POST");
        print(
                "RESULT|server time of pull + acknowledge, %s, %,d records, %,d per request (records/s of server time) "
                        + "vs plain JDBC read + JSON|%.0f|%.0f|%.2f|%s",
                postgresql ? "PostgreSQL" : "H2",
                RECORDS,
                LIMIT,
                RECORDS / serverTotal,
                RECORDS / plainSeconds,
                plainSeconds / serverTotal,
                !postgresql ? "" : LIMIT >= 5000 ? "ratio at least 0.35" : LIMIT >= 500 ? "ratio at least 0.20" : "");

        if (GZIP) {
            // the same pull of a store as large, the answers compressed (figure 3): bytes on the wire and server time
            Puller compressed = puller(admin, RECORDS);
            compressed.initialise();
            Map<String, Double> beforeGzip = Metrics.scrape();
            Pulled zipped = compressed.pull(true);
            Map<String, Double> afterGzip = Metrics.scrape();
            assertEquals(RECORDS, zipped.records());
            double zippedPull = serverSeconds(beforeGzip, afterGzip, "queued_records", "GET");
            print(
                    "sync v5 pull, gzip: %,d records, %,d bytes on the wire (%.1f per record; uncompressed %.1f), server"
                            + " time in pulls %.1f s (uncompressed %.1f s)",
                    zipped.records(),
                    zipped.bytes(),
                    zipped.bytes() / (double) RECORDS,
                    pulled.bytes() / (double) RECORDS,
                    zippedPull,
                    serverPull);
            print(
                    "RESULT|bytes per record of a pull with Accept-Encoding: gzip vs uncompressed, %s, %,d per request"
                            + "|%.1f|%.1f|%.2f|at most 0.20",
                    postgresql ? "PostgreSQL" : "H2",
                    LIMIT,
                    zipped.bytes() / (double) RECORDS,
                    pulled.bytes() / (double) RECORDS,
                    zipped.bytes() / (double) pulled.bytes());
            print(
                    "RESULT|server time per 1,000 records pulled with gzip vs uncompressed (ms), %s, %,d per request"
                            + "|%.2f|%.2f|%.2f|at most 1.5",
                    postgresql ? "PostgreSQL" : "H2",
                    LIMIT,
                    zippedPull * 1e6 / RECORDS,
                    serverPull * 1e6 / RECORDS,
                    zippedPull / serverPull);
        }
    }

    private static double serverSeconds(
            Map<String, Double> before, Map<String, Double> after, String endpoint, String method) {
        String series = "syncsites_sync_requests_seconds_sum{endpoint=\"" + endpoint + "\",method=\"" + method
                + "\",status=\"" + ("GET".equals(method) ? 200 : 204) + "\"}";
        return after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
    }

    /** A new site whose one store holds {@code records} generated records. */
    private static Puller puller(AdminApi admin, int records) throws Exception {
        String code = TestData.unique("P");
        long storeId = admin.createStore(code, "Pull");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + records + "}");
        String name = TestData.unique("Puller");
        long siteId = AdminApi.id(admin.call(
                        "POST",
                        "/api/admin/sites",
                        "{\"settings\":{\"code\":\"\",\"name\":\""
                                + name + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},"
                                + "\"newPassword\":\"bench-password\",\"storesToAdd\":[" + storeId + "]}")
                .body());
        return new Puller(new RemoteSite(name, "bench-password", "bench-device"), siteId, storeId);
    }

    /** What a pull of a whole queue received, and how long it waited for each kind of request. */
    private record Pulled(long records, long bytes, double seconds, long getNanos, long ackNanos) {}

    private record Puller(RemoteSite remote, long siteId, long storeId) {

        /** @return seconds until the site's whole store was queued */
        double initialise() throws Exception {
            long initialising = System.nanoTime();
            HttpResponse<String> initialised = remote.post("initialise", "{}");
            assertEquals(200, initialised.statusCode(), initialised.body());
            return seconds(initialising);
        }

        /**
         * Pulls the site's whole queue, {@link #LIMIT} records per request, acknowledging each batch; with {@code
         * gzip} it asks for compressed answers (Accept-Encoding: gzip, as open-mSupply does) and counts the bytes as
         * they came over the wire.
         */
        Pulled pull(boolean gzip) throws Exception {
            long pulling = System.nanoTime();
            long received = 0;
            long bytes = 0;
            long getNanos = 0;
            long ackNanos = 0;
            while (true) {
                long get = System.nanoTime();
                String body;
                if (gzip) {
                    HttpResponse<byte[]> response = WIRE.send(
                            withGzip(remote.getRequest("queued_records?limit=" + LIMIT)),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, response.statusCode());
                    assertEquals(
                            "gzip",
                            response.headers().firstValue("Content-Encoding").orElse(""));
                    bytes += response.body().length;
                    body = new String(
                            new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                            StandardCharsets.UTF_8);
                } else {
                    HttpResponse<String> response = remote.get("queued_records?limit=" + LIMIT);
                    body = response.body();
                    bytes += body.getBytes(StandardCharsets.UTF_8).length;
                }
                getNanos += System.nanoTime() - get;
                JsonObject batch;
                try (var reader = Json.createReader(new StringReader(body))) {
                    batch = reader.readObject();
                }
                if (batch.getJsonArray("data").isEmpty()) {
                    return new Pulled(received, bytes, seconds(pulling), getNanos, ackNanos);
                }
                List<String> ids = new ArrayList<>(LIMIT);
                for (JsonValue record : batch.getJsonArray("data")) {
                    ids.add("\"" + record.asJsonObject().getString("syncOutId") + "\"");
                }
                received += ids.size();
                long ack = System.nanoTime();
                assertEquals(
                        204,
                        remote.post("acknowledged_records", "{\"syncIDs\":" + ids + "}")
                                .statusCode());
                ackNanos += System.nanoTime() - ack;
            }
        }

        /** Reads the store's rows with plain JDBC and serialises them to JSON, batch by batch. @return characters */
        long plainRead() throws Exception {
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
                            json.append("{\"syncOutId\":\"")
                                    .append(rows.getLong(1))
                                    .append("\",\"tableName\":")
                                    .append(quote(rows.getString(2)))
                                    .append(",\"recordId\":")
                                    .append(quote(rows.getString(3)))
                                    .append(",\"action\":\"")
                                    .append(rows.getBoolean(4) ? "delete" : "update")
                                    .append("\",\"recordData\":")
                                    .append(rows.getString(5))
                                    .append("},");
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
            return serialised;
        }
    }

    /** The request with Accept-Encoding: gzip added. */
    private static HttpRequest withGzip(HttpRequest request) {
        HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri()).GET();
        request.headers().map().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
        return copy.header("Accept-Encoding", "gzip").build();
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
