package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.AdminPages;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Chromium;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The site import page in a real browser: a file with a wrong line is previewed with the line's problem and cannot
 * be applied; the corrected file is previewed, applied after a confirmation, and the generated password shown once
 * signs the new site's device in; a file of stores imported from the stores page. Screenshots in
 * ear/target/screenshots (import-*).
 */
@ExtendWith(TestServer.class)
class SiteImportBrowserIT {

    private final AdminApi api = AdminApi.asAdmin();
    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aWrongLineIsShownThenTheCorrectedFileIsAppliedAndItsPasswordShownOnce() throws IOException {
        String store = TestData.unique("IMB");
        api.createStore(store, "Browser import store");
        String site = TestData.unique("Imported clinic");
        Path wrong = Files.writeString(
                Files.createTempFile("sites", ".csv"),
                "name,store_codes\n" + site + "," + store + "\n" + TestData.unique("Other") + ",NO-SUCH-CODE\n");
        Path right = Files.writeString(
                Files.createTempFile("sites", ".csv"), "name,store_codes\n" + site + "," + store + "\n");

        browser = Chromium.start();
        WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        AdminPages pages = new AdminPages(browser, wait);
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.click("sites:import");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import:file")))
                .sendKeys(wrong.toString());
        pages.click("import:preview");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import:lines")));
        assertTrue(pages.text("import:lines").contains("NO-SUCH-CODE"), pages.text("import:lines"));
        assertTrue(pages.text("import:summary").contains("1 with problems"), pages.text("import:summary"));
        assertTrue(browser.findElements(By.id("import:apply")).isEmpty(), "a file with a wrong line cannot be applied");
        Chromium.screenshot(browser, "import-01-problem");

        browser.findElement(By.id("import:file")).sendKeys(right.toString());
        pages.click("import:preview");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import:summary"), "1 to create"));
        assertTrue(pages.text("import:lines").contains(store), pages.text("import:lines"));
        Chromium.screenshot(browser, "import-02-preview");
        pages.click("import:apply");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        String password = wait.until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[id='import:passwordTable'] code")))
                .getText();
        assertTrue(pages.text("import:summary").contains("1 created"), pages.text("import:summary"));
        Chromium.screenshot(browser, "import-03-applied");

        assertEquals(
                200,
                new RemoteSite(site, password, "device-" + TestData.unique("d"))
                        .get("site")
                        .statusCode(),
                "the password shown signs the new site's device in");
        browser.get(Browserless.BASE + "/import.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import:file")));
        assertFalse(browser.getPageSource().contains(password), "it is shown once");
    }

    @Test
    void storesAreImportedFromTheStoresPage() throws IOException {
        String site = TestData.unique("Store page site");
        assertEquals(
                201,
                api.call("POST", "/api/admin/sites", AdminApi.site(site, 5, null))
                        .statusCode());
        String code = TestData.unique("SB").replace("-", "");
        Path file = Files.writeString(
                Files.createTempFile("stores", ".csv"),
                "code,name,site\n" + code + ",Store from a file," + site + "\n");

        browser = Chromium.start();
        WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        AdminPages pages = new AdminPages(browser, wait);
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        browser.get(Browserless.BASE + "/stores.xhtml");
        pages.click("stores:import");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import:file")))
                .sendKeys(file.toString());
        pages.click("import:preview");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import:summary"), "1 to create"));
        assertTrue(pages.text("import:lines").contains("new store"), pages.text("import:lines"));
        assertTrue(pages.text("import:lines").contains("becomes '" + site + "'"), pages.text("import:lines"));
        Chromium.screenshot(browser, "import-04-stores-preview");
        pages.click("import:apply");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import:summary"), "1 created"));
        assertTrue(browser.findElements(By.id("import:passwordTable")).isEmpty(), "stores have no passwords");
        Chromium.screenshot(browser, "import-05-stores-applied");
        assertTrue(
                api.get("/api/admin/stores/export.csv?filter=" + code, "text/csv")
                        .body()
                        .contains("," + code + ",Store from a file," + site + ",false,"),
                "the store is on its site");
    }
}
