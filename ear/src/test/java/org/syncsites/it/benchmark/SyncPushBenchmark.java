package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.OpenMSupplySite;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Benchmark, not a test of speed. On the database of the run (PostgreSQL with -Ppostgresql, else H2), an
 * open-mSupply-style site pushes 100,000 records (-Dbenchmark.records=N) of finalised invoices: each invoice's four
 * lines first, naming only their invoice, then the invoice, 500 records per request (-Dbenchmark.limit=N) as
 * open-mSupply sends them; measured from the first request to the site's {@code site_status} answering idle, every
 * record integrated (each line's store found through its invoice). In the same run, the same request bodies are
 * parsed and their records inserted with plain JDBC, one transaction per request, into a table of the same shape:
 * the least any server must do. Prints both rates and their ratio. Warm: 20,000 records are pushed first, unmeasured
 * (-Dbenchmark.warmUp=N).
 * <p>
 * Run: {@code mvn verify -Pbenchmark -Dit.test=SyncPushBenchmark}, or all benchmarks: {@code ./benchmark.sh}
 */
@ExtendWith(TestServer.class)
class SyncPushBenchmark {

    private static final int RECORDS = Integer.getInteger("benchmark.records", 100_000);
    private static final int LIMIT = Integer.getInteger("benchmark.limit", 500);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 20_000);
    private static final int LINES_PER_INVOICE = 4;

    @Test
    void pushAHundredThousandRecordsOfInvoicesWithTheirLines() throws Exception {
        AdminApi admin = AdminApi.asAdmin();
        if (WARM_UP > 0) {
            Pusher warmUp = pusher(admin);
            warmUp.push(bodies(warmUp.store, WARM_UP));
            baseline(bodies(warmUp.store, WARM_UP));
            print("warm-up: %,d records pushed and inserted plainly, not measured", WARM_UP);
        }
        Pusher measured = pusher(admin);
        List<String> requests = bodies(measured.store, RECORDS);
        double pushSeconds = measured.push(requests);
        TestData data = TestData.fromOutside();
        assertEquals(
                RECORDS,
                data.count(
                        "SELECT COUNT(*) FROM store_record r JOIN store st ON st.id = r.store_id "
                                + "WHERE st.code = ?",
                        measured.store),
                "every record taken, in the site's store");
        assertEquals(
                0, data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ?", measured.siteId), "nothing set aside");
        double plainSeconds = baseline(requests);
        boolean postgresql = System.getProperty("syncsites.it.db.url").startsWith("jdbc:postgresql:");
        print(
                "sync v5 push of invoices with their lines, %d per request, until integrated: %,d records in %.1f s = "
                        + "%,.0f records/s",
                LIMIT, RECORDS, pushSeconds, RECORDS / pushSeconds);
        print(
                "plain JDBC: parse the same requests and insert their records: %,d records in %.1f s = %,.0f records/s",
                RECORDS, plainSeconds, RECORDS / plainSeconds);
        print(
                "RESULT|sync v5 push until integrated, open-mSupply invoices and lines, %s, %,d records, %,d per request "
                        + "(records/s) vs plain JDBC parse + insert|%.0f|%.0f|%.2f|%s",
                postgresql ? "PostgreSQL" : "H2",
                RECORDS,
                LIMIT,
                RECORDS / pushSeconds,
                RECORDS / plainSeconds,
                (RECORDS / pushSeconds) / (RECORDS / plainSeconds),
                "measured (no goal yet)");
    }

    /** The push requests of {@code records} records: each invoice's lines first, then the invoice. */
    private static List<String> bodies(String store, int records) {
        List<JsonObject> all = new ArrayList<>(records);
        String prefix = TestData.unique("B").replace("-", "");
        for (int invoice = 0; all.size() < records; invoice++) {
            String invoiceId = prefix + "I" + invoice;
            for (int line = 0; line < LINES_PER_INVOICE && all.size() < records - 1; line++) {
                String lineId = invoiceId + "L" + line;
                all.add(record("trans_line", lineId, OpenMSupplySite.invoiceLine(lineId, invoiceId)));
            }
            all.add(record("transact", invoiceId, OpenMSupplySite.invoice(invoiceId, store, "NAME-OF-A-CUSTOMER")));
        }
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < all.size(); from += LIMIT) {
            List<JsonObject> batch = all.subList(from, Math.min(all.size(), from + LIMIT));
            bodies.add(Json.createObjectBuilder()
                    .add("queueLength", all.size() - from)
                    .add("data", Json.createArrayBuilder(batch))
                    .build()
                    .toString());
        }
        return bodies;
    }

    private static JsonObject record(String table, String id, JsonObject data) {
        return Json.createObjectBuilder()
                .add("syncOutId", id)
                .add("tableName", table)
                .add("recordId", id)
                .add("action", "Update")
                .add("recordData", data)
                .build();
    }

    /**
     * Parses each request and inserts its records with plain JDBC, a transaction per request, into a table of
     * {@code store_record}'s shape. @return seconds
     */
    private static double baseline(List<String> requests) throws Exception {
        try (Connection db = TestData.fromOutside().open()) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS push_baseline");
                ddl.execute("CREATE TABLE push_baseline (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                        + "store_id BIGINT, table_name VARCHAR(64) NOT NULL, record_id VARCHAR(64) NOT NULL, "
                        + "data VARCHAR(1000000) NOT NULL, parent_id VARCHAR(64), "
                        + "CONSTRAINT push_baseline_unique UNIQUE (table_name, record_id))");
            }
            db.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO push_baseline (store_id, table_name, "
                    + "record_id, data, parent_id) VALUES (?, ?, ?, ?, ?)")) {
                for (String body : requests) {
                    JsonArray records;
                    try (var reader = Json.createReader(new StringReader(body))) {
                        records = reader.readObject().getJsonArray("data");
                    }
                    for (JsonValue value : records) {
                        JsonObject record = value.asJsonObject();
                        JsonObject data = record.getJsonObject("recordData");
                        insert.setLong(1, 1);
                        insert.setString(2, record.getString("tableName"));
                        insert.setString(3, record.getString("recordId"));
                        insert.setString(4, data.toString());
                        insert.setString(5, data.getString("transaction_ID", null));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    db.commit();
                }
            }
            double seconds = seconds(started);
            try (Statement ddl = db.createStatement()) {
                ddl.execute("DROP TABLE push_baseline");
            }
            db.commit();
            return seconds;
        }
    }

    /** A new site with one store, initialised, that pushes. */
    private static Pusher pusher(AdminApi admin) throws Exception {
        String code = TestData.unique("PU");
        long storeId = admin.createStore(code, "Push");
        String name = TestData.unique("Pusher");
        long siteId = AdminApi.id(admin.call(
                        "POST",
                        "/api/admin/sites",
                        "{\"settings\":{\"code\":\"\",\"name\":\""
                                + name + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},"
                                + "\"newPassword\":\"bench-password\",\"storesToAdd\":[" + storeId + "]}")
                .body());
        RemoteSite remote = new RemoteSite(name, "bench-password", "bench-device");
        assertEquals(200, remote.post("initialise", "{}").statusCode());
        return new Pusher(remote, siteId, code);
    }

    private record Pusher(RemoteSite remote, long siteId, String store) {

        /** Pushes every request, then the empty one that starts the integration, and waits for idle. @return s */
        double push(List<String> requests) throws Exception {
            long started = System.nanoTime();
            for (String body : requests) {
                HttpResponse<String> pushed = remote.post("queued_records", body);
                assertEquals(200, pushed.statusCode(), pushed.body());
            }
            assertEquals(
                    200,
                    remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}")
                            .statusCode());
            print("  the requests answered in %.1f s; then waiting for the integration to end", seconds(started));
            while (true) {
                HttpResponse<String> status = remote.get("site_status");
                assertEquals(200, status.statusCode(), status.body());
                try (var reader = Json.createReader(new StringReader(status.body()))) {
                    if (reader.readObject().getString("code").equals("idle")) {
                        return seconds(started);
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void print(String format, Object... values) {
        System.out.println("BENCHMARK " + String.format(format, values));
    }
}
