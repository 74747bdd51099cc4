package org.syncsites.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the tests: Keycloak (keycloak-quarkus-dist from Maven Central, unpacked by the
 * build into {@code target/keycloak}), started in development mode on 127.0.0.1 with a realm imported from the
 * test resources and its own fresh data, and an administrator for changing users during a test. Keycloak needs
 * Java 21 or later: the newest JDK under /usr/lib/jvm, or {@code -Dkeycloak.java.home}.
 */
public final class Keycloak implements AutoCloseable {

    private static final String ADMIN = "it-admin";
    private static final String ADMIN_PASSWORD = "it-admin-password";

    private final Process process;
    private final int port;
    private final String realm;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private Keycloak(Process process, int port, String realm, Path log) {
        this.process = process;
        this.port = port;
        this.realm = realm;
        this.log = log;
    }

    /** Starts Keycloak with the realm of {@code realmResource} (e.g. "keycloak/sync-sites-it-realm.json"). */
    public static Keycloak start(int port, String realm, String realmResource)
            throws IOException, InterruptedException {
        try (Socket taken = new Socket("127.0.0.1", port)) {
            throw new IllegalStateException("Port " + port + " is taken (another Keycloak left running?): "
                    + "the test's own Keycloak cannot start");
        } catch (ConnectException free) {
            // as it should be
        }
        Path home = Path.of(System.getProperty("keycloak.home"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + home + ": the build unpacks it with -Pcluster");
        }
        Path data = home.resolve("data");
        if (Files.exists(data)) { // a fresh realm every time: an earlier run may have changed its users
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(data.resolve("import"));
        try (var realmFile = Keycloak.class.getClassLoader().getResourceAsStream(realmResource)) {
            Files.copy(realmFile, data.resolve("import").resolve(realm + "-realm.json"));
        }
        Path log = Path.of("target", "keycloak.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--import-realm",
                        "--cache=local")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome());
        // Quarkus resets thread locals by reflection, which Java 24 and later allow only when asked
        builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Keycloak keycloak = new Keycloak(builder.start(), port, realm, log);
        keycloak.awaitReady();
        return keycloak;
    }

    /** The issuer of the realm, as the application is configured with it. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    /** Takes the user out of a group of the realm, as the organisation's IT would. */
    public void leaveGroup(String username, String group) throws IOException, InterruptedException {
        String token = adminToken();
        String userId = adminGet(token, "/users?exact=true&username=" + encode(username))
                .getJsonObject(0)
                .getString("id");
        String groupId = adminGet(token, "/groups?search=" + encode(group))
                .getJsonObject(0)
                .getString("id");
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(adminUrl() + "/users/" + userId + "/groups/" + groupId))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 204) {
            throw new AssertionError("Keycloak did not take " + username + " out of " + group + ": " + answer.body());
        }
    }

    private String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                                + ADMIN + "&password=" + ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("Keycloak's administrator could not sign in: " + answer.body());
        }
        return Json.createReader(new StringReader(answer.body())).readObject().getString("access_token");
    }

    private JsonArray adminGet(String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(adminUrl() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(answer.body())).readArray();
    }

    private String adminUrl() {
        return "http://127.0.0.1:" + port + "/admin/realms/" + realm;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        URI metadata = URI.create(issuer() + "/.well-known/openid-configuration");
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Keycloak stopped while starting:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(metadata).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        close();
        throw new AssertionError("Keycloak did not serve its realm within 4 minutes:\n" + Files.readString(log));
    }

    /** Java 21 or later for Keycloak: -Dkeycloak.java.home, else the newest JDK under /usr/lib/jvm. */
    private static String javaHome() throws IOException {
        String given = System.getProperty("keycloak.java.home");
        if (given != null && !given.isBlank()) {
            return given;
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java"))).forEach(candidates::add);
        }
        Optional<Path> newest =
                candidates.stream().filter(jdk -> feature(jdk) >= 21).max(Comparator.comparingInt(Keycloak::feature));
        return newest.orElseThrow(() -> new IllegalStateException("Keycloak needs Java 21 or later: none under "
                        + "/usr/lib/jvm (" + candidates + "); give one with -Dkeycloak.java.home"))
                .toString();
    }

    /** The JDK's feature version, from its release file (JAVA_VERSION="25.0.3"). */
    private static int feature(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring(line.indexOf('"') + 1);
                    return Integer.parseInt(version.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can read
        }
        return 0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        ProcessTrees.end(process, false, "Keycloak");
    }
}
