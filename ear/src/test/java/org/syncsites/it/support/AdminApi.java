package org.syncsites.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls to the administration API (/api/admin) as a script makes them: signed in through the login form
 * once, then with the session cookie. Calls to the demo data generators (/demo/api, in the demo application the
 * tests deploy) go with the same user's Basic credentials, as a script sends them.
 */
public final class AdminApi {

    /** The admin's shared session on each server ({@link #asAdmin}). */
    private static final Map<String, Browserless> ADMIN_SESSIONS = new ConcurrentHashMap<>();

    private final Browserless http;
    private final String basicCredentials;
    /** The request's Accept-Language, or null for none (as a script sends). */
    private final String languages;

    private AdminApi(Browserless http, String basicCredentials, String languages) {
        this.http = http;
        this.basicCredentials = basicCredentials;
        this.languages = languages;
    }

    /**
     * The admin, signed in once per server for every test that only needs "an admin" (a sign-in is a bcrypt check,
     * and signing in for each test was a tenth of the test server's work); signed in again when a test ended that
     * session. Tests of sign-in itself use {@link #as}.
     */
    public static AdminApi asAdmin() {
        Browserless session = ADMIN_SESSIONS.compute(Browserless.BASE, (base, signedIn) -> {
            if (signedIn != null && stillSignedIn(signedIn)) {
                return signedIn;
            }
            Browserless fresh = new Browserless(base);
            fresh.signIn(As.ADMIN, As.ADMIN_PASSWORD);
            return fresh;
        });
        return new AdminApi(session, basic(As.ADMIN, As.ADMIN_PASSWORD), null);
    }

    private static boolean stillSignedIn(Browserless session) {
        return session.send(HttpRequest.newBuilder(URI.create(session.base() + "/api/admin/me"))
                                .header("Accept", "application/json")
                                .GET()
                                .build())
                        .statusCode()
                == 200;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static AdminApi as(String user, String password) {
        return at(Browserless.BASE, user, password);
    }

    /** Signed in on the server at {@code base} (another server than the one the tests deploy to). */
    public static AdminApi at(String base, String user, String password) {
        AdminApi api = new AdminApi(new Browserless(base), basic(user, password), null);
        api.http.signIn(user, password);
        return api;
    }

    /** The final answer of the sign-in form (after its redirect): the page it led to. */
    public HttpResponse<String> signInAgain(String user, String password) {
        return http.signIn(user, password);
    }

    /** Whether this session is signed in (and may go on), as the API sees it. */
    public boolean signedIn() {
        return call("GET", "/api/admin/me", null).statusCode() == 200;
    }

    /** The same signed-in session, sent to another server (a cluster node). */
    public AdminApi sameSessionAt(String otherBase) {
        return new AdminApi(http.sameSessionAt(otherBase), basicCredentials, languages);
    }

    /** The same signed-in session, asking for answers in these languages ({@code Accept-Language}). */
    public AdminApi readingLanguages(String acceptLanguage) {
        return new AdminApi(http, basicCredentials, acceptLanguage);
    }

    /** A GET asking for another type than JSON (a CSV export). */
    public HttpResponse<String> get(String path, String accept) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Accept", accept)
                .GET()
                .build());
    }

    /** A CSV file posted as a script sends one (an import). */
    public HttpResponse<String> postCsv(String path, String csv) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Accept", "application/json")
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
    }

    /** A body of another type than JSON posted as a script sends it (JSON lines, {@code application/x-ndjson}). */
    public HttpResponse<String> post(String path, String body, String contentType) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Accept", "application/json")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> call(String method, String path, String json) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(http.base() + path)).header("Accept", "application/json");
        if (path.startsWith("/demo/")) {
            request.header("Authorization", basicCredentials);
        }
        if (languages != null) {
            request.header("Accept-Language", languages);
        }
        if (json != null || !method.equals("GET") && !method.equals("DELETE")) {
            request.header("Content-Type", "application/json"); // the API takes nothing else (see BrowserProtection)
        }
        request.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build());
    }

    /** Creates a store (on the central site) and returns its ID. */
    public long createStore(String code, String name) {
        HttpResponse<String> created =
                call("POST", "/api/admin/stores", "{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}");
        assertTrue(created.statusCode() == 201, "store " + code + " not created: " + created.body());
        return id(created.body());
    }

    /**
     * Creates a user of the administration (a viewer, or an editor with "Edit sync settings" when {@code editor}) and
     * returns their ID.
     */
    public long createUser(String username, String fullName, String password, boolean editor) {
        HttpResponse<String> created = call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + username + "\",\"fullName\":\"" + fullName + "\",\"password\":\"" + password
                        + "\"}");
        assertTrue(created.statusCode() == 201, "user " + username + " not created: " + created.body());
        long id = id(created.body());
        if (editor) {
            HttpResponse<String> granted =
                    call("PUT", "/api/admin/users/" + id + "/permissions/EDIT_SYNC_SETTINGS", null);
            assertTrue(granted.statusCode() == 200, "permission not granted to " + username + ": " + granted.body());
        }
        return id;
    }

    /** The first "id" of a JSON body. */
    public static long id(String json) {
        Matcher matcher = Pattern.compile("\"id\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), "no id in " + json);
        return Long.parseLong(matcher.group(1));
    }

    /** Creates a site with this sync password and one store (a 5-minute interval, requests of 500) and returns its ID. */
    public long createSite(String name, String password, long storeId) {
        return id(call(
                        "POST",
                        "/api/admin/sites",
                        "{\"settings\":{\"code\":\"\",\"name\":\"" + name
                                + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},"
                                + "\"newPassword\":\"" + password + "\",\"storesToAdd\":[" + storeId + "]}")
                .body());
    }

    /** The JSON of a site change set with the usual values. */
    public static String site(String name, int syncIntervalMinutes, String extra) {
        return "{\"settings\":{\"code\":\"\",\"name\":\"" + name + "\",\"activeOnDatafile\":false,"
                + "\"alternativeHttpClient\":false,\"syncIntervalMinutes\":" + syncIntervalMinutes
                + ",\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\"api-password-1\""
                + (extra == null ? "" : "," + extra) + "}";
    }
}
