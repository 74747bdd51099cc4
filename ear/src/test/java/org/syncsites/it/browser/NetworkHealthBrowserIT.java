package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.AdminPages;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Chromium;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The network's health in a browser: the dashboard with its counts, chart and settings, a count opening the site
 * list filtered on it, a site's sync history, and pausing and resuming a site. Screenshots in
 * ear/target/screenshots (health-*).
 */
@ExtendWith(TestServer.class)
@ResourceLock(TestServer.NETWORK_SETTINGS)
class NetworkHealthBrowserIT {

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
        long synced = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(syncedName, 5, null))
                .body());
        RemoteSite device = new RemoteSite(syncedName, SITE_PASSWORD, "device-" + syncedName);
        assertEquals(200, device.get("site").statusCode());
        assertEquals(200, device.get("queued_records?limit=100").statusCode()); // nothing waits: a complete sync
        String lateName = prefix + "-late";
        lastSync(
                AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(lateName, 5, null))
                        .body()),
                Duration.ofDays(12));

        signInAsAdmin();
        pages.click("nav-dashboard");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tile-CRITICAL")));
        String dashboard = pages.text("dashboard").toLowerCase(); // headings are shown in capitals
        assertTrue(
                dashboard.contains("network health")
                        && dashboard.contains("critically overdue")
                        && dashboard.contains("most overdue sites")
                        && dashboard.contains("app versions in use"),
                dashboard);
        assertFalse(pages.text("dashboard:overdue").contains("No site is overdue"), "a site 12 days late is overdue");
        assertTrue(browser.findElement(By.cssSelector(".chart-box canvas")).isDisplayed(), "the chart is drawn");
        Chromium.screenshot(browser, "health-01-dashboard");

        browser.findElement(By.cssSelector(".tile-CRITICAL")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sites:table")));
        assertTrue(browser.getCurrentUrl().contains("state=CRITICAL"), browser.getCurrentUrl());
        assertEquals("critically overdue", pages.text("sites:state_label"), "the menu shows the state");
        pages.type("sites:filter", prefix);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:table"), lateName));
        assertFalse(
                pages.text("sites:table").contains(syncedName),
                "only the critical sites: " + pages.text("sites:table"));
        assertTrue(pages.text("sites:table").contains("critically overdue"), "the row says its state");
        Chromium.screenshot(browser, "health-02-critical-sites");

        pages.openSite(synced);
        Chromium.scrollTo(browser, "site:history");
        Chromium.screenshot(browser, "health-03-history");
        String history = pages.text("site:history");
        assertTrue(history.contains("completed") && history.contains("device-" + syncedName), history);

        pages.click("site:pauseSync");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
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
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:runningState"), "allowed"));
        assertEquals(200, device.get("site").statusCode(), "resumed, it syncs again");

        pages.click("site:muteAlerts"); // for a day, the first choice
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:alertsMuted"), "muted until"));
        assertTrue(pages.text("site:alertsMuted").contains("by admin"), pages.text("site:alertsMuted"));
        // another end, from now, without sending alerts in between
        String oneDay = pages.text("site:alertsMuted");
        // chosen through the menu's widget: a click on an item raced the menu's opening animation
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("PrimeFaces.getWidgetById('site:muteDays').selectValue('7');");
        pages.click("site:muteAlerts");
        wait.until(d -> !pages.text("site:alertsMuted").equals(oneDay));
        Chromium.scrollTo(browser, "site:alertsState");
        Chromium.screenshot(browser, "health-04b-alerts-muted");
        pages.click("site:unmuteAlerts");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:alertsSent"), "sent by e-mail"));
        Chromium.screenshot(browser, "health-04c-alerts-sent");

        browser.get(Browserless.BASE + "/dashboard.xhtml");
        pages.type("settings:criticalHours", "10");
        pages.click("settings:save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("settings"), "The critical threshold must be more hours than the overdue threshold"));
        Chromium.scrollTo(browser, "settings:criticalHours");
        Chromium.screenshot(browser, "health-05-settings-refused");
        assertTrue(
                api.call("GET", "/api/admin/network/settings", null).body().contains("\"criticalHours\":72"),
                "nothing saved");
    }

    @Test
    void anAdminSeesWhatWaitsReinitialisesASiteSortsTheListAndExportsIt() {
        String prefix = TestData.unique("Again");
        String storeCode = TestData.unique("RI");
        long storeId = api.createStore(storeCode, "Re-initialised store");
        api.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":30}");
        String name = prefix + "-device";
        long siteId = AdminApi.id(
                api.call("POST", "/api/admin/sites", AdminApi.site(name, 5, "\"storesToAdd\":[" + storeId + "]"))
                        .body());
        RemoteSite device = new RemoteSite(name, SITE_PASSWORD, "device-" + name);
        assertEquals(200, device.get("site").statusCode());
        String late = prefix + "-late";
        lastSync(
                AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(late, 5, null))
                        .body()),
                Duration.ofDays(3));
        lastSync(siteId, Duration.ofHours(1));

        signInAsAdmin();
        pages.type("sites:filter", prefix);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:table"), late));
        By export = By.cssSelector("[id='sites:export'] a, a[id='sites:export']");
        wait.until(d ->
                String.valueOf(d.findElement(export).getAttribute("href")).contains("export.csv?filter=" + prefix));
        wait.until(d -> d.findElement(By.id("sites:count")).getText().startsWith("2/")); // the two sites of the test
        By lastSync = By.cssSelector("[id='sites:table'] th.col-when");
        browser.findElement(lastSync).click();
        wait.until(d -> firstNamed(prefix).equals(late));
        browser.findElement(lastSync).click();
        wait.until(d -> firstNamed(prefix).equals(name));
        Chromium.screenshot(browser, "health-06-sorted-by-last-sync");

        pages.openSite(siteId);
        Eventually.await(
                "the store's data to be queued",
                Duration.ofSeconds(60),
                () -> api.call("GET", "/api/admin/sites/" + siteId, null).body(),
                b -> b.contains("\"queueLength\":30"));
        pages.click("site:showQueue");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:queueTable"), storeCode));
        String waiting = pages.text("site:queueTable");
        assertTrue(
                waiting.contains("transact") && waiting.contains("trans_line") && waiting.contains("just now"),
                waiting);
        Chromium.scrollTo(browser, "site:queueTable");
        Chromium.screenshot(browser, "health-07-what-waits");

        // a resync given up (its messages in the dead-letter queue) is retried from the window
        data.update(
                "UPDATE resync_job SET state = 'FAILED', finished_at = CURRENT_TIMESTAMP WHERE site_id = ?", siteId);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$=':retryResync']")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:messages"), "The store's data is being queued again."));
        Chromium.scrollTo(browser, "site:progressPanel");
        Chromium.screenshot(browser, "health-08-resync-retried");

        pages.click("site:reinitialise");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "is re-initialised"));
        assertEquals("", browser.findElement(By.id("site:hardwareId")).getAttribute("value"), "the device is let go");
        Chromium.screenshot(browser, "health-09-reinitialised");
        assertEquals(200, device.onDevice("replacement-device").get("site").statusCode(), "a new device may sign in");
    }

    @Test
    void anAdminSetsTheLowestVersionOfAnAppSeesTheSiteItRefusesThenAcceptsEveryVersionAgain() {
        String app = TestData.unique("Browser App");
        String name = TestData.unique("Old tablet");
        api.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null));
        RemoteSite device =
                new RemoteSite(name, SITE_PASSWORD, "device-" + name).asApp(app).runningAppVersion("3.1.0");
        assertEquals(200, device.get("site").statusCode());

        signInAsAdmin();
        browser.get(Browserless.BASE + "/dashboard.xhtml");
        pages.type("appVersions:appName", app);
        pages.type("appVersions:version", "3.2");
        pages.click("appVersions:set");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("appVersions:minimums"), app));
        assertTrue(pages.text("appVersions").contains("accepted from version 3.2 on"), pages.text("appVersions"));
        HttpResponse<String> refused = device.get("site");
        assertEquals(409, refused.statusCode(), refused.body());
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("appVersions:outdated"), "3.1.0"));
        Chromium.scrollTo(browser, "appVersions:outdated");
        Chromium.screenshot(browser, "health-10-lowest-app-version");

        pages.type("appVersions:version", "three");
        pages.click("appVersions:set");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("appVersions"), "is not a version"));

        String row = "//div[@id='appVersions:minimums']//tr[td[normalize-space()='" + app + "']]";
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(row + "//button")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("appVersions"), "Every version of " + app + " is accepted again"));
        assertFalse(pages.text("appVersions:minimums").contains(app));
        assertEquals(200, device.get("site").statusCode(), "accepted again");
    }

    @Test
    void anAdminSeesASiteAheadOfTheDatabaseOnTheDashboardAndReinitialisesIt() {
        String name = TestData.unique("Ahead tablet");
        long siteId = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        RemoteSite device = new RemoteSite(name, SITE_PASSWORD, "device-" + name);
        assertEquals(200, device.post("initialise", "{}").statusCode());
        // a cursor this database never reached, as a site has that synced after the backup it was restored from
        assertEquals(
                409, device.get("central_records?cursor=2000000000&limit=10").statusCode());

        signInAsAdmin();
        browser.get(Browserless.BASE + "/dashboard.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sitesAhead:sites"), name));
        String row = pages.text("sitesAhead:sites");
        assertTrue(row.contains("(the site had up to no. 2,000,000,000)"), row);
        Chromium.scrollTo(browser, "sitesAhead");
        Chromium.screenshot(browser, "health-11-site-ahead");

        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(name))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("site:name")));
        pages.click("site:reinitialise");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "is re-initialised"));
        browser.get(Browserless.BASE + "/dashboard.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("appVersions")));
        assertTrue(
                browser.findElements(By.id("sitesAhead")).isEmpty()
                        || !pages.text("sitesAhead").contains(name),
                "listed no more once re-initialised");
        assertEquals(200, api.call("GET", "/api/admin/sites/" + siteId, null).statusCode());
    }

    private void signInAsAdmin() {
        browser = Chromium.start();
        wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        pages = new AdminPages(browser, wait);
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
    }

    private void lastSync(long siteId, Duration ago) {
        data.update(
                "UPDATE site SET last_successful_sync_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(ago)),
                siteId);
    }

    /** The name of the first remote site of the list (whose names start with {@code prefix}). */
    private String firstNamed(String prefix) {
        try {
            for (var cell : browser.findElements(By.cssSelector("[id='sites:table'] tbody tr .site-name"))) {
                if (cell.getText().startsWith(prefix)) {
                    return cell.getText();
                }
            }
        } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            // the table was being drawn again: look again
        }
        return "";
    }
}
