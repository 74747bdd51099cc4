package org.syncsites.it.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.FaultyLink;
import org.syncsites.it.support.OpenMSupplySite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.WildFlyProcess;

/**
 * An open-mSupply site syncing with the central over links that break as satellite and 2G links do
 * ({@link FaultyLink}): cut every few seconds in the middle of requests and answers, stalled, trickling at 2G speed.
 * The site retries as open-mSupply does (each request three times, then the whole sync again, resuming where it
 * stopped). Everything must arrive exactly once each way, and no session be left running in the history. The central is
 * a server of the test's own (port offset 500, a database of its own). Slow (100,000 records each way): it runs in the
 * pass of the tests that start servers of their own ({@code -Pcluster}).
 */
class SyncOverFaultyLinks {

    private static final String ADMIN_PASSWORD = "links-admin-password";
    private static final String PASSWORD = "faulty-link-password";
    /** The central's port offset: a server of its own, started by this test. */
    private static final int OFFSET = 500;

    private static final long IDLE_TIMEOUT = Long.getLong("syncsites.it.http.idleTimeout", 30_000);
    private static final int RECORDS = Integer.getInteger("syncsites.it.faultyLink.records", 100_000);
    private static final int LINES_PER_INVOICE = 49;
    private static final long SEED = Long.getLong("syncsites.it.seed", System.nanoTime());

    private static WildFlyProcess central;
    private static AdminApi admin;
    private static TestData data;

    @BeforeAll
    static void startTheCentral() throws Exception {
        central = WildFlyProcess.startWithOwnDatabase(
                "links-central", OFFSET, ADMIN_PASSWORD, Map.of("syncsites.http.idleTimeout", "" + IDLE_TIMEOUT));
        admin = AdminApi.at(central.baseUrl(), "admin", ADMIN_PASSWORD);
        data = TestData.at(WildFlyProcess.ownDatabaseUrl("links-central"));
    }

    @AfterAll
    static void stopTheCentral() {
        if (central != null) {
            central.kill();
        }
    }

    @Test
    void aHundredThousandRecordsEachWayArriveExactlyOnceOverALinkCutEveryFewSeconds() throws Exception {
        System.out.println("SyncOverFaultyLinks seed " + SEED + " (-Dsyncsites.it.seed=" + SEED
                + " chooses the same cut intervals)");
        String store = TestData.unique("FL");
        long storeId = admin.createStore(store, "Clinic over a broken link");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + RECORDS + "}");
        String name = TestData.unique("Faulty link");
        long siteId = site(name, storeId);
        Map<String, String> centralHas = storeRecords(storeId);
        assertEquals(RECORDS, centralHas.size());

