package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.syncsites.it.support.Chromium;
import org.syncsites.it.support.Keycloak;
import org.syncsites.it.support.WildFlyProcess;

/**
 * Single sign-on with OpenID Connect against a real Keycloak: a server of its own (port offset 200) configured with
 * wildfly-config/cli/oidc.cli as an administrator would, users signing in through Chromium at the provider, as a
 * viewer and as an editor (a member of the group that carries the editor role), and the permission following the
 * provider. Starts its own servers, so it runs with the cluster tests: {@code mvn verify -Pcluster,postgresql
 * -Dit.test=SingleSignOnWithKeycloak} (after {@code mvn install -Pcluster,postgresql -DskipTests}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleSignOnWithKeycloak {

    private static final String REALM = "sync-sites-it";
    private static final int KEYCLOAK_PORT = 8380;

    private Keycloak keycloak;
    private WildFlyProcess server;
    private WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        keycloak = Keycloak.start(KEYCLOAK_PORT, REALM, "keycloak/sync-sites-it-realm.json");
        server = WildFlyProcess.start(
                "sso",
                "standalone-full.xml",
                200,
                Map.of(
                        "syncsites.db.url",
                        WildFlyProcess.ownDatabase("sso"),
                        "syncsites.allowedOrigins",
                        "http://127.0.0.1:8280"),
                "sso-admin-password",
                List.of("oidc.cli"),
                Map.of(
                        "SYNCSITES_OIDC_PROVIDER_URL", keycloak.issuer(),
                        "SYNCSITES_OIDC_CLIENT_ID", "sync-sites",
                        "SYNCSITES_OIDC_CLIENT_SECRET", "it-client-secret"));
        server.awaitHealthy();
        browser = Chromium.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.kill();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void aViewerSignsInAtTheProviderAndMayLookButNotEdit() {
        browser.get(server.baseUrl() + "/sites.xhtml");
        signInAtProvider("vera.viewer", "vera-password-1");
        awaitPage("/sites.xhtml");
        assertEquals("vera.viewer", browser.findElement(By.id("current-user")).getText());
        assertTrue(browser.findElements(By.id("sites:new")).isEmpty(), "a viewer sees no New site button");
        assertTrue(browser.findElements(By.id("nav-password")).isEmpty(), "no password of ours to change");
        Chromium.screenshot(browser, "sso-01-viewer");

        JsonObject me = json(fetch("GET", "/api/admin/me", null));
        assertEquals("vera.viewer", me.getString("username"));
        assertTrue(me.getJsonArray("permissions").isEmpty(), me.toString());
        String refused = fetch("POST", "/api/admin/stores", "{\"code\":\"VERA\",\"name\":\"Vera's store\"}");
        assertTrue(refused.startsWith("403 "), refused);
    }

    @Test
    @Order(2)
    void signingOutEndsTheSessionAtTheProviderTooAndTheFormIsNotOffered() {
        signOut();
        assertFalse(browser.findElements(By.id("signed-out")).isEmpty(), browser.getPageSource());
        assertTrue(browser.findElements(By.id("login-form")).isEmpty(), "no password form with single sign-on");
        Chromium.screenshot(browser, "sso-02-signed-out");

        browser.findElement(By.id("sign-in-sso")).click();
        // signed out at the provider: it asks for a password again
        Chromium.waitFor(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertTrue(browser.getCurrentUrl().startsWith(keycloak.issuer()), browser.getCurrentUrl());
    }

    @Test
    @Order(3)
    void anEditorOfTheProvidersGroupEditsAndTheAuditSaysWhereThePermissionCameFrom() {
        signInAtProvider("eddie.editor", "eddie-password-1");
        awaitPage("/dashboard.xhtml");
        browser.get(server.baseUrl() + "/sites.xhtml");
        Chromium.screenshot(browser, "sso-03-editor");
        assertFalse(
                browser.findElements(By.id("sites:new")).isEmpty(),
                "an editor sees the New site button: " + fetch("GET", "/api/admin/me", null));

        String created = fetch("POST", "/api/admin/stores", "{\"code\":\"EDDIE\",\"name\":\"Eddie's store\"}");
        assertTrue(created.startsWith("201 "), created);
        String audit = fetch("GET", "/api/admin/audit?limit=20", null);
        assertTrue(audit.contains("\"actor\":\"eddie.editor\"") && audit.contains("EDDIE"), audit);
        assertTrue(audit.contains("Edit sync settings (role at the identity provider)"), audit);
    }

    @Test
    @Order(4)
    void anApiTokenOfAUserWhoSignsInAtTheProviderWorksForScripts() throws Exception {
        JsonObject token =
                json(fetch("POST", "/api/admin/me/tokens", "{\"name\":\"nightly export\",\"validDays\":30}"));
        HttpClient script = HttpClient.newHttpClient();
        HttpResponse<String> me = script.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/admin/me"))
                        .header("Authorization", "Bearer " + token.getString("token"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("eddie.editor", json(me.body()).getString("username"));
        HttpResponse<String> store = script.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/admin/stores"))
                        .header("Authorization", "Bearer " + token.getString("token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"code\":\"SCRIPT\",\"name\":\"Made by a script\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, store.statusCode(), store.body());
    }

    @Test
    @Order(5)
    void theSignInFormIsClosedWhenUsersSignInAtTheProvider() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> form = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("j_username=admin&j_password=sso-admin-password"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, form.statusCode());
        HttpResponse<String> me = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/admin/me"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, me.statusCode(), "the local administrator's password signs nobody in: " + me.body());
    }

    @Test
    @Order(6)
    void leavingTheProvidersGroupTakesThePermissionAwayAtTheNextSignIn() throws Exception {
        keycloak.leaveGroup("eddie.editor", "supply-chain-admins");
        signOut();
        browser.findElement(By.id("sign-in-sso")).click();
        signInAtProvider("eddie.editor", "eddie-password-1");
        awaitPage("/dashboard.xhtml");
        browser.get(server.baseUrl() + "/sites.xhtml");
        assertTrue(browser.findElements(By.id("sites:new")).isEmpty(), "no longer an editor");
        JsonObject me = json(fetch("GET", "/api/admin/me", null));
        assertTrue(me.getJsonArray("permissions").isEmpty(), me.toString());
        String refused = fetch("POST", "/api/admin/stores", "{\"code\":\"EDDIE2\",\"name\":\"Not any more\"}");
        assertTrue(refused.startsWith("403 "), refused);
    }

    /**
     * A user of the provider named like an account here that the provider did not make (the first administrator,
     * "admin") does not get that account: accounts are matched on the provider's issuer and subject, and a local
     * account is linked only when an editor allows it.
     */
    @Test
    @Order(7)
    void aProviderUserNamedLikeALocalAccountDoesNotGetIt() {
        signOut();
        browser.findElement(By.id("sign-in-sso")).click();
        signInAtProvider("admin", "admin-at-provider-1");
        Chromium.waitFor(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().startsWith(server.baseUrl()));
        Chromium.screenshot(browser, "sso-07-name-taken");
        assertTrue(
                browser.getPageSource().contains("that the identity provider did not make"),
                "refused, saying why: " + browser.getPageSource());
        String me = fetch("GET", "/api/admin/me", null);
        assertFalse(me.startsWith("200 "), "not signed in as the local administrator: " + me);
    }

    /**
     * Signs out: the application sends the browser to the provider's end-session endpoint, which comes back to the
     * sign-in page (after asking, if this Keycloak asks: the application sends it no ID token to recognise).
     */
    private void signOut() {
        browser.findElement(By.id("logout")).click();
        Chromium.waitFor(browser, Duration.ofSeconds(20))
                .until(driver -> driver.getCurrentUrl().startsWith(server.baseUrl() + "/login.xhtml")
                        || !driver.findElements(By.id("kc-logout")).isEmpty());
        if (!browser.findElements(By.id("kc-logout")).isEmpty()) {
            browser.findElement(By.id("kc-logout")).click();
        }
        awaitPage("/login.xhtml");
    }

    /** Fills in Keycloak's sign-in form, which the browser is on or is about to be sent to. */
    private void signInAtProvider(String username, String password) {
        Chromium.waitFor(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        assertTrue(
                browser.getCurrentUrl().startsWith(keycloak.issuer()), "at the provider: " + browser.getCurrentUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    private void awaitPage(String path) {
        Chromium.waitFor(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().startsWith(server.baseUrl() + path));
    }

    /** A request from the signed-in page (its session, same origin): "status body". */
    private String fetch(String method, String path, String body) {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const options = {method: arguments[0], headers: {'Accept': 'application/json'}};
                if (arguments[2] !== null) {
                    options.headers['Content-Type'] = 'application/json';
                    options.body = arguments[2];
                }
                fetch(arguments[1], options).then(r => r.text().then(t => done(r.status + ' ' + t)))
                    .catch(e => done('0 ' + e));
                """, method, path, body);
        return String.valueOf(answer);
    }

    private static JsonObject json(String statusAndBody) {
        String body = statusAndBody.matches("^\\d{3} .*") ? statusAndBody.substring(4) : statusAndBody;
        return Json.createReader(new StringReader(body)).readObject();
    }
}
