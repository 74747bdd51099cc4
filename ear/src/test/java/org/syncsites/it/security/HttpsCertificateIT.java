package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.WildFlyProcess;

/**
 * A server given the organisation's own certificate by wildfly-config/cli/https-certificate.cli, and set behind a TLS
 * proxy by behind-tls-proxy.cli, as README's "HTTPS" tells an operator: plain HTTP from another machine answers with a
 * permanent redirect to HTTPS that keeps the query string and the method (308): a remote site's push sent to an
 * http:// address is sent again as the same POST, not lost as a GET; what the proxy took over HTTPS is HTTPS here.
 */
class HttpsCertificateIT {

    private static final String PASSWORD = "https-keystore-password";
    private static WildFlyProcess server;

    @BeforeAll
    static void aServerWithItsOwnCertificate() throws Exception {
        Path keystore = Files.createTempDirectory("syncsites-tls").resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "30",
                        "-dname",
                        "CN=localhost",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .inheritIO()
                .start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made the keystore");
        server = WildFlyProcess.start(
                "https-own-certificate",
                "standalone-full.xml",
                400,
                Map.of("syncsites.db.url", WildFlyProcess.ownDatabase("https-own-certificate")),
                "https-admin-password",
                List.of("https-certificate.cli", "behind-tls-proxy.cli"),
                Map.of("SYNCSITES_KEYSTORE", keystore.toString(), "SYNCSITES_KEYSTORE_PASSWORD", PASSWORD));
        HttpClient client = HttpClient.newHttpClient();
        Eventually.await(
                "the server to answer plain HTTP",
                Duration.ofMinutes(3),
                () -> {
                    try {
                        return client.send(
                                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (Exception notYet) {
                        return 0;
                    }
                },
                status -> status > 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void whatATlsProxyTookOverHttpsGetsASecureCookieAndKeepsBrowsersToHttps() throws Exception {
        HttpClient client = asAProxyForwards();
        HttpResponse<String> proxied = CrossSiteRequestsIT.firstVisit(client, server.baseUrl(), true);
        assertTrue(
                CrossSiteRequestsIT.secure(CrossSiteRequestsIT.sessionCookie(proxied)),
                proxied.headers().toString());
        assertTrue(
                proxied.headers()
                        .firstValue("Strict-Transport-Security")
                        .orElse("")
                        .contains("max-age"),
                proxied.headers().toString());
        HttpResponse<String> overHttp = client.send(
                fromAnotherMachine(server.baseUrl() + "/sites.xhtml").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(308, overHttp.statusCode(), "a caller the proxy took over plain HTTP is sent on to HTTPS");
    }

    /**
     * HTTPS by default (web.cli, the base configuration): plain HTTP from another machine is sent on to HTTPS with its
     * method and query; this machine, and load balancers' health probes, are still served over plain HTTP.
     */
    @Test
    void plainHttpFromAnotherMachineIsSentOnToHttpsWithItsMethodAndQuery() throws Exception {
        HttpClient client = asAProxyForwards();
        HttpResponse<String> push = client.send(
                fromAnotherMachine(server.baseUrl() + "/sync/v5/queued_records?limit=5")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"queueLength\":0,\"data\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, push.statusCode(), "a POST is to be sent again as a POST: " + push.headers());
        String location = push.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith("https://") && location.endsWith("/sync/v5/queued_records?limit=5"), location);
        HttpResponse<String> page = client.send(
                fromAnotherMachine(server.baseUrl() + "/login.xhtml?next=/sites.xhtml")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, page.statusCode());
        assertTrue(
                page.headers().firstValue("Location").orElse("").endsWith("/login.xhtml?next=/sites.xhtml"),
                page.headers().toString());

        HttpResponse<String> probe = client.send(
                fromAnotherMachine(server.baseUrl() + "/api/health").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, probe.statusCode(), "a load balancer's probe over plain HTTP: " + probe.headers());
        HttpResponse<String> here = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login.xhtml"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, here.statusCode(), "this machine (loopback) over plain HTTP: " + here.headers());
    }

    /** HTTP/1.1 (proxies do not upgrade to HTTP/2 towards the server), following no redirect. */
    private static HttpClient asAProxyForwards() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A request as the trusted TLS proxy forwards it from a caller elsewhere who used plain HTTP. */
    private static HttpRequest.Builder fromAnotherMachine(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "http");
    }
}
