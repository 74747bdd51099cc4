package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The Site users page in a real browser: an admin creates a site user, gives them a store, saves, and the user can
 * then sign in through the central as a device does; the window shows the sign-in. Screenshots in
 * ear/target/screenshots (site-users-*).
 */
@ExtendWith(TestServer.class)
class SiteUsersBrowserIT {

    private static final String PASSWORD = "dispensary-pass-7";

    private final AdminApi api = AdminApi.asAdmin();
    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminCreatesASiteUserGivesThemAStoreAndTheirSignInShowsInTheirWindow() {
        String store = TestData.unique("SB");
        api.createStore(store, "Browser clinic");
        String username = TestData.unique("maria").toLowerCase();
        browser = Chromium.start();
        WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        AdminPages pages = new AdminPages(browser, wait);
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);

        pages.click("nav-site-users");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("siteUsers:table")));
        pages.click("siteUsers:new");
        pages.type("newSiteUserForm:username", username);
        pages.type("newSiteUserForm:firstName", "Maria");
        pages.type("newSiteUserForm:lastName", "Cumbe");
        pages.type("newSiteUserForm:password", PASSWORD);
        pages.click("newSiteUserForm:create");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("siteUser"), "created"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("siteUser:storeToAdd")));

        pages.type("siteUser:storeToAdd", store);
        pages.click("siteUser:addStore");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("siteUser:access"), store));
        pages.click("siteUser:save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("siteUser"), "saved"));
        Chromium.screenshot(browser, "site-users-01-window");
        assertTrue(api.call("GET", "/api/admin/site-users?store=" + store, null)
                .body()
                .contains(username));

        HttpResponse<String> signIn = new Browserless()
                .send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/v4/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                                + PASSWORD + "\",\"loginType\":\"User\",\"siteName\":\"a site\"}"))
                        .build());
        assertEquals(200, signIn.statusCode(), signIn.body());
        assertTrue(signIn.body().contains("\"store_ID\":\"" + store + "\""), signIn.body());

        pages.type("siteUsers:store", store);
        pages.click("siteUsers:search");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("siteUsers:count"), "1 shown of 1"));
        browser.findElement(By.linkText(username)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("siteUser:signIns"), "signed in"));
        Chromium.scrollTo(browser, "siteUser:signIns");
        Chromium.screenshot(browser, "site-users-02-sign-ins");
    }

    /** Permission templates are edited in their window; users and their store access are imported from a file. */
    @Test
    void anAdminEditsATemplateThenImportsUsersGivenItFromAFile() throws Exception {
        String store = TestData.unique("SI");
        api.createStore(store, "Imported clinic");
        String template = TestData.unique("Vaccinator");
        String username = TestData.unique("joao").toLowerCase();
        browser = Chromium.start();
        WebDriverWait wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        AdminPages pages = new AdminPages(browser, wait);
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        browser.get(Browserless.BASE + "/site-users.xhtml");

        pages.click("siteUsers:templates");
        pages.type("templates:name", template);
        pages.type("templates:permissions", "2, 26, 39");
        pages.click("templates:save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("templates:list"), template));
        assertTrue(pages.text("templates:list").contains("2, 26, 39"), pages.text("templates:list"));
        Chromium.screenshot(browser, "site-users-03-templates");
        assertTrue(api.call("GET", "/api/admin/site-users/permission-templates", null)
                .body()
                .contains("\"name\":\"" + template + "\",\"permissions\":[2,26,39]"));
        browser.findElement(By.cssSelector(".ui-dialog-titlebar-close")).click();

        Path file = Files.createTempFile("site-users", ".csv");
        Files.writeString(
                file,
                "username,first_name,last_name,password,store,can_login,default," + "template\n" + username
                        + ",Joao,Sitoe,imported-pass-8," + store + ",true,true," + template + "\n");
        pages.click("siteUsers:import");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import:file")))
                .sendKeys(file.toString());
        pages.click("import:preview");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import:summary"), "1 to create"));
        Chromium.screenshot(browser, "site-users-04-import-checked");
        pages.click("import:apply");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("import:messages"), "1 site users created"));
        String users =
                api.call("GET", "/api/admin/site-users?store=" + store, null).body();
        assertTrue(users.contains(username), users);

        HttpResponse<String> signIn = new Browserless()
                .send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/v4/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":"
                                + "\"imported-pass-8\",\"loginType\":\"User\",\"siteName\":\"a site\"}"))
                        .build());
        assertEquals(200, signIn.statusCode(), signIn.body());
        String permissions = signIn.body().substring(signIn.body().indexOf("\"permissions\":[") + 15);
        String[] bits = permissions.substring(0, permissions.indexOf(']')).split(",");
        assertEquals("true", bits[25], "permission 26 of the template, at index 25");
        assertEquals("false", bits[26]);
    }
}