        try (FaultyLink link = FaultyLink.to("127.0.0.1", 8080 + OFFSET, SEED).cuttingEvery(Duration.ofSeconds(3))) {
            OpenMSupplySite site = OpenMSupplySite.over(link.url(), name, PASSWORD);

            // The central to the site: the first sync, which initialises it.
            int failed = site.syncUntilDone(500, 500);
            centralHas.forEach((id, table) -> {
                if (site.got(id) == null) {
                    throw new AssertionError("record " + id + " never arrived");
                }
            });
            assertEquals(0, queueLength(siteId), "every entry of the site's queue was acknowledged");

            // The site to the central: invoices of 49 lines each, pushed 500 records a request.
            String prefix = TestData.unique("FLI") + "-";
            int invoices = RECORDS / (LINES_PER_INVOICE + 1);
            site.enterInvoices(prefix, store, invoices, LINES_PER_INVOICE);
            failed += site.syncUntilDone(500, 500);
            long pushed = (long) invoices * (LINES_PER_INVOICE + 1);
            Eventually.await(
                    "the pushed records to be integrated",
                    Duration.ofMinutes(5),
                    () -> data.count("SELECT COUNT(*) FROM store_record WHERE record_id LIKE ?", prefix + "%"),
                    count -> count == pushed);
            assertEquals(0, data.count("SELECT COUNT(*) FROM sync_in WHERE site_id = ?", siteId), "nothing set aside");
            assertEquals(
                    pushed,
                    data.count(
                            "SELECT COUNT(*) FROM store_record WHERE record_id LIKE ? AND store_id = ?",
                            prefix + "%",
                            storeId),
                    "each pushed record once, in the site's store");

            System.out.printf(
                    "%d records each way over %d connections, %d cut in a request and %d in an answer; %d syncs "
                            + "failed and were started again%n",
                    RECORDS, link.connections(), link.cutsInRequests(), link.cutsInAnswers(), failed);
            assertTrue(link.cutsInRequests() > 0 && link.cutsInAnswers() > 0, "the link was cut both ways");

            // Stalls of 2 s every 5 s, then 2G speed (50 kbit/s each way): a small sync each way still completes.
            link.cuttingEvery(null).stalling(Duration.ofSeconds(5), Duration.ofSeconds(2));
            pushAndPullAFew(site, storeId, store, prefix, "stalled-", 20);
            link.stalling(null, null).trickling(50_000);
            pushAndPullAFew(site, storeId, store, prefix, "2g-", 20);

            assertEquals(
                    0,
                    data.count("SELECT COUNT(*) FROM sync_session WHERE site_id = ? AND outcome = 'RUNNING'", siteId),
                    "every session cut short was ended by the next, and the last one succeeded");
        }
    }

    /**
     * A client that stops sending in the middle of its request (a link that died, or a slow-loris caller) holds the
     * server's connection and thread only until the server's idle timeout ({@code syncsites.http.idleTimeout}, 30 s in
     * the tests), not for ever.
     */
    @Test
    void aRequestThatStopsHalfWayIsDroppedAfterTheServersIdleTimeout() throws Exception {
        long idleTimeout = IDLE_TIMEOUT;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), 8080 + OFFSET)) {
            socket.setSoTimeout((int) idleTimeout + 30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sync/v5/queued_records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n{\"queueLength\":1,\"data\":[")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // an answer (e.g. 401) may come first; the connection must then end
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the server still held the connection after "
                        + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
            } catch (IOException reset) {
                // closed with a reset: dropped
            }
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(
                    tookMillis > idleTimeout - 5_000 && tookMillis < idleTimeout + 25_000,
                    "dropped by the idle time-out, not before it: after " + tookMillis + " ms");
        }
    }

    /** The site pushes {@code count} invoices named {@code pushed + kind} and pulls as many new records of its store. */
    private void pushAndPullAFew(
            OpenMSupplySite site, long storeId, String store, String pushed, String kind, int count)
            throws SQLException {
        String prefix = pushed + kind;
        for (int i = 0; i < count; i++) {
            site.change("transact", prefix + i, OpenMSupplySite.invoice(prefix + i, store, "NAME-OF-A-CUSTOMER"));
        }
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + count + "}");
        site.syncUntilDone(500, 50);
        storeRecords(storeId).forEach((id, table) -> {
            if (site.got(id) == null && !id.startsWith(pushed)) {
                throw new AssertionError("record " + id + " never arrived");
            }
        });
        Eventually.await(
                "the pushed records to be integrated",
                Duration.ofMinutes(2),
                () -> data.count("SELECT COUNT(*) FROM store_record WHERE record_id LIKE ?", prefix + "%"),
                integrated -> integrated == count);
    }

    /** The store's records on the central: record ID to table. */
    private Map<String, String> storeRecords(long storeId) throws SQLException {
        Map<String, String> records = new HashMap<>();
        try (Connection db = data.open();
                PreparedStatement query =
                        db.prepareStatement("SELECT record_id, table_name FROM store_record WHERE store_id = ?")) {
            query.setLong(1, storeId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return records;
    }

    /** The site's queue length as the central shows it (acknowledged entries are reclaimed later). */
    private long queueLength(long siteId) {
        return Json.createReader(new StringReader(
                        admin.call("GET", "/api/admin/sites/" + siteId, null).body()))
                .readObject()
                .getJsonNumber("queueLength")
                .longValue();
    }

    private long site(String name, long storeId) {
        return admin.createSite(name, PASSWORD, storeId);
    }
}
