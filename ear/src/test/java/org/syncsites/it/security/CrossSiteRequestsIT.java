package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.AnyCertificate;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * A page of another web site (here: another port of the same host) makes a signed-in admin's browser send
 * requests to Sync Sites. Each is what a browser would send on that page's behalf: the admin's cookie, and the
 * page's Origin or Referer.
 */
@ExtendWith(TestServer.class)
class CrossSiteRequestsIT {

    private static final String EVIL = "http://127.0.0.1:8081";

    private final Browserless signedIn = signedInBrowser();
    private final AdminApi admin = AdminApi.asAdmin();
    private final TestData data = TestData.fromOutside();

    @Test
    void anotherSitesPageCannotUnblockASiteOrResetItsHardwareId() {
        long siteId =
                AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(TestData.unique("Target"), 5, null))
                        .body());
        data.blocked(siteId);
        data.deviceSynced(siteId, "STANDALONE");
        data.blocked(siteId);
        for (String action : new String[] {"unblock", "hardware-id/reset"}) {
            HttpResponse<String> withOrigin = signedIn.send(
                    HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/admin/sites/" + siteId + "/" + action))
                            .header("Origin", EVIL)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build());
            assertEquals(403, withOrigin.statusCode(), withOrigin.body());
            assertTrue(withOrigin.body().contains("cross_origin_refused"), withOrigin.body());
            HttpResponse<String> withReferer = signedIn.send(
                    HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/admin/sites/" + siteId + "/" + action))
                            .header("Referer", EVIL + "/cats.html")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build());
            assertEquals(403, withReferer.statusCode(), withReferer.body());
        }
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE AND hardware_id IS NOT NULL",
                        siteId),
                "still blocked, device still bound");

        HttpResponse<String> ownPage = signedIn.send(
                HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/admin/sites/" + siteId + "/unblock"))
                        .header("Origin", Browserless.BASE)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertEquals(200, ownPage.statusCode(), "the server's own pages may: " + ownPage.body());
    }

    @Test
    void theApiTakesOnlyJsonWhichNoHtmlFormCanSend() {
        long siteId =
                AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(TestData.unique("Form"), 5, null))
                        .body());
        for (String type :
                new String[] {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(Browserless.BASE + "/api/admin/sites/" + siteId + "/hardware-id/reset"))
                    .POST(HttpRequest.BodyPublishers.ofString("x=1"));
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<String> answer = signedIn.send(request.build());
            assertEquals(415, answer.statusCode(), type + ": " + answer.body());
            assertTrue(answer.body().contains("json_required"), answer.body());
        }
    }

    @Test
    void signingOutTakesAPostSoThatALinkElsewhereCannotSignAnAdminOut() {
        HttpResponse<String> linked = signedIn.get("/logout");
        assertEquals(405, linked.statusCode());
        assertTrue(signedIn.get("/sites.xhtml").body().contains("sites:table"), "still signed in");
        HttpResponse<String> fromElsewhere =
                signedIn.send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/logout"))
                        .header("Origin", EVIL)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
        assertEquals(403, fromElsewhere.statusCode());
        assertTrue(signedIn.get("/sites.xhtml").body().contains("sites:table"), "still signed in");
    }

    @Test
    void pagesAndTheApiCannotBeFramedOrSniffedAndTheSessionCookieStaysOnThisSite() throws Exception {
        for (String path : new String[] {"/sites.xhtml", "/api/admin/sites", "/login.xhtml"}) {
            HttpResponse<String> answer = signedIn.get(path);
            assertEquals(
                    "nosniff",
                    answer.headers().firstValue("X-Content-Type-Options").orElse(""),
                    path);
            assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""), path);
            assertTrue(
                    answer.headers()
                            .firstValue("Content-Security-Policy")
                            .orElse("")
                            .contains("frame-ancestors 'none'"),
                    path);
        }
        HttpResponse<String> first = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(Browserless.BASE + "/sites.xhtml"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String cookie = first.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + first.headers()));
        assertTrue(cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"), cookie);
    }

    /**
     * Over HTTPS the session cookie is Secure and browsers are told to keep to HTTPS; over plain HTTP neither, and a
     * caller cannot claim HTTPS with a forwarded header on a server that was not told it stands behind a proxy.
     */
    @Test
    void theSessionCookieIsSecureOverHttpsOnlyAndAForwardedHeaderIsNotTakenOnTrust() throws Exception {
        HttpResponse<String> plain = firstVisit(HttpClient.newHttpClient(), Browserless.BASE, false);
        assertTrue(!secure(sessionCookie(plain)), sessionCookie(plain));
        // the sign-in page shown instead of the page asked for cannot be framed either
        assertEquals(
                "DENY",
                plain.headers().firstValue("X-Frame-Options").orElse(""),
                plain.headers().toString());
        HttpResponse<String> claimed = firstVisit(HttpClient.newHttpClient(), Browserless.BASE, true);
        assertTrue(!secure(sessionCookie(claimed)), "an X-Forwarded-Proto nobody vouches for");
        assertTrue(
                claimed.headers().firstValue("Strict-Transport-Security").isEmpty(),
                claimed.headers().toString());

        HttpResponse<String> secure = firstVisit(AnyCertificate.client(), "https://localhost:8443", false);
        assertTrue(secure(sessionCookie(secure)), sessionCookie(secure));
        assertTrue(
                secure.headers()
                        .firstValue("Strict-Transport-Security")
                        .orElse("")
                        .contains("max-age"),
                secure.headers().toString());
    }

    /** A first visit to a page that needs signing in, which opens a session. */
    static HttpResponse<String> firstVisit(HttpClient client, String base, boolean claimHttps) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/sites.xhtml"));
        if (claimHttps) {
            request.header("X-Forwarded-Proto", "https");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether the cookie has the Secure attribute (as Undertow writes it: in lower case). */
    static boolean secure(String setCookie) {
        return Arrays.stream(setCookie.split(";"))
                .anyMatch(attribute -> attribute.strip().equalsIgnoreCase("secure"));
    }

    static String sessionCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + answer.headers()));
    }

    private static Browserless signedInBrowser() {
        Browserless browser = new Browserless();
        browser.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        return browser;
    }
}
