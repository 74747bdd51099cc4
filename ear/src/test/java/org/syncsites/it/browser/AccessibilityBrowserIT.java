package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.AdminPages;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Chromium;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Every page, in every language, checked by axe-core (Deque's accessibility engine, the rules of WCAG 2.1 A and AA and
 * best practices) in a real browser: no serious or critical violation. The sign-in page first, then every page an
 * editor opens from the menu, a site's window included.
 */
@ExtendWith(TestServer.class)
class AccessibilityBrowserIT {

    private static final String PASSWORD = "accessible-42";

    private static final String AXE = axeSource();

    private final AdminApi api = AdminApi.asAdmin();
    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US,en", "fr-FR,fr", "es-ES,es", "pt-PT,pt"})
    void noPageHasASeriousOrCriticalViolation(String languages) {
        // a line in every list, whatever ran before: the lines' links and badges are checked too
        long storeId = api.createStore(TestData.unique("A11Y"), "Accessible store");
        long siteId = AdminApi.id(api.call(
                        "POST",
                        "/api/admin/sites",
                        AdminApi.site(TestData.unique("Accessible"), 5, "\"storesToAdd\":[" + storeId + "]"))
                .body());
        HttpResponse<String> siteUser = api.call(
                "POST",
                "/api/admin/site-users",
                "{\"username\":\"" + TestData.unique("a11y-user").toLowerCase()
                        + "\",\"firstName\":\"Ana\",\"lastName\":\"Sitoe\",\"jobTitle\":\"Pharmacist\","
                        + "\"language\":\"pt\",\"password\":\"site-user-password-1\"}");
        assertEquals(201, siteUser.statusCode(), siteUser.body());
        String user = TestData.unique("a11y").toLowerCase();
        api.createUser(user, "Ada Access", PASSWORD, true);
        browser = Chromium.start(languages, null);
        WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        AdminPages pages = new AdminPages(browser, wait);
        List<String> problems = new ArrayList<>();

        browser.get(Browserless.BASE + "/login.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        problems.addAll(violations("/login.xhtml"));
        pages.signIn(user, PASSWORD);
        for (String page : AdminPages.MENU_PAGES) {
            browser.get(Browserless.BASE + page);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.content")));
            problems.addAll(violations(page));
        }
        pages.openSite(siteId);
        problems.addAll(violations("/site.xhtml"));

        assertEquals(List.of(), problems, languages + ": serious or critical violations");
    }

    /** axe-core's serious and critical violations on the page shown: "page: rule (impact): help: elements". */
    private List<String> violations(String page) {
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(AXE);
        Object answer = script.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify({violations: r.violations})); })"
                + ".catch(function (e) { done(JSON.stringify({error: String(e)})); });");
        JsonObject result = Json.createReader(new StringReader((String) answer)).readObject();
        if (result.containsKey("error")) {
            throw new AssertionError(page + ": axe-core failed: " + result.getString("error"));
        }
        List<String> found = new ArrayList<>();
        for (JsonObject violation : result.getJsonArray("violations").getValuesAs(JsonObject.class)) {
            String impact = violation.getString("impact", "");
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> where = violation.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                        .limit(4)
                        .map(node -> node.getJsonArray("target").toString())
                        .toList();
                found.add(page + ": " + violation.getString("id") + " (" + impact + "): " + violation.getString("help")
                        + ": " + where);
            }
        }
        return found;
    }

    private static String axeSource() {
        try (InputStream axe = AccessibilityBrowserIT.class.getResourceAsStream("/axe.min.js")) {
            if (axe == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core)");
            }
            return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
