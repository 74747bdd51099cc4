package org.syncsites.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The network the load test syncs: {@code sites} remote sites named {@code <prefix>-1 .. <prefix>-<sites>}, each
 * with one store ({@code <prefix>S<n>}) holding {@code recordsPerStore} records queued for its site, and
 * {@code centralRecords} master records every site pulls from the central change log. Made on the server through
 * the demo application's generators (/demo/api, with the administrator's Basic credentials), as a person preparing a
 * trial would.
 */
final class LoadNetwork {

    static final String PASSWORD = "load-test-site-password";

    /** What open-mSupply's desktop app sends with every sync request, beside its credentials and hardware ID. */
    static final Map<String, String> CLIENT_HEADERS = Map.of("app-name", "Open mSupply Desktop",
            "app-version", "2.20.0", "version", "14");

    private final String server;
    private final String adminPassword;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    LoadNetwork(String server, String adminPassword) {
        this.server = server;
        this.adminPassword = adminPassword;
    }

    /** Generates the network and returns when everything is queued. */
    void generate(String prefix, int sites, int recordsPerStore, int centralRecords) throws Exception {
        demo("sites/generated", "{\"prefix\":\"" + prefix + "\",\"count\":" + sites + ",\"password\":\"" + PASSWORD
                + "\"}");
        demo("stores/generated", "{\"codePrefix\":\"" + storeCodePrefix(prefix) + "\",\"count\":" + sites
                + ",\"sitePrefix\":\"" + prefix + "\",\"siteCount\":" + sites + "}");
        if (centralRecords > 0) {
            demo("master-data/generated-records", "{\"count\":" + centralRecords + "}");
        }
        if (recordsPerStore > 0) {
            demo("stores/generated-records", "{\"codePrefix\":\"" + storeCodePrefix(prefix) + "\",\"storeRecords\":"
                    + recordsPerStore + "}");
        }
    }

    /** The code of site n's store is this prefix and n (codes are at most 20 characters). */
    static String storeCodePrefix(String sitePrefix) {
        return sitePrefix + "S";
    }

    /** Basic credentials of site {@code name}, as open-mSupply sends them: its name and its password's SHA-256. */
    static String siteAuthorization(String name) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(PASSWORD.getBytes(StandardCharsets.UTF_8)));
            return "Basic " + Base64.getEncoder().encodeToString((name + ":" + hash).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The central change log's last serial, as site {@code name} on {@code device} is told it. */
    static long maxCursor(String server, String name, String device) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server
                + "/sync/v5/central_records?cursor=0&limit=1")).header("Authorization", siteAuthorization(name))
                .header("msupply-site-uuid", device);
        CLIENT_HEADERS.forEach(request::header);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher max = java.util.regex.Pattern.compile("\"maxCursor\":(\\d+)").matcher(answer.body());
        if (answer.statusCode() != 200 || !max.find()) {
            throw new IllegalStateException("central_records answered " + answer.statusCode() + ": " + answer.body());
        }
        return Long.parseLong(max.group(1));
    }

    private String demo(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server + "/demo/api/" + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST /demo/api/" + path + " answered " + answer.statusCode() + ": "
                    + answer.body() + " (is the demo application deployed, and the admin password right?)");
        }
        return answer.body();
    }
}
