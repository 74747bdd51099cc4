package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
 * The pages used without a mouse, and on the screens admins have: signing in, finding a site in the list, opening and
 * editing it with the keyboard alone (Tab to move, Enter to act); and every page of the menu and a site window on a 1,280-pixel laptop and a
 * 768-pixel tablet without being wider than the screen. Screenshots: keys-*, screen-*.
 */
@ExtendWith(TestServer.class)
class KeyboardAndScreensBrowserIT {

    private final AdminApi api = AdminApi.asAdmin();
    private WebDriver browser;
    private WebDriverWait wait;
    private AdminPages pages;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        pages = new AdminPages(browser, wait);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void anAdminSignsInFindsASiteOpensAndRenamesItWithTheKeyboardAlone() {
        String name = TestData.unique("Keyboard clinic");
        long siteId = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());

        browser.get(Browserless.BASE + "/login.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        tabTo("j_username").sendKeys(As.ADMIN);
        tabTo("j_password").sendKeys(As.ADMIN_PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("dashboard.xhtml"));
        tabTo("nav-sites").sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sites:table")));

        tabTo("sites:filter").sendKeys(name);
        wait.until(ExpectedConditions.textMatches(By.id("sites:count"), Pattern.compile("^1/[\\d,]+$")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:table:0:open"), name));
        tabTo("sites:table:0:open");
        Chromium.screenshot(browser, "keys-01-site-focused-in-the-list");
        active().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("site.xhtml?id=" + siteId));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("site:name")));

        var field = tabTo("site:name");
        field.sendKeys(Keys.END, " renamed");
        tabTo("site:ok");
        Chromium.screenshot(browser, "keys-02-ok-focused-in-the-site-window");
        active().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "was saved"));
        assertTrue(
                api.call("GET", "/api/admin/sites/" + siteId, null).body().contains(name + " renamed"),
                "saved from the keyboard");
    }

    @Test
    void everyPageFitsALaptopAndATablet() {
        long siteId =
                AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(TestData.unique("Screens"), 5, null))
                        .body());
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        List<String> tooWide = new ArrayList<>();
        for (Dimension screen : List.of(new Dimension(1280, 800), new Dimension(768, 1024))) {
            browser.manage().window().setSize(screen);
            List<String> shown = new ArrayList<>(AdminPages.MENU_PAGES);
            shown.add("/site.xhtml?id=" + siteId);
            for (String page : shown) {
                browser.get(Browserless.BASE + page);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.content")));
                long overflow = (Long) ((JavascriptExecutor) browser)
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                if (overflow > 0) {
                    tooWide.add(page + " at " + screen.width + " px: " + overflow + " px too wide");
                }
                if (page.startsWith("/sites") || page.startsWith("/site.")) {
                    Chromium.screenshot(
                            browser,
                            "screen-" + screen.width
                                    + page.replaceAll("[/.?=]+", "-").replaceAll("\\d+$", ""));
                }
            }
        }
        assertEquals(List.of(), tooWide);
    }

    /** Presses Tab until the element with this id has the focus (at most 150 times); it must be reachable so. */
    private org.openqa.selenium.WebElement tabTo(String id) {
        for (int presses = 0; presses < 150; presses++) {
            if (id.equals(active().getAttribute("id"))) {
                return active();
            }
            active().sendKeys(Keys.TAB);
        }
        throw new AssertionError(id + " is not reached with Tab");
    }

    private org.openqa.selenium.WebElement active() {
        return browser.switchTo().activeElement();
    }
}
