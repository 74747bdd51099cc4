package org.syncsites.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncsites.remote.http.ConnectionFailed;
import org.syncsites.remote.http.SyncTransport;
import org.syncsites.syncv5.Action;
import org.syncsites.syncv5.Batch;
import org.syncsites.syncv5.InitialisationStatus;
import org.syncsites.syncv5.OperationStatus;
import org.syncsites.syncv5.SiteInfo;
import org.syncsites.syncv5.SyncRecord;

/** The v5 client with each of its two HTTP clients, against a small in-process HTTP server. */
class SyncClientTest {

    private HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger timeoutsToAnswer = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("msupply-site-uuid") + " "
                    + exchange.getRequestHeaders().getFirst("version") + " " + body);
            String answer = timeoutsToAnswer.getAndDecrement() > 0
                    ? "408 "
                    : answers.getOrDefault(exchange.getRequestURI().getPath(), "404 ");
            int space = answer.indexOf(' ');
            byte[] bytes = answer.substring(space + 1).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(
                    Integer.parseInt(answer.substring(0, space)), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private SyncClient client(boolean alternative) {
        return new SyncClient(
                SyncTransport.of(alternative, null),
                "http://127.0.0.1:" + server.getAddress().getPort() + "/any/prefix",
                "username",
                "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
                "device-1");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void speaksTheProtocolWithItsCredentialsAndHeaders(boolean alternative) {
        answers.put(
                "/sync/v5/site",
                "200 {\"id\":\"7\",\"siteId\":7,\"initialisationStatus\":\"new\","
                        + "\"omSupplyCentralServerUrl\":\"\",\"isOmSupplyCentralServer\":true,\"mSupplyCentralSiteId\":1}");
        SiteInfo site = client(alternative).site();
        assertEquals("7", site.id());
        assertEquals(InitialisationStatus.NEW, site.initialisationStatus());
        // open-mSupply's worked example (core.rs::test_authorisation, docs/sync-v5.md §1.3); routes resolve against
        // the server's root
        assertEquals(
                "GET /sync/v5/site Basic dXNlcm5hbWU6NWU4ODQ4OThkYTI4MDQ3MTUxZDBlNTZmOGRjNjI5Mjc3MzYwM2QwZDZh"
                        + "YWJiZGQ2MmExMWVmNzIxZDE1NDJkOA== device-1 14 ",
                requests.get(0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pullsPushesAndAcknowledgesInTheWireFormat(boolean alternative) {
        answers.put(
                "/sync/v5/queued_records",
                "200 {\"queueLength\":1,\"data\":[{\"syncOutId\":\"41\","
                        + "\"tableName\":\"transact\",\"recordId\":\"r1\",\"action\":\"Insert\",\"recordData\":"
                        + "{\"ID\":\"r1\",\"store_ID\":\"S1\"}}]}");
        answers.put("/sync/v5/acknowledged_records", "204 ");
        SyncClient client = client(alternative);
        Batch batch = client.queuedRecords(() -> 500);
        assertEquals(1, batch.count());
        SyncRecord record = batch.records().get(0);
        assertEquals("41", record.cursor());
        assertEquals(Action.UPDATE, record.action(), "insert is an upsert");
        assertEquals("S1", record.storeCode());
        client.acknowledge(List.of("41"));
        assertTrue(requests.get(1).endsWith(" {\"syncIDs\":[\"41\"]}"), requests.get(1));
        answers.put("/sync/v5/queued_records", "200 {\"integrationStarted\":true}");
        assertTrue(client.push(1, List.of(SyncRecord.of(9, "transact", "r2", false, "{\"ID\":\"r2\"}"))));
        assertTrue(
                requests.get(2).startsWith("POST /sync/v5/queued_records ")
                        && requests.get(2)
                                .endsWith(
                                        " {\"queueLength\":1,\"data\":[{\"syncOutId\":\"9\",\"tableName\":\"transact\",\"recordId\":\"r2\","
                                                + "\"action\":\"Update\",\"recordData\":{\"ID\":\"r2\"}}]}"),
                requests.get(2));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRefusalBecomesAnErrorThatSaysWhatToDo(boolean alternative) {
        answers.put("/sync/v5/site", "401 {\"error\":{\"code\":\"site_incorrect_hardware_id\",\"message\":\"no\"}}");
        SyncApiError error =
                assertThrows(SyncApiError.class, () -> client(alternative).site());
        assertEquals("site_incorrect_hardware_id", error.code());
        assertTrue(error.getMessage().contains("reset the site's hardware ID"), error.getMessage());
        assertEquals(1, requests.size(), "an error answer is not retried");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void a408IsRetriedUpToThreeAttempts(boolean alternative) {
        answers.put("/sync/v5/site_status", "200 {\"code\":\"idle\",\"message\":\"idle\",\"data\":null}");
        timeoutsToAnswer.set(2);
        assertEquals(OperationStatus.IDLE, client(alternative).siteStatus());
        assertEquals(3, requests.size());
        timeoutsToAnswer.set(3);
        assertThrows(ConnectionFailed.class, () -> client(alternative).siteStatus());
    }

    /** A sync lowers its request size after each attempt that got no answer: the next attempt asks for less. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void eachAttemptAsksForTheRequestSizeAsLoweredByTheFailedOnes(boolean alternative) {
        answers.put("/sync/v5/queued_records", "200 {\"queueLength\":0,\"data\":[]}");
        RequestSizeTuner tuner = new RequestSizeTuner(400);
        timeoutsToAnswer.set(2);
        client(alternative).onFailedAttempt(tuner::requestFailed).queuedRecords(tuner::size);
        assertEquals(
                List.of("limit=400", "limit=200", "limit=100"),
                requests.stream()
                        .map(request -> request.replaceAll("^GET \\S+\\?(limit=\\d+) .*$", "$1"))
                        .toList());
        assertEquals(100, tuner.size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aServerThatIsNotThereIsAConnectionFailure(boolean alternative) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SyncClient client =
                new SyncClient(SyncTransport.of(alternative, null), "http://127.0.0.1:" + closedPort, "s", "x", "d");
        ConnectionFailed failure = assertThrows(ConnectionFailed.class, client::site);
        assertTrue(failure.getMessage().contains("127.0.0.1"), failure.getMessage());
    }
}
