package org.syncsites.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Chromium;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.OpenMSupplySite;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.WildFlyProcess;

/**
 * Two WildFly nodes of standalone-full-ha.xml on this machine (port offset 100 for the second), one PostgreSQL
 * database, the EAR deployed on both. Started and stopped by the test itself, killed with SIGKILL on purpose.
 * Run: {@code mvn verify -Pcluster,postgresql -Dit.test=TwoNodeCluster} (after {@code mvn install -Pcluster}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class TwoNodeCluster {

    private static final String DATABASE = "syncsites_cluster";
    private static final String ADMIN_PASSWORD = "cluster-admin-password";
    private static final List<WildFlyProcess> NODES = new ArrayList<>();
    /** Records an open-mSupply site pushes to node 1 just before it dies. */
    private static final int PUSHED = 60_000;

    /** The server configuration the nodes run, while they run. */
    private static String serverConfig;

    /** The configuration to test: multicast here, TCP in {@link TwoNodeClusterOverTcp}. */
    String configuration() {
        return "standalone-full-ha.xml";
    }

    /** Two nodes of {@link #configuration()} on a fresh database, node 2 started once node 1 is healthy. */
    @BeforeAll
    void startTwoNodes() throws Exception {
        serverConfig = configuration();
        try (Connection admin = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TwoNodeCluster::killAll));
        NODES.add(start(1).awaitHealthy());
        NODES.add(start(2).awaitHealthy());
    }

    @AfterAll
    void stopNodes() {
        killAll();
    }

    @Test
    @Order(1)
    void anEditOnOneNodeIsSeenOnTheOtherAndConcurrentEditsConflict() {
        AdminApi one = admin(8080);
        AdminApi two = admin(8180);
        String name = TestData.unique("Cluster site");
        long id = id(one.call("POST", "/api/admin/sites", site(name, null)).body());
        assertTrue(two.call("GET", "/api/admin/sites/" + id, null).body().contains(name), "seen at once on node 2");
        assertEquals(
                200,
                one.call("PUT", "/api/admin/sites/" + id, site(name + " one", "\"expectedVersion\":0"))
                        .statusCode());
        HttpResponse<String> late =
                two.call("PUT", "/api/admin/sites/" + id, site(name + " two", "\"expectedVersion\":0"));
        assertEquals(409, late.statusCode(), late.body());
        assertTrue(two.call("GET", "/api/admin/sites/" + id, null).body().contains(name + " one"), "nothing lost");
    }

    @Test
    @Order(2)
    void signInsAcrossNodesShareCountersBindingAndUnblocking() {
        AdminApi one = admin(8080);
        String name = TestData.unique("Roaming");
        long id = id(one.call("POST", "/api/admin/sites", site(name, null)).body());
        RemoteSite viaOne = new RemoteSite(name, "cluster-site-password", "device-a").at("http://127.0.0.1:8080");
        RemoteSite viaTwo = viaOne.at("http://127.0.0.1:8180");
        assertEquals(200, viaOne.get("site").statusCode());
        assertEquals(401, viaTwo.onDevice("device-b").get("site").statusCode(), "the binding holds on node 2");
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? viaOne : viaTwo).withPassword("wrong-password").get("site");
        }
        assertTrue(viaTwo.get("site").body().contains("site_auth_timeout"), "5 failures over 2 nodes block");
        admin(8180).call("POST", "/api/admin/sites/" + id + "/unblock", null);
        assertEquals(200, viaOne.get("site").statusCode(), "the unblock on node 2 holds on node 1");
    }

    /** 50 wrong passwords at once, split over the two nodes: each check is reserved in the shared database first. */
    @Test
    @Order(2)
    void fiftyWrongPasswordsAtOnceOverBothNodesAreCheckedAtMostTheThresholdTimes() {
        String name = TestData.unique("Guessed");
        long id = id(
                admin(8080).call("POST", "/api/admin/sites", site(name, null)).body());
        RemoteSite device = new RemoteSite(name, "cluster-site-password", "device-" + name).at("http://127.0.0.1:8080");
        assertEquals(200, device.get("site").statusCode(), "the device is bound");
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(50);
        for (int i = 0; i < 50; i++) {
            RemoteSite guesser = device.withPassword("wrong-password")
                    .at(i % 2 == 0 ? "http://127.0.0.1:8080" : "http://127.0.0.1:8180");
            guesses.add(CompletableFuture.supplyAsync(() -> guesser.get("site"), threads));
        }
        // refused, or turned away before anything was counted (each node checks a bounded number at once)
        guesses.forEach(g -> assertTrue(
                g.join().statusCode() == 401 || g.join().statusCode() == 429,
                g.join().body()));
        threads.shutdown();
        TestData data = TestData.at("jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        assertTrue(
                data.count("SELECT failed_login_count FROM site WHERE id = ?", id) <= 5,
                "at most 5 checked, over both nodes");
        for (int more = 0;
                more < 10 && data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", id) == 0;
                more++) {
            assertEquals(401, device.withPassword("wrong-password").get("site").statusCode());
        }
        assertEquals(5, data.count("SELECT failed_login_count FROM site WHERE id = ?", id));
        assertEquals(
                1, data.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'SITE_BLOCKED' AND entity_id = ?", id));
        admin(8180).call("POST", "/api/admin/sites/" + id + "/unblock", null);
    }

    @Test
    @Order(2)
    void aUserDisabledOnOneNodeIsSignedOutOnBothAndFailedSignInsCountAcrossNodes() {
        AdminApi one = admin(8080);
        String user = TestData.unique("roamer").toLowerCase();
        HttpResponse<String> created = one.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + user + "\",\"fullName\":\"Rita Roamer\",\"password\":\"roamer-password\"}");
        assertEquals(201, created.statusCode(), created.body());
        long userId = id(created.body());
        AdminApi onOne = AdminApi.at("http://127.0.0.1:8080", user, "roamer-password");
        AdminApi onTwo = onOne.sameSessionAt("http://127.0.0.1:8180");
        assertTrue(onOne.signedIn() && onTwo.signedIn(), "one session, both nodes");
        assertEquals(
                200,
                admin(8180)
                        .call("POST", "/api/admin/users/" + userId + "/disable", "{}")
                        .statusCode());
        assertEquals(
                401, onOne.call("GET", "/api/admin/sites", null).statusCode(), "disabled on node 2, out on node 1");
        assertEquals(401, onTwo.call("GET", "/api/admin/sites", null).statusCode());
        assertEquals(
                200,
                one.call("POST", "/api/admin/users/" + userId + "/enable", "{}").statusCode());

        for (int i = 0; i < 5; i++) {
            AdminApi.at(i % 2 == 0 ? "http://127.0.0.1:8080" : "http://127.0.0.1:8180", user, "wrong-password-" + i);
        }
        assertFalse(
                AdminApi.at("http://127.0.0.1:8180", user, "roamer-password").signedIn(),
                "5 failures over 2 nodes make the account wait on both");
        assertFalse(
                AdminApi.at("http://127.0.0.1:8080", user, "roamer-password").signedIn());
    }

    @Test
    @Order(2)
    void anApiTokenMadeOnOneNodeWorksOnTheOtherAndItsRevocationHoldsOnBothAtOnce() {
        AdminApi one = admin(8080);
        HttpResponse<String> created = one.call("POST", "/api/admin/me/tokens", "{\"name\":\"cluster script\"}");
        assertEquals(201, created.statusCode(), created.body());
        String token = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertEquals(200, bearer(8180, token), "made on node 1, accepted by node 2");
        assertEquals(200, bearer(8080, token));
        assertEquals(
                204,
                admin(8180)
                        .call("DELETE", "/api/admin/me/tokens/" + id(created.body()), null)
                        .statusCode());
        assertEquals(401, bearer(8080, token), "revoked on node 2, refused by node 1 at once");
        assertEquals(401, bearer(8180, token));
    }

    private static int bearer(int port, String token) {
        return Browserless.withToken("http://127.0.0.1:" + port, token, "GET", "/api/admin/sites", null)
                .statusCode();
    }

    @Test
    @Order(3)
    void aSyncAlternatingBetweenNodesPullsAndAcknowledgesEverything() {
        AdminApi one = admin(8080);
        String code = TestData.unique("CL");
        long storeId = one.createStore(code, "Cluster store");
        one.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":2000}");
        String name = TestData.unique("Alternating");
        long siteId = id(one.call("POST", "/api/admin/sites", site(name, "\"storesToAdd\":[" + storeId + "]"))
                .body());
        RemoteSite[] nodes = {
            new RemoteSite(name, "cluster-site-password", "device-x").at("http://127.0.0.1:8080"),
            new RemoteSite(name, "cluster-site-password", "device-x").at("http://127.0.0.1:8180")
        };
        assertEquals(200, nodes[0].post("initialise", "{}").statusCode());
        int received = 0;
        for (int request = 0; ; request++) {
            String body = nodes[request % 2].get("queued_records?limit=300").body();
            List<String> ids = new ArrayList<>();
            Matcher matcher = Pattern.compile("\"syncOutId\":\"(\\d+)\"").matcher(body);
            while (matcher.find()) {
                ids.add("\"" + matcher.group(1) + "\"");
            }
            if (ids.isEmpty()) {
                break;
            }
            received += ids.size();
            assertEquals(
                    204,
                    nodes[(request + 1) % 2]
                            .post("acknowledged_records", "{\"syncIDs\":" + ids + "}")
                            .statusCode());
        }
        assertEquals(2000, received);

        // one session in the history, whichever node answered each request; a pause on one node holds on the other
        String history = admin(8180)
                .call("GET", "/api/admin/sites/" + siteId + "/history", null)
                .body();
        assertTrue(
                history.contains("\"pulled\":2000")
                        && history.contains("\"acknowledged\":2000")
                        && history.contains("\"outcome\":\"SUCCEEDED\"")
                        && !history.contains("},{"),
                history);
        assertEquals(
                200,
                one.call("POST", "/api/admin/sites/" + siteId + "/pause", null).statusCode());
        assertTrue(nodes[1].get("site").body().contains("site_sync_paused"), "paused on node 1, refused by node 2");
        assertEquals(
                200,
                admin(8180)
                        .call("POST", "/api/admin/sites/" + siteId + "/resume", null)
                        .statusCode());
        assertEquals(200, nodes[0].get("site").statusCode());
    }

    /** Both nodes' alert timers fire at the same second: a site crossing the critical line raises one alert. */
    @Test
    @Order(3)
    void bothNodesLookForAlertsAndACrossingRaisesOneAlert() throws Exception {
        AdminApi one = admin(8080);
        String name = TestData.unique("Silent");
        long siteId = id(one.call("POST", "/api/admin/sites", site(name, null)).body());
        TestData database = TestData.at("jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        database.update("UPDATE site SET last_successful_sync_at = now() - interval '10 days' WHERE id = ?", siteId);
        database.update("UPDATE cluster_timer SET next_run_at = now() - interval '1 hour' WHERE name = 'alerts'");
        Eventually.await(
                "an alert for " + name,
                Duration.ofSeconds(90),
                () -> database.count("SELECT COUNT(*) FROM alert WHERE site_id = ?", siteId),
                alerts -> alerts > 0);
        assertTrue(
                admin(8180).call("GET", "/api/admin/network", null).body().contains("\"kind\":\"SITE_CRITICAL\""),
                "the dashboard of either node shows it");
        // both nodes' timers fire in the same second: once the alerts are due again and a look has claimed them, the
        // looks of the second the alert was raised in are long over
        database.update("UPDATE cluster_timer SET next_run_at = TIMESTAMP '1970-01-01 00:00:00' WHERE name = 'alerts'");
        Eventually.await(
                "the next look for alerts",
                Duration.ofSeconds(90),
                () -> database.count(
                        "SELECT COUNT(*) FROM cluster_timer WHERE name = 'alerts' AND next_run_at > TIMESTAMP '1970-01-01 00:00:00'"),
                looked -> looked == 1);
        assertEquals(
                1, database.count("SELECT COUNT(*) FROM alert WHERE site_id = ?", siteId), "one alert, not one a node");
    }

    @Test
    @Order(4)
    void aResyncAndAPushIntegrationWhoseNodeIsKilledForGoodEndWithEveryRecordExactlyOnceAndSessionsAndEditsSurvive()
            throws Exception {
        AdminApi one = admin(8080);
        AdminApi two = admin(8180);
        String code = TestData.unique("KILL");
        long storeId = one.createStore(code, "Killed");
        one.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":400000}");
        String name = TestData.unique("Victim");
        long siteId = id(one.call("POST", "/api/admin/sites", site(name, null)).body());
        // An open-mSupply site has pushed 60,000 records to node 1; its push ends just before node 1 dies.
        String pushingStore = TestData.unique("PUSH");
        String pushingName = TestData.unique("Pusher");
        long pushingSite = id(one.call(
                        "POST",
                        "/api/admin/sites",
                        site(pushingName, "\"storesToAdd\":[" + one.createStore(pushingStore, "Pushing") + "]"))
                .body());
        OpenMSupplySite pusher = new OpenMSupplySite(pushingName, "cluster-site-password");
        pusher.sync(500);
        String invoices = TestData.unique("KILLED-INV") + "-";
        pusher.enterInvoices(invoices, pushingStore, PUSHED / 50, 49);
        pusher.pushChanges(500);
        long integratedAtTheKill;
        // An admin has the window of another site open on node 1, with an edit not saved yet.
        String edited = TestData.unique("Open edit");
        long editedId =
                id(one.call("POST", "/api/admin/sites", site(edited, null)).body());
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(30));
            browser.get("http://127.0.0.1:8080/site.xhtml?id=" + editedId);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("j_username")))
                    .sendKeys("admin");
            browser.findElement(By.id("j_password")).sendKeys(ADMIN_PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            WebElement codeInput = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("site:code")));
            codeInput.clear();
            codeInput.sendKeys("KEPT");

            one.call(
                    "PUT",
                    "/api/admin/sites/" + siteId,
                    site(name, "\"expectedVersion\":0,\"storesToAdd\":[" + storeId + "]"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (queued(siteId) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            pusher.endPush();
            Eventually.await(
                    "node 1 to begin integrating the push",
                    Duration.ofSeconds(60),
                    () -> integrated(invoices),
                    count -> count > 0);
            NODES.get(0).kill();
            integratedAtTheKill = integrated(invoices);
            assertTrue(integratedAtTheKill < PUSHED, "node 1 died before the integration was done");
            // A load balancer stops sending to node 1 once its health check fails; by then node 2 has noticed
            // the death too (about a second here). Requests in that first second may wait on the dead node.
            NODES.get(1).awaitLog("ISPN100001: Node node1 left the cluster");

            // The admin presses OK; the load balancer now sends the request to node 2.
            ((JavascriptExecutor) browser)
                    .executeScript("var form = document.getElementById('site');"
                            + "form.action = form.action.replace(':8080', ':8180');"
                            + "var ok = document.createElement('input'); ok.type = 'hidden'; ok.name = 'site:ok';"
                            + "ok.value = 'site:ok'; form.appendChild(ok); form.submit();");
            try {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "was saved"));
            } catch (org.openqa.selenium.TimeoutException e) {
                Chromium.screenshot(browser, "cluster-open-edit-failed");
                throw new AssertionError(
                        "After node 1 died, OK on node 2 showed " + browser.getCurrentUrl() + ": "
                                + browser.findElement(By.tagName("body")).getText() + "\nNode 2 logged:\n"
                                + NODES.get(1).errorsLogged(),
                        e);
            }
            Chromium.screenshot(browser, "cluster-open-edit-saved-on-node-2");
        } finally {
            browser.quit();
        }
        assertTrue(
                two.call("GET", "/api/admin/sites/" + editedId, null).body().contains("\"code\":\"KEPT\""),
                "the edit opened on node 1 was saved through node 2");
        // node 2 carries on: the session signed in on node 1 is valid there, and the job completes
        AdminApi sameSessionOnTwo = one.sameSessionAt("http://127.0.0.1:8180");
        assertEquals(
                200,
                sameSessionOnTwo.call("GET", "/api/admin/sites/" + siteId, null).statusCode());
        long deadline = System.currentTimeMillis() + 180_000;
        String progress = "";
        while (System.currentTimeMillis() < deadline) {
            progress = two.call("GET", "/api/admin/sites/" + siteId + "/resyncs", null)
                    .body();
            if (progress.contains("\"state\":\"COMPLETED\"")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(progress.contains("\"state\":\"COMPLETED\""), progress);
        try (Connection db = database();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*), COUNT(DISTINCT record_id) FROM sync_queue WHERE site_id = " + siteId)) {
            rows.next();
            assertEquals(400000, rows.getLong(1));
            assertEquals(400000, rows.getLong(2));
        }
        // Node 2 finishes the push integration node 1 was running (whichever node's broker held its next message: a
        // message in the dead node's journal is taken over by the watchdog once the integration is a minute stale).
        Eventually.await(
                "node 2 to finish the push integration",
                Duration.ofMinutes(5),
                () -> integrated(invoices),
                count -> count == PUSHED);
        System.out.println("Push integration: " + integratedAtTheKill + " of " + PUSHED
                + " records integrated when node 1 died; node 2 "
                + (NODES.get(1).logged("Resuming the stalled integration of site " + pushingSite)
                        ? "resumed it from node 1's message"
                        : "held its message"));
        try (Connection db = database();
                Statement statement = db.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT COUNT(*) FROM sync_in WHERE site_id = " + pushingSite)) {
            rows.next();
            assertEquals(0, rows.getLong(1), "nothing left to integrate, nothing set aside");
        }
    }

    /**
     * The cluster's secret is required: a node started without it does not start the application (WildFly cannot
     * resolve the cluster's expressions), and its log names the variable to set.
     */
    @Test
    @Order(5)
    void aNodeWithoutTheClustersSecretDoesNotStartTheApplication() throws Exception {
        WildFlyProcess stranger = start(3, Map.of());
        try {
            String log = startedLog(stranger);
            assertTrue(log.contains("SYNCSITES_CLUSTER_PASSWORD"), "its log names what is missing");
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(stranger.baseUrl() + "/api/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertTrue(health.statusCode() != 200, "the application is not started: " + health.statusCode());
        } finally {
            stranger.kill();
        }
    }

    /**
     * A node given a secret of its own, strong but not the cluster's, is not let in (JGroups AUTH): the cluster's view
     * (read on node 2) never holds it while it starts and after, and its channel does not start (its log says its
     * authentication failed).
     */
    @Test
    @Order(6)
    void aNodeWithAnotherSecretIsNotLetIntoTheCluster() throws Exception {
        WildFlyProcess stranger =
                start(3, Map.of("SYNCSITES_CLUSTER_PASSWORD", HexFormat.of().formatHex(SecureRandom.getSeed(32))));
        try {
            assertTrue(
                    startedLog(stranger).contains("SecurityException: authentication failed"),
                    "node 3's join was refused (JGroups AUTH)");
            long until = System.currentTimeMillis() + 15_000; // merges are tried every few seconds
            while (System.currentTimeMillis() < until) {
                // node 2's: node 1 may have been killed for good by an earlier test
                String view = NODES.get(1).management("/subsystem=jgroups/channel=ee:read-attribute(name=view)");
                assertTrue(view.contains("node2") && !view.contains("node3"), view);
                Thread.sleep(1_000);
            }
        } finally {
            stranger.kill();
        }
    }

    // ------------------------------------------------------------------ nodes

    /** The node's console log once it has finished starting (well or not). */
    private static String startedLog(WildFlyProcess node) {
        Path console = node.base().resolve("console.log");
        return Eventually.await(
                "the node to finish starting",
                Duration.ofMinutes(3),
                () -> {
                    try {
                        return Files.readString(console);
                    } catch (IOException notYet) {
                        return "";
                    }
                },
                text -> text.contains("WFLYSRV0025") || text.contains("WFLYSRV0026"));
    }

    private static AdminApi admin(int port) {
        return AdminApi.at("http://127.0.0.1:" + port, "admin", ADMIN_PASSWORD);
    }

    private static final String SIGN_IN_KEY = HexFormat.of().formatHex(SecureRandom.getSeed(32));

    /** The cluster's secret, as README asks: the same on every node (SYNCSITES_CLUSTER_PASSWORD). */
    private static final String CLUSTER_SECRET = HexFormat.of().formatHex(SecureRandom.getSeed(32));

    private static WildFlyProcess start(int node) throws IOException {
        return start(node, Map.of("SYNCSITES_CLUSTER_PASSWORD", CLUSTER_SECRET));
    }

    private static WildFlyProcess start(int node, Map<String, String> environment) throws IOException {
        return WildFlyProcess.start(
                "node" + node,
                serverConfig,
                (node - 1) * 100,
                Map.of(
                        "jboss.node.name",
                        "node" + node,
                        "syncsites.db.url",
                        "jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                        "syncsites.resync.staleAfterSeconds",
                        "30",
                        "syncsites.resync.chunkSize",
                        "20000",
                        // one sign-in key for the cluster, as README asks: a digest made on one node holds on the other
                        "syncsites.signIn.key",
                        SIGN_IN_KEY,
                        // the test plays the load balancer by sending a page's request to the other node's port
                        "syncsites.allowedOrigins",
                        "http://127.0.0.1:8080,http://127.0.0.1:8180"),
                ADMIN_PASSWORD,
                List.of(),
                environment);
    }

    private static void killAll() {
        NODES.forEach(WildFlyProcess::kill);
        NODES.clear();
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "postgres");
    }

    /** Records of the store's pushed invoices in the central data (each record ID is there at most once). */
    private static long integrated(String invoicePrefix) {
        try (Connection db = database();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM store_record WHERE record_id LIKE '" + invoicePrefix + "%'")) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long queued(long siteId) throws Exception {
        try (Connection db = database();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM sync_queue WHERE site_id = " + siteId)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String site(String name, String extra) {
        return "{\"settings\":{\"code\":\"\",\"name\":\"" + name
                + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,"
                + "\"serverUrl\":\"\"},\"newPassword\":\"cluster-site-password\"" + (extra == null ? "" : "," + extra)
                + "}";
    }

    private static long id(String json) {
        return AdminApi.id(json);
    }
}
