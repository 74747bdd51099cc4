package org.syncsites.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncsites.remote.http.ConnectionFailed;
import org.syncsites.remote.http.HttpReply;
import org.syncsites.remote.http.SyncTransport;
import org.syncsites.security.CertificateFingerprints;
import org.syncsites.security.PinnedCertificate;

/**
 * A central with a self-signed certificate, as WildFly makes on first use: refused until an administrator trusts its
 * fingerprint, then reached by both HTTP clients, by an address its certificate does not name; another certificate
 * stays refused.
 */
class PinnedCertificateTest {

    @TempDir
    static Path keys;

    private static HttpsServer server;
    private static String fingerprint;

    @BeforeAll
    static void aServerWithASelfSignedCertificate() throws Exception {
        Path store = keys.resolve("central.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "central",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=central.example.org",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), said);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        fingerprint = CertificateFingerprints.of((X509Certificate) keyStore.getCertificate("central"));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpReply get(boolean alternative, String trusted) {
        return SyncTransport.of(alternative, trusted)
                .send(
                        "GET",
                        URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/sync/v5/site"),
                        Map.of(),
                        null,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anUntrustedCertificateIsRefusedWithItsFingerprintThenTrustedByIt(boolean alternative) {
        ConnectionFailed refused = assertThrows(ConnectionFailed.class, () -> get(alternative, null));
        assertEquals(fingerprint, refused.presentedCertificate(), refused.getMessage());

        HttpReply reply = get(alternative, refused.presentedCertificate());
        assertEquals(200, reply.status());
        assertEquals("{\"ok\":true}", reply.body());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anotherCertificatesFingerprintTrustsNothing(boolean alternative) {
        String another = PinnedCertificate.normalised("00".repeat(32));
        ConnectionFailed refused = assertThrows(ConnectionFailed.class, () -> get(alternative, another));
        assertEquals(fingerprint, refused.presentedCertificate());
    }

    @Test
    void aFingerprintIsTakenAsWrittenInEitherCaseWithOrWithoutColons() {
        assertEquals(
                fingerprint,
                PinnedCertificate.normalised(fingerprint.toLowerCase().replace(":", "")));
        assertEquals(fingerprint, PinnedCertificate.normalised(" " + fingerprint.replace(":", " ") + " "));
        assertNotNull(PinnedCertificate.normalised(fingerprint));
        assertNull(PinnedCertificate.normalised(fingerprint.substring(3)), "too short");
        assertNull(PinnedCertificate.normalised("G" + fingerprint.substring(1)), "not hexadecimal");
        assertNull(PinnedCertificate.normalised(""));
    }
}
