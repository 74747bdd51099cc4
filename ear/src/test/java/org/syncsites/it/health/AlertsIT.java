package org.syncsites.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Alerts: a site crossing the critical threshold raises one alert (not one per look), shown on the dashboard, sent
 * once by e-mail through WildFly's mail subsystem to a real SMTP server (GreenMail, on the port the test server's
 * mail session uses: -Dsyncsites.smtp.port=3025 in arquillian.xml) and posted to a webhook; it clears when the site
 * syncs, and a new crossing raises a new one.
 */
@ExtendWith(TestServer.class)
@Order(1)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(TestServer.NETWORK_SETTINGS)
class AlertsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static GreenMail smtp;
    private static HttpServer webhook;
    private static final List<String> posted = Collections.synchronizedList(new ArrayList<>());

    private final AdminApi admin = AdminApi.asAdmin();
    private final TestData data = TestData.fromOutside();

    @BeforeAll
    static void anSmtpServerAndAWebhook() throws IOException {
        smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
        webhook.stop(0);
    }

    @AfterEach
    void nobodyToTellAnyMore() {
        settings("", "");
    }

    @Test
    void aSiteCrossingTheCriticalLineRaisesOneAlertSentOnceByMailAndWebhookThatClearsWhenItSyncs() throws Exception {
        settings(
                "ops@example.org, pharmacist@example.org",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        String name = TestData.unique("Alerting");
        long siteId = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        lastSync(siteId, Duration.ofDays(5));
        look();

        String hook = Eventually.await(
                "the webhook to be told about " + name,
                PATIENCE,
                () -> posted.stream()
                        .filter(body -> body.contains(name))
                        .findFirst()
                        .orElse(null),
                body -> body != null);
        JsonObject alert = Json.createReader(new StringReader(hook)).readObject().getJsonArray("alerts").stream()
                .map(a -> a.asJsonObject())
                .filter(a -> a.getString("siteName").equals(name))
                .findFirst()
                .orElseThrow();
        assertEquals("SITE_CRITICAL", alert.getString("kind"));
        assertEquals(siteId, alert.getJsonNumber("siteId").longValue());
        assertTrue(alert.getString("message").contains("has not completed a sync since"), alert.toString());

        MimeMessage mail =
                Eventually.await("the e-mail about " + name, PATIENCE, () -> mailAbout(name), m -> m != null);
        assertTrue(mail.getAllRecipients().length == 2, "both addresses");
        assertTrue(GreenMailUtil.getBody(mail).contains("has not completed a sync since"), GreenMailUtil.getBody(mail));
        assertTrue(admin.call("GET", "/api/admin/network", null).body().contains(name), "the dashboard shows it");

        look();
        look();
        assertEquals(1, data.count("SELECT COUNT(*) FROM alert WHERE site_id = ?", siteId), "one alert per crossing");
        assertEquals(1, posted.stream().filter(body -> body.contains(name)).count(), "sent once");
        assertEquals(1, mails(name), "mailed once");

        lastSync(siteId, Duration.ofMinutes(1));
        look();
        Eventually.await(
                "the alert to clear",
                PATIENCE,
                () -> data.count("SELECT COUNT(*) FROM alert WHERE site_id = ? " + "AND cleared_at IS NULL", siteId),
                open -> open == 0);
        assertFalse(admin.call("GET", "/api/admin/network", null).body().contains(name), "no longer on the dashboard");

        lastSync(siteId, Duration.ofDays(4));
        look();
        Eventually.await(
                "a second alert for the second crossing",
                PATIENCE,
                () -> posted.stream().filter(body -> body.contains(name)).count(),
                sent -> sent == 2);
        assertEquals(2, data.count("SELECT COUNT(*) FROM alert WHERE site_id = ?", siteId));
    }

    @Test
    void aMutedSitesAlertIsRaisedAndShownButSentOnlyOnceItsAlertsAreSentAgain() {
        settings("ops@example.org", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        String name = TestData.unique("Muted");
        long siteId = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        String mute = "/api/admin/sites/" + siteId + "/alert-mute";
        for (Duration until : new Duration[] {Duration.ofMinutes(-1), Duration.ofDays(91)}) {
            HttpResponse<String> refused =
                    admin.call("PUT", mute, "{\"until\":\"" + Instant.now().plus(until) + "\"}");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(
                    refused.body().contains("\"field\":\"until\"")
                            && refused.body().contains("90 days"),
                    refused.body());
        }
        long central =
                ((Number) data.rows("SELECT id FROM site WHERE central = TRUE").get(0)[0]).longValue();
        assertEquals(
                400,
                admin.call(
                                "PUT",
                                "/api/admin/sites/" + central + "/alert-mute",
                                "{\"until\":\"" + Instant.now().plus(Duration.ofDays(1)) + "\"}")
                        .statusCode(),
                "the central site raises no alerts");

        Instant until = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> muted = admin.call("PUT", mute, "{\"until\":\"" + until + "\"}");
        assertEquals(200, muted.statusCode(), muted.body());
        assertTrue(
                muted.body().contains("\"alertsMutedUntil\":\"" + until)
                        && muted.body().contains("\"alertsMutedBy\":\"" + As.ADMIN + "\""),
                muted.body());
        lastSync(siteId, Duration.ofDays(5));
        look();
        look(); // the first look's sending is over once the second has looked
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM alert WHERE site_id = ? AND cleared_at IS NULL AND "
                                + "notified_at IS NULL AND notify_attempts = 0",
                        siteId),
                "raised, not sent, not counted as a failure");
        assertFalse(posted.stream().anyMatch(body -> body.contains(name)), "no webhook");
        assertEquals(0, mails(name), "no e-mail");
        String dashboard = admin.call("GET", "/api/admin/network", null).body();
        assertTrue(
                dashboard.contains(name) && dashboard.contains("\"mutedUntil\":\"" + until),
                "shown, marked muted: " + dashboard);
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'SITE_ALERTS_MUTED' AND " + "entity_id = ?",
                        siteId),
                "audited");

        HttpResponse<String> sentAgain = admin.call("DELETE", mute, null);
        assertEquals(200, sentAgain.statusCode(), sentAgain.body());
        assertFalse(sentAgain.body().contains("alertsMuted"), sentAgain.body());
        look();
        Eventually.await(
                "the webhook to be told about " + name + " once its alerts are sent again",
                PATIENCE,
                () -> posted.stream().filter(body -> body.contains(name)).count(),
                sent -> sent == 1);
        Eventually.await("the e-mail about " + name, PATIENCE, () -> mailAbout(name), m -> m != null);
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'SITE_ALERTS_UNMUTED' AND " + "entity_id = ?",
                        siteId),
                "audited");
    }

    @Test
    void settingsRefuseWhatIsNeitherAnAddressNorAWebAddress() {
        JsonObject now =
                json(admin.call("GET", "/api/admin/network/settings", null).body());
        HttpResponse<String> badMail =
                admin.call("PUT", "/api/admin/network/settings", body(now, "ops at example", ""));
        assertEquals(400, badMail.statusCode(), badMail.body());
        assertTrue(
                badMail.body().contains("alertEmails") && badMail.body().contains("is not an e-mail address"),
                badMail.body());
        HttpResponse<String> badHook = admin.call("PUT", "/api/admin/network/settings", body(now, "", "ftp://x"));
        assertEquals(400, badHook.statusCode(), badHook.body());
        assertTrue(badHook.body().contains("alertWebhookUrl"), badHook.body());
    }

    /**
     * By default alerts are not posted into the internal network the central stands in: private, shared,
     * link-local (a cloud's metadata service) and unique-local addresses are refused, the central's own host is not.
     */
    @Test
    void aWebhookToAPrivateOrLinkLocalAddressIsRefused() {
        JsonObject now =
                json(admin.call("GET", "/api/admin/network/settings", null).body());
        for (String internal : List.of(
                "http://10.20.30.40/hook",
                "http://192.168.1.1:8080/x",
                "http://172.16.0.9/",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.64.1.1/",
                "http://[fd00::1]/hook",
                "http://[fe80::1]/",
                "http://[::ffff:10.0.0.1]/",
                "http://0.0.0.0:9990/")) {
            HttpResponse<String> refused = admin.call("PUT", "/api/admin/network/settings", body(now, "", internal));
            assertEquals(400, refused.statusCode(), internal + ": " + refused.body());
            assertTrue(
                    refused.body().contains("alertWebhookUrl") && refused.body().contains("private or link-local"),
                    refused.body());
        }
        settings("", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
    }

    /** What went wrong at the webhook is said in the central's own words: nothing of the far side's text. */
    @Test
    void aFailingWebhookIsReportedInTheCentralsOwnWords() throws Exception {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/hook", exchange -> {
            byte[] body = "secret internal detail".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        try {
            String answering =
                    failure("http://127.0.0.1:" + failing.getAddress().getPort() + "/hook");
            assertTrue(answering.contains("webhook: answered HTTP 500") && !answering.contains("secret"), answering);
            String closed = failure("http://127.0.0.1:" + closedPort + "/hook");
            assertTrue(closed.contains("webhook: it could not be reached."), closed);
        } finally {
            failing.stop(0);
        }
    }

    /** The error the dashboard shows for a new alert of a site, once sending it to the webhook failed. */
    private String failure(String webhookUrl) {
        settings("", webhookUrl);
        String name = TestData.unique("Unheard");
        long siteId = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        lastSync(siteId, Duration.ofDays(5));
        look();
        return Eventually.await(
                "the failure to send the alert about " + name,
                PATIENCE,
                () ->
                        data
                                .rows(
                                        "SELECT notify_error FROM alert WHERE site_id = ? AND notify_error IS NOT NULL",
                                        siteId)
                                .stream()
                                .map(row -> (String) row[0])
                                .findFirst()
                                .orElse(null),
                error -> error != null);
    }

    /** A webhook's address usually holds its secret: viewers read it without its path and query, editors whole. */
    @Test
    void viewersReadTheWebhookWithoutItsSecretPath() {
        settings("", "https://hooks.example.org/services/T000/B000/s3cr3t-t0ken");
        String viewer = TestData.unique("viewer").toLowerCase();
        assertEquals(
                201,
                admin.call(
                                "POST",
                                "/api/admin/users",
                                "{\"username\":\"" + viewer + "\",\"fullName\":"
                                        + "\"Vera Viewer\",\"password\":\"viewer-pass-1\"}")
                        .statusCode());
        AdminApi asViewer = AdminApi.as(viewer, "viewer-pass-1");
        String read = asViewer.call("GET", "/api/admin/network/settings", null).body();
        assertTrue(read.contains("\"alertWebhookUrl\":\"https://hooks.example.org/…\""), read);
        String dashboard = asViewer.call("GET", "/api/admin/network", null).body();
        assertFalse(dashboard.contains("s3cr3t"), "nor through the dashboard: " + dashboard);
        assertTrue(
                admin.call("GET", "/api/admin/network/settings", null).body().contains("s3cr3t-t0ken"),
                "an editor reads it whole");
        settings("", "");
    }

    /** Lets the next alerts timer (every 10 s) look now, and waits until it has. */
    private void look() {
        data.update("UPDATE cluster_timer SET next_run_at = ? WHERE name = 'alerts'", Timestamp.from(Instant.EPOCH));
        Eventually.await(
                "the alerts timer to look",
                PATIENCE,
                () -> data.count(
                        "SELECT COUNT(*) FROM cluster_timer " + "WHERE name = 'alerts' AND next_run_at > ?",
                        Timestamp.from(Instant.EPOCH)),
                looked -> looked == 1);
    }

    private void lastSync(long siteId, Duration ago) {
        data.update(
                "UPDATE site SET last_successful_sync_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(ago)),
                siteId);
    }

    private MimeMessage mailAbout(String name) {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (GreenMailUtil.getWholeMessage(message).contains(name)) {
                return message;
            }
        }
        return null;
    }

    /** Messages received about the site, counted once however many recipients each had. */
    private long mails(String name) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> GreenMailUtil.getWholeMessage(m).contains(name))
                .map(m -> {
                    try {
                        return m.getMessageID();
                    } catch (MessagingException e) {
                        throw new AssertionError(e);
                    }
                })
                .distinct()
                .count();
    }

    private void settings(String emails, String webhookUrl) {
        JsonObject now =
                json(admin.call("GET", "/api/admin/network/settings", null).body());
        HttpResponse<String> changed = admin.call("PUT", "/api/admin/network/settings", body(now, emails, webhookUrl));
        assertEquals(200, changed.statusCode(), changed.body());
    }

    private static String body(JsonObject now, String emails, String webhookUrl) {
        return Json.createObjectBuilder()
                .add("warningHours", now.getInt("warningHours"))
                .add("criticalHours", now.getInt("criticalHours"))
                .add("historyDays", now.getInt("historyDays"))
                .add("alertEmails", emails)
                .add("alertWebhookUrl", webhookUrl)
                .add("version", now.getJsonNumber("version"))
                .build()
                .toString();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
