package org.syncsites.it.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A remote site speaking sync v5 to the server, as open-mSupply does: Basic auth with the site name and the
 * SHA-256 hex of its password, its hardware ID and versions in headers, POST bodies without a Content-Type.
 */
public final class RemoteSite {

    private final Browserless http = new Browserless();
    private String base = Browserless.BASE;
    private final String name;
    private final String password;
    private final String hardwareId;
    private String appName = "Open mSupply Desktop";
    private String appVersion = "2.20.0";
    private String version = "14";
    /** Attempts of each request when no answer comes (open-mSupply's three); 1: no retries. */
    private int attempts = 1;
    /** The Accept-Language header, or null for none. */
    private String languages;

    public RemoteSite(String name, String password, String hardwareId) {
        this.name = name;
        this.password = password;
        this.hardwareId = hardwareId;
    }

    public RemoteSite withPassword(String otherPassword) {
        return new RemoteSite(name, otherPassword, hardwareId).copyVersions(this);
    }

    public RemoteSite onDevice(String otherHardwareId) {
        return new RemoteSite(name, password, otherHardwareId).copyVersions(this);
    }

    public RemoteSite speakingVersion(String syncVersion) {
        RemoteSite copy = new RemoteSite(name, password, hardwareId).copyVersions(this);
        copy.version = syncVersion;
        return copy;
    }

    public RemoteSite asApp(String app) {
        RemoteSite copy = new RemoteSite(name, password, hardwareId).copyVersions(this);
        copy.appName = app;
        return copy;
    }

    /** The same site's device running another version of its app ({@code app-version}). */
    public RemoteSite runningAppVersion(String otherAppVersion) {
        RemoteSite copy = new RemoteSite(name, password, hardwareId).copyVersions(this);
        copy.appVersion = otherAppVersion;
        return copy;
    }

    /** The same site asking for messages in these languages ({@code Accept-Language}, e.g. "fr-FR, fr;q=0.9"). */
    public RemoteSite readingLanguages(String acceptLanguage) {
        RemoteSite copy = new RemoteSite(name, password, hardwareId).copyVersions(this);
        copy.languages = acceptLanguage;
        return copy;
    }

    /** The same site speaking to another server address, e.g. another cluster node. */
    public RemoteSite at(String serverUrl) {
        RemoteSite copy = new RemoteSite(name, password, hardwareId).copyVersions(this);
        copy.base = serverUrl;
        return copy;
    }

    /**
     * The same site trying each request up to three times when no answer comes, at once, as open-mSupply's
     * {@code with_retries} does for connection errors and time-outs (README, "Links that break"); this
     * client also retries an answer cut half way, which open-mSupply leaves to its next sync.
     */
    public RemoteSite retrying() {
        RemoteSite copy = new RemoteSite(name, password, hardwareId).copyVersions(this);
        copy.attempts = 3;
        return copy;
    }

    private RemoteSite copyVersions(RemoteSite other) {
        this.attempts = other.attempts;
        this.appName = other.appName;
        this.appVersion = other.appVersion;
        this.version = other.version;
        this.base = other.base;
        this.languages = other.languages;
        return this;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    /** A POST as open-mSupply sends it: a JSON string body and no Content-Type header. */
    public HttpResponse<String> post(String path, String body) {
        return send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(request);
            } catch (Browserless.NoAnswer noAnswer) {
                if (attempt >= attempts) {
                    throw noAnswer;
                }
            }
        }
    }

    /**
     * A POST to the legacy API v4 ({@code /api/v4/...}) as open-mSupply sends it: the site's sync credentials as HTTP
     * Basic, a JSON body, and none of the sync headers.
     */
    public HttpResponse<String> postToApiV4(String path, String body) {
        String credentials = name + ":" + sha256Hex(password);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v4/" + path))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** A GET of the legacy API v4 as open-mSupply sends it: HTTP Basic with the site's sync credentials only. */
    public HttpResponse<String> getFromApiV4(String pathAndQuery) {
        String credentials = name + ":" + sha256Hex(password);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v4/" + pathAndQuery))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build());
    }

    /** The GET this site sends, to be sent by a client of the caller's own (a load generator's). */
    public HttpRequest getRequest(String pathAndQuery) {
        return request(pathAndQuery).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        String credentials = name + ":" + sha256Hex(password);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/sync/v5/" + path));
        if (languages != null) {
            request.header("Accept-Language", languages);
        }
        return request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("msupply-site-uuid", hardwareId)
                .header("app-name", appName)
                .header("app-version", appVersion)
                .header("version", version);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
