package org.syncsites.it.browser;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
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
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network's health in a browser: the dashboard with its counts, chart and settings, a count opening the site
 * list filtered on it, a site's sync history, and pausing and resuming a site. Screenshots in
 * ear/target/screenshots (health-*).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NetworkHealthBrowserIT {

    @Deployment(testable = false)
    static EnterpriseArchive application() {
        return Deployments.application();
    }

    /** The sync password AdminApi.site gives a site. */
    private static final String SITE_PASSWORD = "api-password-1";

    private final AdminApi api = AdminApi.asAdmin();
    private final TestData data = TestData.fromOutside();
    private WebDriver browser;
    private WebDriverWait wait;
    private AdminPages pages;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminSeesTheNetworkFollowsACountToItsSitesReadsAHistoryAndPausesASite() {
        String prefix = TestData.unique("Web");
        String syncedName = prefix + "-synced";
        long synced = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(syncedName, 5, null)).body());
        RemoteSite device = new RemoteSite(syncedName, SITE_PASSWORD, "device-" + syncedName);
        assertEquals(200, device.get("site").statusCode());
        assertEquals(200, device.get("queued_records?limit=100").statusCode()); // nothing waits: a complete sync
        String lateName = prefix + "-late";
        long late = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(lateName, 5, null)).body());
        data.update("UPDATE site SET last_successful_sync_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(12))), late);

        browser = Chromium.start();
        wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        pages = new AdminPages(browser, wait);
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.click("nav-dashboard");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tile-CRITICAL")));
        String dashboard = pages.text("dashboard").toLowerCase(); // headings are shown in capitals
        assertTrue(dashboard.contains("network health") && dashboard.contains("critically overdue")
                && dashboard.contains("most overdue sites") && dashboard.contains("app versions in use"), dashboard);
        assertFalse(pages.text("dashboard:overdue").contains("No site is overdue"), "a site 12 days late is overdue");
        assertTrue(browser.findElement(By.cssSelector(".chart-box canvas")).isDisplayed(), "the chart is drawn");
        Chromium.screenshot(browser, "health-01-dashboard");

        browser.findElement(By.cssSelector(".tile-CRITICAL")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sites:table")));
        assertTrue(browser.getCurrentUrl().contains("state=CRITICAL"), browser.getCurrentUrl());
        assertEquals("critically overdue", pages.text("sites:state_label"), "the menu shows the state");
        pages.type("sites:filter", prefix);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:table"), lateName));
        assertFalse(pages.text("sites:table").contains(syncedName), "only the critical sites: " + pages.text("sites:table"));
        assertTrue(pages.text("sites:table").contains("critically overdue"), "the row says its state");
        Chromium.screenshot(browser, "health-02-critical-sites");

        pages.openSite(synced);
        Chromium.scrollTo(browser, "site:history");
        Chromium.screenshot(browser, "health-03-history");
        String history = pages.text("site:history");
        assertTrue(history.contains("completed") && history.contains("device-" + syncedName), history);

        pages.click("site:pauseSync");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:pausedState"), "paused by admin"));
        assertEquals(403, device.get("site").statusCode(), "the paused site's device is refused");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:history"), "site_sync_paused"));
        Chromium.scrollTo(browser, "site:pausedState");
        Chromium.screenshot(browser, "health-04-paused");

        browser.get(Browserless.BASE + "/sites.xhtml?state=PAUSED");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:table"), syncedName));
        pages.openSite(synced);
        pages.click("site:resumeSync");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:runningState"), "allowed"));
        assertEquals(200, device.get("site").statusCode(), "resumed, it syncs again");

        browser.get(Browserless.BASE + "/dashboard.xhtml");
        pages.type("settings:criticalHours", "10");
        pages.click("settings:save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings"),
                "The critical threshold must be more hours than the overdue threshold"));
        Chromium.scrollTo(browser, "settings:criticalHours");
        Chromium.screenshot(browser, "health-05-settings-refused");
        assertTrue(api.call("GET", "/api/admin/network/settings", null).body().contains("\"criticalHours\":72"),
                "nothing saved");
    }
}
