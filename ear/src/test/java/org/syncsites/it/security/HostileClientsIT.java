package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/** What a careless or hostile client sends, and what it must get back. */
@ExtendWith(TestServer.class)
@Isolated("it floods the server: nothing else may run meanwhile")
class HostileClientsIT {

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void malformedJsonOnTheAdminApiIsA400WithTheErrorBodyNotAServerError() {
        for (String body :
                List.of("{not json", "{\"code\":\"X\",\"name\":", "[1,2", "{\"code\":{\"x\":1},\"name\":\"n\"}")) {
            HttpResponse<String> answer = admin.call("POST", "/api/admin/stores", body);
            assertEquals(400, answer.statusCode(), body + " -> " + answer.body());
            JsonObject error = json(answer.body()).getJsonObject("error");
            assertEquals("malformed_json", error.getString("code"));
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
    }

    @Test
    void aSiteWithoutItsSettingsIsA400ThatSaysWhatToGiveNotAServerError() {
        for (String path : List.of("/api/admin/sites", "/api/admin/sites/1")) {
            HttpResponse<String> answer =
                    admin.call(path.endsWith("sites") ? "POST" : "PUT", path, "{\"newPassword\":\"site-password-1\"}");
            assertEquals(400, answer.statusCode(), path + " -> " + answer.body());
            JsonObject error = json(answer.body()).getJsonObject("error");
            assertEquals("rule_violation", error.getString("code"), path + " -> " + answer.body());
            assertEquals(
                    "settings", error.getJsonArray("problems").getJsonObject(0).getString("field"), answer.body());
            assertTrue(error.getString("message").contains("settings"), answer.body());
        }
    }

    @Test
    void aSiteNameWithAColonIsRefusedAndOneMadeBeforeStillSignsIn() {
        HttpResponse<String> refused = admin.call("POST", "/api/admin/sites", AdminApi.site("Clinic:7", 5, null));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("cannot contain ':'"), refused.body());

        String name = TestData.unique("Old");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        String withColon = name + ":east";
        TestData.fromOutside()
                .update(
                        "UPDATE site SET name = ?, name_key = ? WHERE id = ?",
                        withColon,
                        withColon.toLowerCase(),
                        id); // as made by an older version
        HttpResponse<String> signedIn = new RemoteSite(withColon, "api-password-1", "device-" + name).get("site");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals(withColon, json(signedIn.body()).getString("name"));
    }

    @Test
    void theAdminApiAnswersACallerWhoIsNotSignedInWith401AndTheErrorBodyWhilePagesStillShowTheForm() {
        Browserless anonymous = new Browserless();
        for (String path : List.of("/api/admin/sites", "/api/admin/audit", "/api/admin/remote")) {
            HttpResponse<String> answer = anonymous.get(path);
            assertEquals(401, answer.statusCode(), path + " -> " + answer.body());
            assertEquals(
                    "sign_in_required",
                    json(answer.body()).getJsonObject("error").getString("code"));
        }
        assertTrue(anonymous.get("/sites.xhtml").body().contains("id=\"login-form\""), "pages lead to the form");
        assertEquals(200, admin.call("GET", "/api/admin/sites", null).statusCode(), "signed in, it answers");
    }

