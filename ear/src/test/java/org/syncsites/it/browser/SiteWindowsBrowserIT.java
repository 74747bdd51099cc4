package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
 * The admin's windows in a real browser (headless Chromium): what an admin and a viewer see and can do.
 * Each scenario leaves a screenshot in ear/target/screenshots.
 */
@ExtendWith(TestServer.class)
class SiteWindowsBrowserIT {

    /** The list's count when the filter leaves one site ("1/1,024"; not "21/21", which also contains "1/"). */
    private static final Pattern ONE_SHOWN = Pattern.compile("^1/[\\d,]+$");

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
    void anAdminSignsInAndSeesTheSiteListWithTheCentralSiteFirst() {
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        List<WebElement> rows = browser.findElements(By.cssSelector("[id='sites:table'] tbody tr"));
        assertTrue(rows.get(0).getText().contains("central server"), rows.get(0).getText());
        assertTrue(pages.text("sites:count").matches("[\\d,]+/[\\d,]+"), pages.text("sites:count"));
        assertTrue(pages.text("edit-permission").contains("May edit"));
        Chromium.screenshot(browser, "01-site-list-admin");
    }

    @Test
    void anAdminSetsTheSyncIntervalOfEverySiteTheFilteredListShowsInOneAction() {
        String prefix = TestData.unique("Bulk browser");
        List<Long> siteIds = List.of(
                AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(prefix + " a", 5, null))
                        .body()),
                AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(prefix + " b", 5, null))
                        .body()));
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.type("sites:filter", prefix);
        wait.until(ExpectedConditions.textMatches(By.id("sites:count"), Pattern.compile("^2/[\\d,]+$")));

        pages.click("sites:bulk");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk:confirm")));
        assertTrue(pages.text("bulk:confirm").contains("2 remote sites"), pages.text("bulk:confirm"));
        chooseBulkAction("SET_SYNC_INTERVAL");
        pages.type("bulk:value", "30");
        Chromium.screenshot(browser, "01b-bulk-action-confirm");
        pages.click("bulk:apply");
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("bulk:done"), "2 of 2 sites done, 0 failed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("bulk:state"), "done"));
        Chromium.screenshot(browser, "01c-bulk-action-done");
        for (long siteId : siteIds) {
            assertTrue(
                    api.call("GET", "/api/admin/sites/" + siteId, null).body().contains("\"syncIntervalMinutes\":30"),
                    "site " + siteId);
        }
    }

    @Test
    void theStoreListShowsAPageOfStoresAndFiltersThemWithItsCount() {
        String code = TestData.unique("PG");
        api.createStore(code, "Paged store " + code);
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        browser.get(Browserless.BASE + "/stores.xhtml");
        wait.until(ExpectedConditions.textMatches(By.id("stores:count"), Pattern.compile("^[\\d,]+/[\\d,]+$")));
        pages.type("stores:filter", code);
        wait.until(ExpectedConditions.textMatches(By.id("stores:count"), ONE_SHOWN));
        List<WebElement> rows = browser.findElements(By.cssSelector("[id='stores:table'] tbody tr"));
        assertEquals(1, rows.size());
        assertTrue(
                rows.get(0).getText().contains("Paged store " + code),
                rows.get(0).getText());
        Chromium.screenshot(browser, "19-store-list-filtered");
        // Export CSV gives the stores the list shows, in the session of the page
        By export = By.cssSelector("[id='stores:export'] a, a[id='stores:export']");
        wait.until(
                d -> String.valueOf(d.findElement(export).getAttribute("href")).contains("export.csv?filter=" + code));
        String file = String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t)));",
                        browser.findElement(export).getAttribute("href")));
        assertTrue(file.startsWith("200 id,code,name,site,on_central_site,records"), file);
        assertTrue(
                file.contains(code + ",Paged store " + code + ",")
                        && file.trim().split("\n").length == 2,
                file);

        // what open-mSupply's sites see of the store, edited in its window
        pages.click("stores:table:0:edit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("storeForm:legacyId")));
        // the mode chosen through the menu's own widget (its list opens and closes with animations that a click
        // races): what choosing it in the list does
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("PrimeFaces.getWidgetById('storeForm:mode').selectValue('dispensary');");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("storeForm:mode_label"), "dispensary"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id='storeForm:disabled'] .ui-chkbox-box")))
                .click();
        String legacyId = "L" + code.replaceAll("[^A-Za-z0-9]", "").toUpperCase() + "0123456789ABCDEF";
        pages.type("storeForm:legacyId", legacyId);
        Chromium.screenshot(browser, "19b-store-for-open-msupply");
        pages.click("storeForm:save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stores:table"), legacyId));
        assertTrue(pages.text("stores:table").contains("dispensary (disabled)"), pages.text("stores:table"));
        assertTrue(pages.text("stores:messages").contains("Paged store " + code), pages.text("stores:messages"));
        String exported = api.get("/api/admin/stores/export.csv?filter=" + code, "text/csv")
                .body();
        assertTrue(exported.contains(",dispensary,true," + legacyId + ",NAME_" + code.toUpperCase()), exported);
    }

    @Test
    void anAdminCreatesASiteThenEditsAndCancelsWithoutChangingIt() {
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.click("sites:new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("site:name")));
        String name = TestData.unique("Browser clinic");
        pages.type("site:code", "BC1");
        pages.type("site:name", name);
        pages.type("site:password", "browser-password");
        pages.type("site:confirmPassword", "browser-password");
        Chromium.screenshot(browser, "02-new-site-window");
        pages.click("site:ok");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "was saved"));
        assertTrue(pages.text("window-title").contains(name));
        assertTrue(
                api.call("GET", "/api/admin/audit?action=SITE_CREATED&entity=" + name.replace(" ", "+"), null)
                        .body()
                        .contains("\"source\":\"page\""),
                "the audit trail says it was made on a page");

        pages.type("site:password", "typed-once");
        pages.type("site:confirmPassword", "typed-differently");
        pages.click("site:ok");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site"), "The two passwords differ"));
        assertEquals(
                "",
                browser.findElement(By.id("site:password")).getAttribute("value"),
                "a typed password is never put back into the page");

        pages.type("site:name", name + " changed");
        pages.click("site:cancel");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sites:table")));
        pages.type("sites:filter", name);
        wait.until(ExpectedConditions.textMatches(By.id("sites:count"), ONE_SHOWN));
        String listed = browser.findElement(By.cssSelector("[id='sites:table'] tbody tr"))
                .getText();
        assertTrue(listed.contains(name) && !listed.contains("changed"), "Cancel saved nothing: " + listed);
    }

    @Test
    void addingAStoreAndPressingOkShowsTheResyncProgress() {
        long storeId = storeWithRecords(2_000);
        long siteId =
                AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(TestData.unique("Progress"), 5, null))
                        .body());
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.openSite(siteId);
        pages.addStoreByDoubleClick(storeId);
        assertTrue(pages.text("site:stores").contains("added, saved on OK"));
        Chromium.screenshot(browser, "03-store-added-before-ok");
        pages.click("site:ok");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "being queued"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:progressPanel"), "completed: 2,000 / 2,000"));
        wait.until(ExpectedConditions.textToBe(By.id("site:queueLength"), "2,000"));
        Chromium.scrollTo(browser, "site:progressPanel");
        Chromium.screenshot(browser, "04-resync-progress");
    }

    @Test
    void anAdminCountsWhatTheSitesFirstSyncDownloadsAndWhatAddingAStoreBrings() {
        long onSite = storeWithRecords(40);
        long toAdd = storeWithRecords(25);
        long siteId = AdminApi.id(api.call(
                        "POST",
                        "/api/admin/sites",
                        AdminApi.site(TestData.unique("First sync"), 5, "\"storesToAdd\":[" + onSite + "]"))
                .body());
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.openSite(siteId);

        pages.click("site:previewInitialisation");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:initialisationPreview"), "Central data"));
        assertTrue(pages.text("site:initialisationPreview").contains("What a device setting up this site downloads"));
        assertTrue(pages.text("previewTotal").matches("(?s)In all [\\d,]+ records, .*"), pages.text("previewTotal"));
        assertTrue(pages.text("previewTimings").contains("At 2G (50 kbit/s)"), pages.text("previewTimings"));
        assertTrue(pages.text("previewTimings").contains("On your link (2,000 kbit/s)"), pages.text("previewTimings"));
        Chromium.scrollTo(browser, "site:initialisationPanel");
        Chromium.screenshot(browser, "09d-site-first-sync");

        pages.addStoreByDoubleClick(toAdd);
        pages.click("site:previewInitialisation");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:initialisationPreview"), "What adding the stores waiting for OK"));
        String preview = pages.text("site:initialisationPreview");
        assertFalse(preview.contains("Central data"), "the site has it already: " + preview);
        assertTrue(preview.contains("In all 25 records"), preview);
        Chromium.scrollTo(browser, "site:initialisationPanel");
        Chromium.screenshot(browser, "09e-site-first-sync-adding-a-store");
    }

    @Test
    void aMobileSiteRefusesASecondStoreWithMSupplysMessage() {
        long first = storeWithRecords(1);
        long second = storeWithRecords(1);
        long siteId = AdminApi.id(api.call(
                        "POST",
                        "/api/admin/sites",
                        AdminApi.site(TestData.unique("Tablet"), 5, "\"storesToAdd\":[" + first + "]"))
                .body());
        TestData.fromOutside().deviceSynced(siteId, "MOBILE");
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.openSite(siteId);
        pages.addStoreByDoubleClick(second);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:storesMessage"), "You can only add a single store to a mobile type site"));
        assertEquals(
                1,
                browser.findElements(By.cssSelector("[id='site:stores'] tbody tr[data-rk]"))
                        .size());
        Chromium.scrollTo(browser, "site:stores");
        Chromium.screenshot(browser, "05-mobile-refuses-second-store");
    }

    @Test
    void deleteExplainsWhyASiteWithStoresStaysAndDeletesAnEmptyOne() {
        long storeId = storeWithRecords(1);
        String full = TestData.unique("Full site");
        String empty = TestData.unique("Empty site");
        api.call("POST", "/api/admin/sites", AdminApi.site(full, 5, "\"storesToAdd\":[" + storeId + "]"));
        api.call("POST", "/api/admin/sites", AdminApi.site(empty, 5, null));
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);

        selectOnlyRowMatching(full);
        pages.click("sites:delete");
        confirm();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:messages"), "Remove it first"));
        Chromium.screenshot(browser, "06-delete-refused");

        browser.get(Browserless.BASE + "/sites.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sites:table")));
        selectOnlyRowMatching(empty);
        pages.click("sites:delete");
        confirm();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sites:messages"), "was deleted"));
        wait.until(ExpectedConditions.textMatches(By.id("sites:count"), Pattern.compile("^0/[\\d,]+$")));
    }

    @Test
    void anAdminUnblocksASiteItsDeviceBlockedAndResetsTheDevice() {
        String name = TestData.unique("Blocked");
        long siteId = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        RemoteSite device = new RemoteSite(name, "api-password-1", "device-" + name);
        assertEquals(200, device.get("site").statusCode(), "the device signs in and is bound");
        RemoteSite guessing = device.withPassword("wrong-password");
        for (int i = 0; i < 5; i++) {
            guessing.get("site");
        }
        assertEquals(401, device.get("site").statusCode(), "blocked: even the right password is refused");

        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.openSite(siteId);
        assertEquals("blocked after too many failed logins", pages.text("site:blockedState"));
        assertEquals(
                "device-" + name, browser.findElement(By.id("site:hardwareId")).getAttribute("value"));
        pages.click("site:unblock");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "was unblocked"));
        wait.until(ExpectedConditions.textToBe(By.id("site:blockedState"), "ok"));
        assertEquals(200, device.get("site").statusCode(), "unblocked: its device signs in again");

        pages.click("site:resetHardwareId");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:messages"), "The hardware ID was reset"));
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("site:hardwareId"))
                        .getAttribute("value")
                        .isEmpty());
        Chromium.screenshot(browser, "09b-site-unblocked-device-reset");
        RemoteSite replacement = device.onDevice("replacement-" + name);
        assertEquals(200, replacement.get("site").statusCode(), "the next device to sign in is bound");
        assertEquals(401, device.get("site").statusCode(), "and the old one is refused");

        // the devices panel tells the tablets apart: which is bound, what each was answered, who reset the binding
        pages.openSite(siteId);
        String devices = pages.text("site:devices");
        assertTrue(devices.contains("replacement-" + name) && devices.contains("bound"), devices);
        assertTrue(devices.contains("another device is bound"), "the old device, refused: " + devices);
        assertTrue(devices.contains("by " + As.ADMIN), "who reset its binding: " + devices);
        Chromium.scrollTo(browser, "site:devicesPanel");
        Chromium.screenshot(browser, "09c-site-devices");
    }

    @Test
    void aViewerSeesTheSameWindowsReadOnly() {
        String viewer = TestData.unique("browserviewer").toLowerCase();
        api.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + viewer + "\",\"fullName\":\"Vera Viewer\"," + "\"password\":\"viewer-password\"}");
        long siteId = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(TestData.unique("Seen"), 5, null))
                .body());
        pages.signIn(viewer, "viewer-password");
        assertTrue(pages.text("edit-permission").contains("View only"));
        assertTrue(browser.findElements(By.id("sites:new")).isEmpty(), "no New button");
        assertTrue(browser.findElements(By.id("sites:delete")).isEmpty(), "no Delete button");
        Chromium.screenshot(browser, "07-site-list-viewer");
        pages.openSite(siteId);
        assertFalse(browser.findElement(By.id("site:name")).isEnabled(), "inputs are disabled");
        assertTrue(browser.findElements(By.id("site:ok")).isEmpty(), "no OK button");
        assertTrue(browser.findElements(By.id("site:addStore")).isEmpty(), "no Add store button");
        pages.click("site:checkConnection");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:connectionReport"), "No device has connected as this site yet"));
        Chromium.screenshot(browser, "08-site-window-viewer");
    }

    @Test
    void anAdminGrantsThePermissionOnTheUsersPageAndTheUserMayThenEdit() {
        String user = TestData.unique("granted").toLowerCase();
        api.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + user + "\",\"fullName\":\"Grace Granted\","
                        + "\"password\":\"granted-password\"}");
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        browser.get(Browserless.BASE + "/users.xhtml");
        WebElement row = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.xpath("//tr[td[normalize-space()='" + user + "']]")));
        row.findElement(By.xpath(".//button[normalize-space()='Grant']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("users:messages"), "may now edit sync settings"));
        Chromium.screenshot(browser, "09-users-permission-granted");
        browser.get(Browserless.BASE + "/audit.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit:table"), "permission granted"));
        Chromium.screenshot(browser, "10-audit-trail");
        // searched: what was done to that user, by the admin
        browser.findElement(By.id("audit:entity")).sendKeys(user);
        browser.findElement(By.id("audit:actor")).sendKeys(As.ADMIN);
        pages.click("audit:search");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit:table"), "user created"));
        String found = pages.text("audit:table");
        assertTrue(found.contains("permission granted"), found);
        assertTrue(
                browser.findElements(By.cssSelector("#audit\\:table_data tr")).stream()
                        .allMatch(r -> r.getText().contains(user)),
                "only what was done to that user: " + found);
        assertTrue(
                browser.findElement(By.id("audit:export")).getAttribute("href").contains("entity=" + user),
                "the export has the same filter");
        Chromium.screenshot(browser, "10b-audit-trail-searched");

        pages.click("logout");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("j_username")));
        pages.signIn(user, "granted-password");
        assertTrue(pages.text("edit-permission").contains("May edit"));
        assertFalse(browser.findElements(By.id("sites:new")).isEmpty(), "the New button is offered now");
    }

    @Test
    void theCentralServerPageRefusesBadSettingsNextToTheirFieldsAndSavesNothing() {
        String before = api.call("GET", "/api/admin/remote", null).body();
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        browser.get(Browserless.BASE + "/central-server.xhtml");
        pages.type("remote:serverUrl", "central.example.org");
        pages.type("remote:siteName", "");
        pages.type("remote:syncIntervalMinutes", "0");
        pages.click("remote:save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("remote"), "The sync interval must be between"));
        String page = pages.text("remote");
        assertTrue(page.contains("The sync interval must be between"), page);
        assertTrue(page.contains("Enter a site name"), page);
        assertTrue(page.contains("Enter the site's password"), page);
        assertEquals(
                "central.example.org",
                browser.findElement(By.id("remote:serverUrl")).getAttribute("value"),
                "the input is kept after the refusal");
        Chromium.screenshot(browser, "11-central-server-refused");
        assertEquals(before, api.call("GET", "/api/admin/remote", null).body(), "nothing was saved");
    }

    @Test
    void aViewerSeesTheCentralServerPageReadOnly() {
        String viewer = TestData.unique("remoteviewer").toLowerCase();
        api.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + viewer + "\",\"fullName\":\"Val Viewer\"," + "\"password\":\"viewer-password\"}");
        pages.signIn(viewer, "viewer-password");
        pages.click("nav-central-server");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("remote:serverUrl")));
        assertFalse(browser.findElement(By.id("remote:serverUrl")).isEnabled(), "inputs are disabled");
        assertTrue(browser.findElements(By.id("remote:save")).isEmpty(), "no Save button");
        assertTrue(browser.findElements(By.id("remote:password")).isEmpty(), "no password input");
        Chromium.screenshot(browser, "12-central-server-viewer");
    }

    @Test
    void pushedDataThatCouldNotBeIntegratedIsShownInTheListAndTheWindowAndRetriedFromThere() {
        String storeCode = TestData.unique("BP");
        long storeId = api.createStore(storeCode, "Pushed store");
        String name = TestData.unique("Pushing");
        long siteId = AdminApi.id(
                api.call("POST", "/api/admin/sites", AdminApi.site(name, 5, "\"storesToAdd\":[" + storeId + "]"))
                        .body());
        RemoteSite device = new RemoteSite(name, "api-password-1", "device-" + name);
        String poison = "REFUSED-" + name.replace(' ', '-');
        TestData database = TestData.fromOutside();
        database.update("ALTER TABLE store_record ADD CONSTRAINT browser_poison CHECK (record_id <> '" + poison + "')");
        try {
            device.get("site");
            device.post(
                    "queued_records",
                    "{\"queueLength\":1,\"data\":[{\"syncOutId\":\"1\",\"tableName\":"
                            + "\"transact\",\"recordId\":\"" + poison
                            + "\",\"action\":\"Update\",\"recordData\":{\"ID\":\""
                            + poison + "\",\"store_ID\":\"" + storeCode + "\"}}]}");
            device.post("queued_records", "{\"queueLength\":0,\"data\":[]}");
            Eventually.await(
                    "the record to be set aside",
                    Duration.ofSeconds(60),
                    () -> database.count(
                            "SELECT COUNT(*) FROM sync_in WHERE record_id = ? AND failed_at IS NOT NULL", poison),
                    n -> n == 1);
            // the record is set aside on its own, then the integration ends: the site is told so once it has
            Eventually.await(
                    "the site to be told all is integrated",
                    Duration.ofSeconds(60),
                    () -> device.get("site_status").body(),
                    status -> status.contains("\"idle\""));
        } finally {
            database.update("ALTER TABLE store_record DROP CONSTRAINT browser_poison");
        }
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        pages.type("sites:filter", name);
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("sites:table"), "pushed data not integrated"));
        Chromium.screenshot(browser, "13-site-list-integration-failed");
        pages.openSite(siteId);
        String panel = pages.text("site:integrationProblem");
        assertTrue(
                panel.contains("1 record this site pushed is set aside")
                        && panel.contains(poison)
                        && panel.toLowerCase().contains("browser_poison"),
                panel);
        Chromium.scrollTo(browser, "site:integrationProblem");
        Chromium.screenshot(browser, "14-site-window-set-aside-records");
        pages.click("site:retryIntegration");
        confirm();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("site:messages"), "being integrated again"));
        Eventually.await(
                "the retried record to arrive",
                Duration.ofSeconds(60),
                () -> database.count("SELECT COUNT(*) FROM store_record WHERE record_id = ?", poison),
                n -> n == 1);
        pages.openSite(siteId);
        assertTrue(browser.findElements(By.id("site:integrationProblem")).isEmpty(), "nothing set aside any more");
    }

    @Test
    void anAdminMarksTheOpenMSupplyCentralServerInItsWindow() {
        String name = TestData.unique("OMS central");
        long siteId = AdminApi.id(api.call(
                        "POST",
                        "/api/admin/sites",
                        AdminApi.site(name, 5, null)
                                .replace("\"serverUrl\":\"\"", "\"serverUrl\":\"https://oms.example.org\""))
                .body());
        try {
            pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
            pages.openSite(siteId);
            assertEquals("no", pages.text("site:omsCentral"));
            pages.click("site:markOmsCentral");
            confirm();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("site:omsCentral"), "yes"));
            assertTrue(
                    pages.text("site:messages").contains("is now the open-mSupply central server"),
                    pages.text("site:messages"));
            Chromium.screenshot(browser, "15-site-window-oms-central");
        } finally {
            api.call("PUT", "/api/admin/sites/" + siteId + "/oms-central", "false");
        }
    }

    @Test
    void aUserWhosePasswordAnAdminSetMustChooseTheirOwnBeforeAnythingElse() {
        String user = TestData.unique("forgetful").toLowerCase();
        long userId = AdminApi.id(api.call(
                        "POST",
                        "/api/admin/users",
                        "{\"username\":\"" + user
                                + "\",\"fullName\":\"Fred Forgetful\",\"password\":\"first-password\"}")
                .body());
        api.call("PUT", "/api/admin/users/" + userId + "/password", "{\"password\":\"given-password\"}");

        browser.get(Browserless.BASE + "/sites.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("j_username")))
                .sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys("given-password");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password:must-change")));
        browser.get(Browserless.BASE + "/stores.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password:must-change")));
        pages.type("password:currentPassword", "given-password");
        pages.type("password:newPassword", "my-own-password");
        pages.type("password:confirmPassword", "my-own-password");
        Chromium.screenshot(browser, "16-must-change-password");
        pages.click("password:change");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sites:table")));
        assertTrue(pages.text("sites:messages").contains("Your password was changed"), pages.text("sites:messages"));
        Chromium.screenshot(browser, "17-password-changed");
        assertTrue(AdminApi.as(user, "my-own-password").signedIn());
    }

    @Test
    void anAdminSetsAUsersPasswordThenDisablesThemAndTheirSessionsEnd() {
        String user = TestData.unique("leaver").toLowerCase();
        api.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + user + "\",\"fullName\":\"Lee Leaver\"," + "\"password\":\"leaver-password\"}");
        AdminApi leaver = AdminApi.as(user, "leaver-password");
        assertTrue(leaver.signedIn());
        pages.signIn(As.ADMIN, As.ADMIN_PASSWORD);
        browser.get(Browserless.BASE + "/users.xhtml");
        WebElement row = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.xpath("//tr[td[normalize-space()='" + user + "']]")));
        row.findElement(By.xpath(".//button[normalize-space()='Set password']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passwordForm:passwordUser"), user));
        pages.type("passwordForm:password", "short");
        pages.click("passwordForm:set");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passwordForm"), "at least 8 characters"));
        pages.type("passwordForm:password", "set-by-the-admin");
        pages.click("passwordForm:set");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("users:messages"), "must choose their own password"));
        assertFalse(leaver.signedIn(), "the password set by the admin ended the user's session");
        leaver = AdminApi.as(user, "set-by-the-admin");
        assertTrue(leaver.call("GET", "/api/admin/me", null).statusCode() == 200, "signed in, to change the password");
        row = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.xpath("//tr[td[normalize-space()='" + user + "']]")));
        row.findElement(By.xpath(".//button[normalize-space()='Disable']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users:messages"), "is disabled"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.xpath("//tr[td[normalize-space()='" + user + "']]"), "disabled"));
        Chromium.screenshot(browser, "18-user-disabled");
        assertFalse(leaver.signedIn(), "the disabled user's session ended");
        assertFalse(AdminApi.as(user, "set-by-the-admin").signedIn(), "and they cannot sign in");
    }

    // ------------------------------------------------------------------ helpers

    private void selectOnlyRowMatching(String name) {
        By firstRow = By.cssSelector("[id='sites:table'] tbody tr[data-rk]");
        for (int attempt = 1; ; attempt++) {
            WebElement filter = browser.findElement(By.id("sites:filter"));
            filter.clear();
            filter.sendKeys(name);
            try {
                Chromium.waitFor(browser, Duration.ofSeconds(5))
                        .until(ExpectedConditions.and(
                                ExpectedConditions.textMatches(By.id("sites:count"), ONE_SHOWN),
                                ExpectedConditions.textToBePresentInElementLocated(firstRow, name)));
                break;
            } catch (org.openqa.selenium.TimeoutException e) {
                Chromium.screenshot(browser, "filter-attempt-" + attempt);
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        awaitAjaxIdle();
        // the type's cell: a click on the name, a link, opens the site
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("[id='sites:table'] tbody tr[data-rk] td:nth-child(4)")))
                .click();
        wait.until(ExpectedConditions.attributeContains(firstRow, "class", "ui-state-highlight"));
        awaitAjaxIdle();
    }

    /** Waits until PrimeFaces has no ajax request queued or running, so that no late update redraws the page. */
    private void awaitAjaxIdle() {
        wait.until(driver -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return window.PrimeFaces !== undefined && PrimeFaces.ajax.Queue.isEmpty()"
                        + " && (window.jQuery === undefined || jQuery.active === 0);")));
    }

    /**
     * Chooses the bulk action through the menu's own widget, as the store's mode (a click races the list's
     * animations), and waits for the field of its value. The widget's selectValue is silent: the change event that a
     * choice in the list fires is triggered after it.
     */
    private void chooseBulkAction(String action) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "var menu = PrimeFaces.getWidgetById('bulk:action');"
                                + " menu.selectValue(arguments[0]); menu.input.trigger('change');",
                        action);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk:value")));
    }

    private void confirm() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")))
                .click();
    }

    private long storeWithRecords(int records) {
        String code = TestData.unique("BR");
        long storeId = api.createStore(code, "Browser store " + code);
        api.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + records + "}");
        return storeId;
    }
}
