package org.syncsites.it.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncsites.it.support.AdminApi.id;
import static org.syncsites.it.support.RemoteSyncSites.awaitSyncAfter;
import static org.syncsites.it.support.RemoteSyncSites.field;
import static org.syncsites.it.support.RemoteSyncSites.recordCount;
import static org.syncsites.it.support.RemoteSyncSites.store;
import static org.syncsites.it.support.RemoteSyncSites.storeIdByCode;
import static org.syncsites.it.support.RemoteSyncSites.syncNow;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Chromium;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;
import org.syncsites.it.support.WildFlyProcess;

/**
 * Sync Sites as a remote site of Sync Sites: the server the tests deploy to is the central; the test starts a
 * second WildFly (port offset 100, a database of its own) as the remote site, and a third (offset 200) as a second
 * device with the same credentials. They speak sync v5 to each other over loopback.
 */
@ExtendWith(TestServer.class)
class RemoteSiteSyncIT {

    private static final String CENTRAL = "http://127.0.0.1:8080";
    private static final String REMOTE_ADMIN_PASSWORD = "remote-admin-password";
    private static final String SITE_PASSWORD = "remote-site-password";
    private static final List<WildFlyProcess> SERVERS = new ArrayList<>();

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(WildFlyProcess::kill);
    }

    @Test
    void aRemoteSyncSitesReceivesItsSiteBindsItsDeviceAndSendsWhatIsEnteredThere() throws Exception {
        AdminApi central = AdminApi.asAdmin();
        String storeCode = TestData.unique("RS");
        long storeId = central.createStore(storeCode, "Remote store");
        central.call(
                "POST",
                "/demo/api/stores/" + storeId + "/generated-records",
                "{\"storeRecords\":1500,\"storeSpecificCentralRecords\":3}");
        central.call("POST", "/demo/api/master-data/generated-records", "{\"count\":25}");
        String siteName = TestData.unique("Remote sync");
        long siteId = id(central.call(
                        "POST",
                        "/api/admin/sites",
                        "{\"settings\":{\"code\":\"\",\"name\":\"" + siteName
                                + "\",\"activeOnDatafile\":false,\"alternativeHttpClient\":false,\"syncIntervalMinutes\":5,"
                                + "\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\"" + SITE_PASSWORD
                                + "\",\"storesToAdd\":[" + storeId + "]}")
                .body());

        // The remote: set up, checked, and synced by its timer (the first sync is due at once).
        WildFlyProcess remoteServer = start("remote-a", 100);
        AdminApi remote = AdminApi.at(remoteServer.baseUrl(), "admin", REMOTE_ADMIN_PASSWORD);
        HttpResponse<String> saved =
                remote.call("PUT", "/api/admin/remote", settings(siteName, SITE_PASSWORD, 60, false));
        assertEquals(200, saved.statusCode(), saved.body());
        assertFalse(saved.body().contains(SITE_PASSWORD), "the password never comes back");
        String check = remote.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("It accepts the site name"), check);
        assertTrue(check.contains("not bound to a device yet"), check);
        assertFalse(check.contains("\"ok\":false"), check);

        String status = awaitSyncAfter(remote, null);
        assertTrue(status.contains("\"lastOutcome\":\"succeeded\""), status);
        assertTrue(status.contains("\"initialised\":true"), status);
        String hardwareId = field(status, "hardwareId");
        String centralSite =
                central.call("GET", "/api/admin/sites/" + siteId, null).body();
        assertEquals(hardwareId, field(centralSite, "hardwareId"), "the first sync bound the remote's device");
        assertTrue(centralSite.contains("\"queueLength\":0"), "everything queued was acknowledged: " + centralSite);
        assertEquals(1500, recordCount(remote, storeCode), "the remote holds all of its store's data");
        assertEquals("Remote store", store(remote, storeCode).getString("name"), "named as on the central");
        assertEquals(
                globalMasterRecords(centralDatabase()),
                globalMasterRecords(remoteDatabase(remoteServer)),
                "the remote holds all of the central's master data");
        assertEquals(
                3,
                count(
                        remoteDatabase(remoteServer),
                        "SELECT COUNT(*) FROM master_record m JOIN store s " + "ON s.id = m.store_id WHERE s.code = '"
                                + storeCode + "'"),
                "and its store's own master data");

        // The remote's Central server page shows the sync and checks the connection.
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(30));
            browser.get(remoteServer.baseUrl() + "/central-server.xhtml");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("j_username")))
                    .sendKeys("admin");
            browser.findElement(By.id("j_password")).sendKeys(REMOTE_ADMIN_PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("remote:lastOutcome"), "succeeded"));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("remote:check")))
                    .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("remote:report"), "It accepts the site name"));
            Chromium.screenshot(browser, "13-remote-site-central-server-page");
            browser.get(remoteServer.baseUrl() + "/sites.xhtml");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:table"), siteName));
            assertTrue(
                    browser.findElement(By.id("sites:table")).getText().contains("this site"),
                    "on a remote site, its own site is not called the central server");
        } finally {
            browser.quit();
        }

        // Records entered on the remote reach the central (this time with the alternative HTTP client).
        long localStore = storeIdByCode(remote, storeCode);
        remote.call("POST", "/demo/api/stores/" + localStore + "/generated-records", "{\"storeRecords\":40}");
        remote.call("PUT", "/api/admin/remote", settings(siteName, "", 60, true));
        status = syncNow(remote);
        assertTrue(status.contains("\"lastOutcome\":\"succeeded\""), status);
        assertTrue(status.contains("\"lastPushed\":40"), status);
        assertEquals(
                1540, recordCount(central, storeCode), "the central received the 40 records entered on the remote");
        status = syncNow(remote);
        assertTrue(
                status.contains("\"lastPushed\":0") && status.contains("\"lastReceived\":0"),
                "nothing is sent or received twice: " + status);

        // A second device with the same credentials is refused.
        WildFlyProcess secondServer = start("remote-b", 200);
        AdminApi second = AdminApi.at(secondServer.baseUrl(), "admin", REMOTE_ADMIN_PASSWORD);
        second.call("PUT", "/api/admin/remote", settings(siteName, SITE_PASSWORD, 60, false));
        check = second.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("bound to another device"), check);
        String refused = awaitSyncAfter(second, null);
        assertTrue(
                refused.contains("\"lastOutcome\":\"failed\"") && refused.contains("site_incorrect_hardware_id"),
                refused);

        // Wrong passwords: checks never count; another device's failed sign-ins never block the site (a stranger
        // must not lock its device out), so its real device still syncs.
        second.call("PUT", "/api/admin/remote", settings(siteName, "a-wrong-password", 60, false));
        check = second.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("does not accept the site name"), check);
        assertTrue(
                central.call("GET", "/api/admin/sites/" + siteId, null).body().contains("\"failedLoginCount\":0"),
                "a connection check is not a failed sign-in");
        for (int attempt = 1; attempt <= 6; attempt++) {
            String failed = syncNow(second);
            assertTrue(failed.contains("\"lastOutcome\":\"failed\""), failed);
        }
        assertTrue(
                central.call("GET", "/api/admin/sites/" + siteId, null).body().contains("\"blocked\":false"));
        status = syncNow(remote);
        assertTrue(status.contains("\"lastOutcome\":\"succeeded\""), "the real device still syncs: " + status);

        // The site's own device with a wrong password: blocked at the fifth failure (mSupply's rule).
        remote.call("PUT", "/api/admin/remote", settings(siteName, "a-wrong-password", 60, false));
        for (int attempt = 1; attempt <= 5; attempt++) {
            String failed = syncNow(remote);
            assertTrue(failed.contains("\"lastOutcome\":\"failed\""), failed);
        }
        centralSite = central.call("GET", "/api/admin/sites/" + siteId, null).body();
        assertTrue(centralSite.contains("\"blocked\":true"), centralSite);
        remote.call("PUT", "/api/admin/remote", settings(siteName, SITE_PASSWORD, 60, false));
        status = syncNow(remote);
        assertTrue(
                status.contains("\"lastOutcome\":\"failed\"") && status.contains("must unblock it"),
                "the blocked site's device is refused, right password or not: " + status);

        // An administrator unblocks the site: its device syncs again.
        assertEquals(
                200,
                central.call("POST", "/api/admin/sites/" + siteId + "/unblock", null)
                        .statusCode());
        status = syncNow(remote);
        assertTrue(status.contains("\"lastOutcome\":\"succeeded\""), status);

        // The central moves the store away from the site: what is entered for it on the remote stays there.
        JsonObject site = Json.createReader(new StringReader(
                        central.call("GET", "/api/admin/sites/" + siteId, null).body()))
                .readObject();
        assertEquals(
                200,
                central.call(
                                "PUT",
                                "/api/admin/sites/" + siteId,
                                "{\"expectedVersion\":"
                                        + site.getJsonNumber("version") + ",\"settings\":"
                                        + site.getJsonObject("settings")
                                        + ",\"storesToRemove\":[" + storeId + "]}")
                        .statusCode());
        remote.call("POST", "/demo/api/stores/" + localStore + "/generated-records", "{\"storeRecords\":5}");
        status = syncNow(remote);
        assertTrue(
                status.contains("\"lastOutcome\":\"succeeded\"") && status.contains("\"lastPushed\":0"),
                "records of a store now active on another site are not sent (nor refused): " + status);
        assertTrue(store(remote, storeCode).getBoolean("activeOnOtherSite"), "and the remote's store list says so");
        assertEquals(1540, recordCount(central, storeCode));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Over HTTPS (WildFly's https listener, port 8443, with its self-signed certificate): a remote that does not
     * trust the certificate says so in words and sends nothing; one given a trust store holding it syncs.
     */
    @Test
    void aRemoteSyncsOverHttpsOnlyWithACertificateItTrusts() throws Exception {
        AdminApi central = AdminApi.asAdmin();
        String storeCode = TestData.unique("TLS");
        long storeId = central.createStore(storeCode, "TLS store");
        central.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":120}");
        String siteName = TestData.unique("TLS site");
        central.call(
                "POST",
                "/api/admin/sites",
                "{\"settings\":{\"code\":\"\",\"name\":\"" + siteName
                        + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                        + SITE_PASSWORD + "\",\"storesToAdd\":[" + storeId + "]}");
        String https = "https://localhost:8443";

        WildFlyProcess untrusting = start("remote-untrusting", 300);
        AdminApi doubter = AdminApi.at(untrusting.baseUrl(), "admin", REMOTE_ADMIN_PASSWORD);
        doubter.call("PUT", "/api/admin/remote", settings(https, siteName, SITE_PASSWORD, 60, false));
        String check = doubter.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("is not trusted by this server"), check);
        // with the fingerprint of the certificate presented, which the central printed when it started
        Path trustStore = trustStoreWithTheCentralsCertificate();
        String fingerprint = centralsFingerprint(trustStore);
        assertTrue(check.contains("SHA-256 fingerprint " + fingerprint), fingerprint + " in " + check);
        Eventually.await(
                "the central to print its certificate's fingerprint",
                Duration.ofSeconds(30),
                () -> centralsLog().contains("SHA-256 fingerprint: " + fingerprint),
                printed -> printed);
        assertTrue(check.contains("\"untrustedCertificate\":\"" + fingerprint + "\""), check);
        assertTrue(
                central.call("GET", "/api/admin/remote", null).body().contains("\"ownCertificate\":\"" + fingerprint),
                "the central shows its own certificate's fingerprint");
        // its administrator trusts that certificate by its fingerprint: another fingerprint trusts nothing
        assertEquals(
                400,
                doubter.call("PUT", "/api/admin/remote/trusted-certificate", "{\"fingerprint\":\"AB:CD\"}")
                        .statusCode());
        doubter.call("PUT", "/api/admin/remote/trusted-certificate", "{\"fingerprint\":\"" + "00".repeat(32) + "\"}");
        check = doubter.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("is not trusted by this server"), check);
        String trusted = doubter.call(
                        "PUT",
                        "/api/admin/remote/trusted-certificate",
                        "{\"fingerprint\":\"" + fingerprint.replace(":", "").toLowerCase(Locale.ROOT) + "\"}")
                .body();
        assertTrue(trusted.contains("\"trustedCertificate\":\"" + fingerprint + "\""), trusted);
        check = doubter.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("It accepts the site name"), "trusted by its fingerprint: " + check);
        doubter.call("DELETE", "/api/admin/remote/trusted-certificate", null);
        check = doubter.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("is not trusted by this server"), "trusted no more: " + check);
        // a server left as installed takes no site user's password over plain HTTP: a 403 that is not the lockout's
        // shape (the device still signs its cached users in), not a 401 (which would refuse them)
        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(untrusting.baseUrl() + "/api/v4/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\"anyone\",\"password\":\"a-password\",\"loginType\":\"User\","
                                                + "\"siteName\":\"a site\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(403, login.statusCode(), login.body());
        assertTrue(login.body().contains("HTTPS") && !login.body().contains("user_login_timeout"), login.body());
        untrusting.kill();

        WildFlyProcess trusting = start(
                "remote-trusting",
                300,
                Map.of(
                        "javax.net.ssl.trustStore",
                        trustStore.toString(),
                        "javax.net.ssl.trustStorePassword",
                        "changeit",
                        "javax.net.ssl.trustStoreType",
                        "PKCS12"));
        AdminApi remote = AdminApi.at(trusting.baseUrl(), "admin", REMOTE_ADMIN_PASSWORD);
        remote.call("PUT", "/api/admin/remote", settings(https, siteName, SITE_PASSWORD, 60, false));
        check = remote.call("POST", "/api/admin/remote/check", null).body();
        assertTrue(check.contains("It accepts the site name"), check);
        String status = syncNow(remote);
        assertTrue(status.contains("\"lastOutcome\":\"succeeded\""), status);
        assertEquals(120, recordCount(remote, storeCode), "the store's data arrived over HTTPS");
        HttpResponse<String> page = httpsClient(trustStore)
                .send(
                        HttpRequest.newBuilder(URI.create(https + "/login.xhtml"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertTrue(
                page.headers()
                        .firstValue("Strict-Transport-Security")
                        .orElse("")
                        .contains("max-age"),
                "browsers are told to keep to HTTPS");
    }

    /** The central's certificate as a remote's operator would install it: in a PKCS12 trust store. */
    private static Path trustStoreWithTheCentralsCertificate() throws Exception {
        SSLContext trustingAll = SSLContext.getInstance("TLS");
        Certificate[] chain = new Certificate[1];
        trustingAll.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] c, String a) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] c, String a) {
                            chain[0] = c[0]; // only to read it: this test then trusts exactly this certificate
                        }

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        try (SSLSocket socket = (SSLSocket) trustingAll.getSocketFactory().createSocket("localhost", 8443)) {
            socket.startHandshake();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("central", chain[0]);
        Path file = Path.of("target", "central-truststore.p12").toAbsolutePath();
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }

    /** The SHA-256 fingerprint of the certificate in the trust store, as keytool shows it. */
    private static String centralsFingerprint(Path trustStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trustStore)) {
            store.load(in, "changeit".toCharArray());
        }
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(store.getCertificate("central").getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** The log of the server the tests deploy to (the central). */
    private static String centralsLog() {
        try {
            return Files.readString(TestServer.log());
        } catch (IOException notYet) {
            return "";
        }
    }

    private static HttpClient httpsClient(Path trustStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trustStore)) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    private static WildFlyProcess start(String name, int portOffset) throws Exception {
        return start(name, portOffset, Map.of());
    }

    private static WildFlyProcess start(String name, int portOffset, Map<String, String> properties) throws Exception {
        WildFlyProcess server =
                WildFlyProcess.startWithOwnDatabase(name, portOffset, REMOTE_ADMIN_PASSWORD, properties);
        SERVERS.add(server);
        return server;
    }

    private static String settings(String siteName, String password, int interval, boolean alternativeClient) {
        return settings(CENTRAL, siteName, password, interval, alternativeClient);
    }

    private static String settings(
            String centralUrl, String siteName, String password, int interval, boolean alternativeClient) {
        return "{\"serverUrl\":\"" + centralUrl + "\",\"siteName\":\"" + siteName + "\",\"newPassword\":\"" + password
                + "\",\"syncIntervalMinutes\":" + interval + ",\"syncRequestSize\":200,\"alternativeHttpClient\":"
                + alternativeClient + "}";
    }

    private static String centralDatabaseUrl() {
        return System.getProperty("syncsites.it.db.url");
    }

    private static Connection centralDatabase() throws SQLException {
        return connect(centralDatabaseUrl());
    }

    private static Connection remoteDatabase(WildFlyProcess server) throws SQLException {
        return connect(WildFlyProcess.ownDatabaseUrl(server.base().getFileName().toString()));
    }

    private static Connection connect(String url) throws SQLException {
        return url.startsWith("jdbc:postgresql:")
                ? DriverManager.getConnection(url, "postgres", "postgres")
                : DriverManager.getConnection(url, "sa", "sa");
    }

    private static long globalMasterRecords(Connection database) throws SQLException {
        return count(database, "SELECT COUNT(*) FROM master_record WHERE store_id IS NULL AND deleted = FALSE");
    }

    private static long count(Connection database, String sql) throws SQLException {
        try (Connection db = database;
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