    @Test
    void fiftyWrongPasswordsAtOnceAreNotAllCheckedAndBlockTheSiteOnce() {
        String name = TestData.unique("Guessed");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        RemoteSite guesser = new RemoteSite(name, "wrong-password", "device-" + name);
        assertEquals(200, guesser.withPassword("api-password-1").get("site").statusCode(), "the device is bound");
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(50);
        for (int i = 0; i < 50; i++) {
            guesses.add(CompletableFuture.supplyAsync(() -> guesser.get("site"), threads));
        }
        // refused, or turned away before anything was counted (the node checks a bounded number at once)
        guesses.forEach(g -> assertTrue(
                Set.of(401, 429).contains(g.join().statusCode()), g.join().body()));
        threads.shutdown();
        TestData data = TestData.fromOutside();
        assertTrue(
                data.count("SELECT failed_login_count FROM site WHERE id = ?", id) <= 5,
                "each check was reserved before it was made: at most 5 checked");
        for (int more = 0;
                more < 10 && data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", id) == 0;
                more++) {
            assertEquals(401, guesser.get("site").statusCode());
        }
        assertEquals(5, data.count("SELECT failed_login_count FROM site WHERE id = ?", id));
        assertEquals(1, data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", id));
        assertEquals(
                1, data.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'SITE_BLOCKED' AND entity_id = ?", id));
    }

    /**
     * A flood of unknown names (each costs a password check's work) does not stall the sites that sync: a node checks
     * a bounded number of passwords at once and turns the rest away at once with 429 and {@code Retry-After}, while a
     * site signing in with its digest never waits for a turn. 48 connections flood for 10 s
     * ({@code -Dflood.seconds=}); a real site's requests meanwhile all succeed, and how long they took is printed.
     */
    @Test
    void aFloodOfUnknownNamesLeavesTheSitesThatSyncSyncing() throws Exception {
        String name = TestData.unique("Steady");
        AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        RemoteSite real = new RemoteSite(name, "api-password-1", "device-" + name);
        assertEquals(200, real.get("site").statusCode(), "signed in once: its digest is made");
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger turnedAway = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        Set<String> retryAfter = ConcurrentHashMap.newKeySet();
        ExecutorService attackers = Executors.newFixedThreadPool(48);
        for (int a = 0; a < 48; a++) {
            RemoteSite stranger = new RemoteSite(TestData.unique("No such site"), "guess", "attacker-" + a);
            attackers.submit(() -> {
                while (flooding.get()) {
                    HttpResponse<String> answer = stranger.get("site");
                    if (answer.statusCode() == 429) {
                        turnedAway.incrementAndGet();
                        answer.headers().firstValue("Retry-After").ifPresent(retryAfter::add);
                    } else if (answer.statusCode() == 401) {
                        refused.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }
            });
        }
        List<Long> millis = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("flood.seconds", 10));
        try {
            Eventually.await(
                    "the flood under way",
                    Duration.ofSeconds(30),
                    () -> turnedAway.get() + refused.get(),
                    answered -> answered >= 48);
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                HttpResponse<String> status = real.get("site_status");
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                assertEquals(200, status.statusCode(), "the real site is answered: " + status.body());
            }
        } finally {
            flooding.set(false);
            attackers.shutdown();
            assertTrue(attackers.awaitTermination(60, TimeUnit.SECONDS));
        }
        Collections.sort(millis);
        System.out.printf(
                "flood of unknown names over 48 connections: %d turned away (429), %d refused (401), "
                        + "%d other; a real site's %d site_status meanwhile: median %d ms, p95 %d ms, max %d ms%n",
                turnedAway.get(),
                refused.get(),
                other.get(),
                millis.size(),
                millis.get(millis.size() / 2),
                millis.get((int) (millis.size() * 0.95)),
                millis.get(millis.size() - 1));
        assertEquals(0, other.get(), "every stranger was refused or turned away");
        assertTrue(turnedAway.get() > 0, "the flood was turned away in part, unchecked");
        assertEquals(Set.of("5"), retryAfter, "and told when to try again");
    }

    @Test
    void aStrangersHundredWrongPasswordsFromAnotherDeviceDoNotLockTheSitesDeviceOut() {
        String name = TestData.unique("Targeted");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        RemoteSite device = new RemoteSite(name, "api-password-1", "device-" + name);
        assertEquals(200, device.get("site").statusCode(), "the site's device is bound");
        RemoteSite stranger = new RemoteSite(name, "guess", "stranger-laptop");
        for (int i = 0; i < 100; i++) {
            assertEquals(401, stranger.withPassword("guess-" + i).get("site").statusCode());
        }
        TestData data = TestData.fromOutside();
        assertEquals(0, data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", id), "not blocked");
        data.update("UPDATE site SET sync_credential_digest = NULL WHERE id = ?", id); // a new sync session: bcrypt
        assertEquals(200, device.get("site").statusCode(), "the real device still syncs");
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'OTHER_DEVICES_WAIT' AND entity_id = ?", id),
                "the stranger's attempts made other devices wait, audited once");
        assertEquals(
                401,
                stranger.withPassword("api-password-1").get("site").statusCode(),
                "while other devices wait, even the right password from another device is not checked");
    }

    @Test
    void aCopyOfTheDatabaseAloneCannotTestAPasswordGuessAgainstTheSignInDigest() throws Exception {
        String name = TestData.unique("Dumped");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        assertEquals(
                200,
                new RemoteSite(name, "api-password-1", "device-" + name)
                        .get("site")
                        .statusCode());
        List<Object[]> dump = TestData.fromOutside()
                .rows("SELECT password_hash, sync_credential_digest FROM site " + "WHERE id = ?", id);
        String hash = (String) dump.get(0)[0];
        String digest = (String) dump.get(0)[1];
        assertTrue(digest != null && !digest.isBlank(), "a digest is kept for the sync session");
        // the right guess, tested the way the digest was made before it was keyed: it must not verify
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(hash.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(RemoteSite.sha256Hex("api-password-1").getBytes(StandardCharsets.UTF_8));
        assertFalse(
                HexFormat.of().formatHex(sha.digest()).equals(digest),
                "the digest is keyed with a secret that is not in the database");
        Mac unkeyed = Mac.getInstance("HmacSHA256");
        unkeyed.init(new SecretKeySpec(hash.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertFalse(HexFormat.of()
                .formatHex(unkeyed.doFinal(
                        (hash + '\u0000' + RemoteSite.sha256Hex("api-password-1")).getBytes(StandardCharsets.UTF_8)))
                .equals(digest));
    }

    /** Seen before: 60 such requests in parallel, three rounds, made the server run out of memory 9 times. */
    @Test
    void fiftyUnauthenticatedChunkedTenMegabytePostsAreRefusedUnreadWhileARealSiteSyncs() throws Exception {
        String name = TestData.unique("Flooded");
        AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        RemoteSite device = new RemoteSite(name, "api-password-1", "device-" + name);
        assertEquals(200, device.get("site").statusCode());
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String credentials = Base64.getEncoder()
                .encodeToString((name + ":" + RemoteSite.sha256Hex("wrong")).getBytes(StandardCharsets.UTF_8));
        ExecutorService threads = Executors.newFixedThreadPool(50);
        List<Future<String>> floods = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            floods.add(threads.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(Browserless.BASE + "/sync/v5/queued_records"))
                        .header("Authorization", "Basic " + credentials)
                        .header("msupply-site-uuid", "flooder")
                        .header("app-name", "Open mSupply Desktop")
                        .header("version", "14")
                        // no length: chunked, 10 MB made as it is sent
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new TenMegabytes()))
                        .build();
                try {
                    return Integer.toString(client.send(request, HttpResponse.BodyHandlers.ofString())
                            .statusCode());
                } catch (IOException refusedMidway) {
                    return "closed"; // answered and closed before the whole body was sent
                }
            }));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(200, device.get("queued_records?limit=10").statusCode(), "the real site keeps syncing");
        }
        for (Future<String> flood : floods) {
            String outcome = flood.get(120, TimeUnit.SECONDS);
            // refused (429: turned away before its name's password work, as a flood is)
            assertTrue(Set.of("401", "429", "closed").contains(outcome), "refused, not failed: " + outcome);
        }
        threads.shutdown();
        assertTrue(new Browserless().get("/api/health").body().contains("\"UP\""));
        Path log = TestServer.log();
        assertFalse(Files.readString(log).contains("OutOfMemoryError"), "no OutOfMemoryError in " + log);
    }

    @Test
    void aRecordOfMoreThanAMillionCharactersIsRefusedAndLargeRecordsAreIntegratedInChunksByBytes() {
        String storeCode = TestData.unique("BIG");
        long storeId = admin.createStore(storeCode, "Big records");
        String name = TestData.unique("Bulky");
        AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, "\"storesToAdd\":[" + storeId + "]"))
                .body());
        RemoteSite device = new RemoteSite(name, "api-password-1", "device-" + name);
        HttpResponse<String> tooBig = device.post(
                "queued_records",
                "{\"queueLength\":1,\"data\":[" + bigRecord("TOO-BIG-" + name, storeCode, 1_000_100) + "]}");
        assertEquals(413, tooBig.statusCode(), tooBig.body());
        assertEquals(
                "record_too_large", json(tooBig.body()).getJsonObject("error").getString("code"));
        int records = 24;
        for (int batch = 0; batch < records / 6; batch++) {
            StringBuilder body = new StringBuilder("{\"queueLength\":" + (records - batch * 6) + ",\"data\":[");
            for (int i = 0; i < 6; i++) {
                body.append(i == 0 ? "" : ",")
                        .append(bigRecord("BIG-" + batch + "-" + i + "-" + name, storeCode, 900_000));
            }
            assertEquals(
                    200,
                    device.post("queued_records", body.append("]}").toString()).statusCode());
        }
        device.post("queued_records", "{\"queueLength\":0,\"data\":[]}");
        Eventually.await(
                "21 MB of records integrated",
                Duration.ofSeconds(120),
                () -> TestData.fromOutside().count("SELECT COUNT(*) FROM store_record WHERE store_id = ?", storeId),
                n -> n == records);
    }

    private static String bigRecord(String id, String store, int length) {
        return "{\"syncOutId\":\"1\",\"tableName\":\"transact\",\"recordId\":\"" + id + "\",\"action\":\"Update\","
                + "\"recordData\":{\"ID\":\"" + id + "\",\"store_ID\":\"" + store + "\",\"comment\":\""
                + "x".repeat(length) + "\"}}";
    }

    /**
     * More sites than the server has request threads call {@code initialise} at once while their data is still
     * being queued: the waiting requests hold no thread, so the server keeps answering, and each of them answers
     * once its data is queued. (Held threads, as before: the health check waited behind them.)
     */
    @Test
    void moreSitesInitialisingAtOnceThanTheServerHasThreadsLeaveItAnswering() throws Exception {
        int sites =
                Runtime.getRuntime().availableProcessors() * 16 + 10; // WildFly's default: 16 worker threads per core
        long storeId = admin.createStore(TestData.unique("IN"), "Initialising store");
        TestData data = TestData.fromOutside();
        List<RemoteSite> devices = new ArrayList<>();
        List<Long> siteIds = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            String name = TestData.unique("Initialising");
            long siteId = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                    .body());
            siteIds.add(siteId);
            RemoteSite device = new RemoteSite(name, "api-password-1", "device-" + name);
            // signed in before, one by one: they initialise with their digest, taking no turn to check a password
            assertEquals(200, device.get("site").statusCode());
            devices.add(device);
            // as if this site's data were still being queued (a resync job running, its heartbeat fresh)
            data.update(
                    "INSERT INTO resync_job (site_id, store_id, state, phase, requested_by, requested_at, started_at, "
                            + "heartbeat_at) VALUES (?, ?, 'RUNNING', 'STORE_RECORDS', 'test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                            + "CURRENT_TIMESTAMP + INTERVAL '1' HOUR)",
                    siteId,
                    storeId);
        }
        ExecutorService threads = Executors.newFixedThreadPool(sites);
        try {
            List<Future<HttpResponse<String>>> initialising = new ArrayList<>();
            for (RemoteSite device : devices) {
                initialising.add(threads.submit(() -> device.post("initialise", "{}")));
            }
            // every request has arrived: each site's initialisation has started, and its answer waits
            Eventually.await(
                    "every initialise request to arrive",
                    Duration.ofSeconds(60),
                    () -> data.count(
                            "SELECT COUNT(*) FROM site WHERE initialisation_status = 'started' AND id IN ("
                                    + "?,".repeat(siteIds.size() - 1) + "?)",
                            siteIds.toArray()),
                    arrived -> arrived == sites);
            assertTrue(initialising.stream().noneMatch(Future::isDone), "they wait for their data");
            long started = System.nanoTime();
            HttpResponse<String> health = new Browserless().get("/api/health");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(
                    millis < 2_000,
                    "the server answers at once while " + sites + " initialise requests wait: " + millis + " ms");

            data.update(
                    "UPDATE resync_job SET state = 'COMPLETED', finished_at = CURRENT_TIMESTAMP WHERE requested_by = 'test' "
                            + "AND store_id = ?",
                    storeId);
            for (Future<HttpResponse<String>> answer : initialising) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"queueLength\""), response.body());
            }
        } finally {
            threads.shutdownNow();
            data.update(
                    "UPDATE resync_job SET state = 'COMPLETED' WHERE requested_by = 'test' AND store_id = ?", storeId);
        }
    }

    /** A health check that fails says DOWN to anyone, and why (the database's own words) only in the server log. */
    @Test
    void theHealthCheckTellsAnonymousCallersThatTheDatabaseIsDownButNotWhy() {
        TestData data = TestData.fromOutside();
        data.update("ALTER TABLE site RENAME TO site_hidden_by_test");
        HttpResponse<String> health;
        try {
            health = new Browserless().get("/api/health");
        } finally {
            data.update("ALTER TABLE site_hidden_by_test RENAME TO site");
        }
        assertEquals(503, health.statusCode(), health.body());
        JsonObject checks = json(health.body()).getJsonObject("checks");
        assertEquals("DOWN", checks.getString("database"), health.body());
        for (String detail : List.of("SITE", "site", "not found", "does not exist", "jdbc", "postgres", "Exception")) {
            assertFalse(health.body().contains(detail), "no detail (" + detail + ") in " + health.body());
        }
        assertEquals(200, new Browserless().get("/api/health").statusCode(), "UP again");
    }

    /** 10 MB of a JSON-looking body, made as it is read. */
    private static final class TenMegabytes extends InputStream {
        private int left = 10 * 1024 * 1024;

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
                return -1;
            }
            int n = Math.min(length, left);
            Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            left -= n;
            return n;
        }
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
