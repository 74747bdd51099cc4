package org.syncsites.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An HTTP client that keeps cookies, as a browser would, for tests that speak to the server from outside. */
public final class Browserless {

    public static final String BASE = System.getProperty("syncsites.base.url", "http://127.0.0.1:8080");

    private final CookieManager cookies;
    private final HttpClient client;

    private final String base;

    /** A client of the server the tests deploy to. */
    public Browserless() {
        this(BASE);
    }

    /** A client of the server at {@code base}, e.g. http://127.0.0.1:8180. */
    public Browserless(String base) {
        this(base, new CookieManager());
    }

    private Browserless(String base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A client of another server (a cluster node) that sends this one's cookies: the same session. */
    public Browserless sameSessionAt(String otherBase) {
        CookieManager copy = new CookieManager();
        cookies.getCookieStore().getCookies().forEach(c -> copy.getCookieStore().add(URI.create(otherBase), c));
        return new Browserless(otherBase, copy);
    }

    /** The session's cookies as a request header sends them. */
    public String cookieHeader() {
        return String.join(
                "; ",
                cookies.getCookieStore().getCookies().stream()
                        .map(c -> c.getName() + "=" + c.getValue())
                        .toList());
    }

    /** The status and body of a raw answer. */
    public record Raw(int status, String body) {}

    /**
     * A GET of the path exactly as written (no client normalises it: {@code ..}, {@code ;}, {@code //} and encoded
     * dots travel as they are, as {@code curl --path-as-is} sends them), with this client's cookies.
     */
    public Raw getAsWritten(String rawPath) {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nCookie: "
                            + cookieHeader() + "\r\nAccept: text/html,application/json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Raw(
                    Integer.parseInt(response.substring(9, 12)),
                    response.substring(Math.max(0, response.indexOf("\r\n\r\n") + 4)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> postForm(String path, String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    /** Opens a protected page, which leads to the sign-in form, and signs in with it. */
    public HttpResponse<String> signIn(String username, String password) {
        get("/sites.xhtml");
        return postForm("/sign-in", "j_username", username, "j_password", password);
    }

    /** A request as a script sends it with an API token: no cookies, no sign-in. */
    public static HttpResponse<String> withToken(String base, String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return new Browserless(base).send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NoAnswer(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** No answer came: the server was not reached, or the connection broke before the whole answer arrived. */
    public static final class NoAnswer extends AssertionError {
        NoAnswer(HttpRequest request, IOException cause) {
            super("No answer from " + request.uri() + ": " + cause, cause);
        }
    }
}
