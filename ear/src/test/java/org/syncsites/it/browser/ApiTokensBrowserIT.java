package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.AdminPages;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Chromium;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The page My API tokens in a real browser: a user creates a token, sees it once, a script uses it, the list shows
 * its last use, and revoking it (confirmed) stops the script. Screenshots in ear/target/screenshots (tokens-*).
 */
@ExtendWith(TestServer.class)
class ApiTokensBrowserIT {

    private static final String PASSWORD = "token-page-42";

    private final AdminApi api = AdminApi.asAdmin();
    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aUserCreatesATokenSeesItOnceAScriptUsesItAndRevokingStopsIt() {
        String user = TestData.unique("tokens").toLowerCase();
        assertEquals(
                201,
                api.call(
                                "POST",
                                "/api/admin/users",
                                "{\"username\":\"" + user + "\",\"fullName\":\"Tomás Token\",\"password\":\"" + PASSWORD
                                        + "\"}")
                        .statusCode());
        browser = Chromium.start();
        WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        AdminPages pages = new AdminPages(browser, wait);
        pages.signIn(user, PASSWORD);

        pages.click("nav-tokens");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens:table"), "no API tokens"));
        pages.click("tokens:create");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens"), "Give the token a name"));
        Chromium.screenshot(browser, "tokens-01-name-missing");

        pages.type("tokens:name", "nightly export");
        new Select(browser.findElement(By.id("tokens:validDays_input"))).selectByValue("30");
        pages.click("tokens:create");
        String token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tokens:createdToken")))
                .getDomProperty("value");
        assertTrue(token.startsWith("sst_"), token);
        assertTrue(pages.text("tokens:table").contains("nightly export"), pages.text("tokens:table"));
        assertTrue(pages.text("tokens:table").contains("never used"), pages.text("tokens:table"));
        Chromium.screenshot(browser, "tokens-02-created");

        assertEquals(200, script(token), "the script's request is answered");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tokens:table")));
        assertFalse(browser.getPageSource().contains(token), "the token is shown once only");
        assertFalse(
                pages.text("tokens:table").contains("never used"), "its use is shown: " + pages.text("tokens:table"));
        Chromium.screenshot(browser, "tokens-03-used");

        browser.findElement(By.cssSelector("[id='tokens:table'] .revoke-button"))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tokens:table"), "no API tokens"));
        assertTrue(pages.text("tokens").contains("was revoked"), pages.text("tokens"));
        Chromium.screenshot(browser, "tokens-04-revoked");
        assertEquals(401, script(token), "the script is refused once the token is revoked");
    }

    /** What a script gets for GET /api/admin/sites with the token. */
    private static int script(String token) {
        return Browserless.withToken(Browserless.BASE, token, "GET", "/api/admin/sites", null)
                .statusCode();
    }

    @Test
    void theApiIsTriedInTheBrowserAsTheSignedInUser() {
        String user = TestData.unique("explorer").toLowerCase();
        assertEquals(
                201,
                api.call(
                                "POST",
                                "/api/admin/users",
                                "{\"username\":\"" + user + "\",\"fullName\":\"Ana Explorer\",\"password\":\""
                                        + PASSWORD + "\"}")
                        .statusCode());
        browser = Chromium.start();
        WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(30));
        AdminPages pages = new AdminPages(browser, wait);
        pages.signIn(user, PASSWORD);
        pages.click("nav-tokens");
        pages.click("tokens:tryApi");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
        String operations = browser.findElement(By.id("swagger-ui")).getText();
        for (String path :
                new String[] {"/api/admin/sites", "/api/admin/stores/import", "/api/admin/me", "/api/admin/me/tokens"
                }) {
            assertTrue(operations.contains(path), "the page lists " + path + ": " + operations);
        }
        String me = "//div[contains(@class,'opblock-get')][.//*[@data-path='/api/admin/me']]";
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath(me + "//button[contains(@class," + "'opblock-summary-control')]")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(me + "//button[contains(@class,'try-out__btn')]")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(me + "//button[contains(@class,'execute')]")))
                .click();
        By answer = By.xpath(me + "//table[contains(@class,'live-responses-table')]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(answer, user));
        String response = browser.findElement(answer).getText();
        assertTrue(response.contains("200"), response);
        Chromium.screenshot(browser, "tokens-04-try-the-api");
    }
}
