package org.syncsites.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
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
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The admin pages in the languages of the people who use them (French, Portuguese; Spanish has the same bundles,
 * checked by the unit tests), in a real browser: the language of the browser, or the one a user chose in the header,
 * kept with their account; times in the browser's time zone. Also the sync API's messages in the language a remote
 * site asks for. Screenshots in ear/target/screenshots (lang-*), to look at for cut-off or overflowing text.
 */
@ExtendWith(TestServer.class)
class LanguagesBrowserIT {

    private static final String PASSWORD = "langue-passe-42";
    /** The sync password AdminApi.site gives a site. */
    private static final String SITE_PASSWORD = "api-password-1";

    private final AdminApi api = AdminApi.asAdmin();
    private WebDriver browser;
    private WebDriverWait wait;
    private AdminPages pages;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A French reader's browser asks for French: every page, message, warning and refusal is in French. */
    @Test
    void aFrenchReaderSeesEveryPageInFrenchAndTimesInTheirTimeZone() {
        String user = editor();
        String siteName = TestData.unique("Kinshasa");
        long siteId = siteWithDevice(siteName);
        long storeId = api.createStore(TestData.unique("FR"), "Dépôt de Matadi");
        open("fr-FR,fr;q=0.9", "Africa/Kinshasa");

        browser.get(Browserless.BASE + "/sites.xhtml");
        wait.until(ExpectedConditions.textToBe(By.id("sign-in"), "Se connecter"));
        assertTrue(pages.text("login-form").contains("Nom d'utilisateur"), pages.text("login-form"));
        Chromium.screenshot(browser, "lang-fr-01-sign-in");
        signIn(user);
        assertTrue(browser.findElement(By.tagName("h2")).getText().contains("Sites de synchronisation"));
        assertTrue(pages.text("sites:table").contains("Dernière synchro"), pages.text("sites:table"));
        assertEquals(
                "Français",
                new Select(browser.findElement(By.id("languageForm:language")))
                        .getFirstSelectedOption()
                        .getText(),
                "the header shows the language in use");
        Chromium.screenshot(browser, "lang-fr-02-site-list");

        pages.openSite(siteId);
        String connection = browser.findElement(By.id("site")).getText();
        assertTrue(
                connection.contains("Dernière connexion") && connection.contains("Africa/Kinshasa"),
                "times in the browser's time zone, said so: " + connection);
        pages.addStoreByDoubleClick(storeId);
        assertTrue(pages.text("site:stores").contains("ajouté, enregistré à l'OK"), pages.text("site:stores"));
        Chromium.screenshot(browser, "lang-fr-03-site-window-store-added");
        pages.click("site:ok");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site:messages"), "Les données des magasins ajoutés sont mises en file pour lui."));
        Chromium.screenshot(browser, "lang-fr-04-saved");

        pages.type("site:name", siteName + "-renommé");
        pages.click("site:ok");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("warnings"), "Si vous le renommez"));
        String warning = pages.text("warnings");
        assertTrue(warning.contains("Avant d'enregistrer") && warning.contains("Si vous le renommez"), warning);
        assertTrue(
                Pattern.compile("s'est connecté pour la dernière fois le \\d{1,2} \\p{L}+\\.? \\d{4} "
                                + "\\d{2}:\\d{2} UTC")
                        .matcher(warning)
                        .find(),
                "the time said in French: " + warning);
        Chromium.screenshot(browser, "lang-fr-05-warning");
        pages.click("warningsForm:goBack");

        pages.type("site:name", "");
        pages.click("site:ok");
        pages.click("warningsForm:saveAnyway"); // renaming a site in use warns first; then the rule refuses
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site"), "Saisissez un nom de site : les sites distants s'en servent pour se connecter."));
        Chromium.scrollTo(browser, "site:name");
        Chromium.screenshot(browser, "lang-fr-06-rule-violation");

        browser.get(Browserless.BASE + "/stores.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stores:table"), "Actif sur le site"));
        Chromium.screenshot(browser, "lang-fr-07-stores");
    }

    /**
     * A Portuguese reader with an English browser chooses Português in the header: the pages follow at once, and
     * again when they sign in from another browser (the choice is kept with the account).
     */
    @Test
    void aPortugueseReaderChoosesTheLanguageInTheHeaderAndKeepsIt() {
        String user = editor();
        long siteId = siteWithDevice(TestData.unique("Maputo"));
        long storeId = api.createStore(TestData.unique("PT"), "Armazém de Nampula");
        open("en-US,en;q=0.9", "Africa/Maputo");
        signIn(user);
        assertTrue(browser.findElement(By.tagName("h2")).getText().contains("Synchronisation sites"));
        new Select(browser.findElement(By.id("languageForm:language"))).selectByValue("pt");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "Sites de sincronização"));
        Chromium.screenshot(browser, "lang-pt-01-site-list-chosen");
        browser.quit();

        open("en-US,en;q=0.9", "Africa/Maputo");
        signIn(user);
        assertTrue(
                browser.findElement(By.tagName("h2")).getText().contains("Sites de sincronização"),
                "the choice is kept with the account, not the browser");
        pages.openSite(siteId);
        assertTrue(browser.findElement(By.id("site")).getText().contains("Africa/Maputo"));
        pages.addStoreByDoubleClick(storeId);
        assertTrue(pages.text("site:stores").contains("adicionado, guardado ao confirmar"), pages.text("site:stores"));
        Chromium.screenshot(browser, "lang-pt-02-site-window-store-added");
        pages.type("site:name", "");
        pages.click("site:ok");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("warnings"), "Antes de guardar"));
        pages.click("warningsForm:saveAnyway");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("site"), "Introduza um nome de site: os sites remotos usam-no para entrar."));
        Chromium.scrollTo(browser, "site:name");
        Chromium.screenshot(browser, "lang-pt-03-rule-violation");

        browser.get(Browserless.BASE + "/users.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("users"), "Utilizadores e permissões"));
        Chromium.screenshot(browser, "lang-pt-04-users");
        browser.get(Browserless.BASE + "/central-server.xhtml");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("remote"), "Quando este servidor é um site remoto"));
        Chromium.screenshot(browser, "lang-pt-05-central-server");

        new Select(browser.findElement(By.id("languageForm:language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "Central server"));
    }

    /** The sync API's codes stay the protocol's; its messages follow the remote site's Accept-Language. */
    @Test
    void theSyncApiSaysItsMessagesInTheLanguageTheRemoteSiteAsksFor() {
        String siteName = TestData.unique("Luanda");
        siteWithDevice(siteName);
        RemoteSite wrong = new RemoteSite(siteName, "not-the-password", "device-" + siteName);

        assertError(
                wrong.readingLanguages("pt-PT, pt;q=0.9, en;q=0.5").get("site"),
                "site_incorrect_password",
                "O nome do site ou a palavra-passe não estão corretos");
        assertError(
                wrong.readingLanguages("de-DE, fr;q=0.8").get("site"),
                "site_incorrect_password",
                "Le nom du site ou le mot de passe est incorrect");
        assertError(
                wrong.readingLanguages("de-DE").get("site"),
                "site_incorrect_password",
                "The site name or password is not right");
        assertError(wrong.get("site"), "site_incorrect_password", "The site name or password is not right");
        RemoteSite right = new RemoteSite(siteName, SITE_PASSWORD, "device-" + siteName).readingLanguages("es");
        assertError(
                right.get("central_records?cursor=0&limit=x"),
                "bad_request",
                "limit debe ser un número entero de 1 a 4294967295");
    }

    /** The page shown when a page cannot be (403, 500) is written without Faces, in the browser's language. */
    @Test
    void theErrorPageIsInTheBrowsersLanguage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> portuguese = http.send(
                HttpRequest.newBuilder(URI.create(Browserless.BASE + "/error"))
                        .header("Accept-Language", "pt-MZ, pt;q=0.9")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(
                portuguese.body().contains("Não foi possível mostrar esta página")
                        && portuguese.body().contains("lang=\"pt\"")
                        && portuguese.body().contains("Voltar aos sites"),
                portuguese.body());
        HttpResponse<String> other = http.send(
                HttpRequest.newBuilder(URI.create(Browserless.BASE + "/error"))
                        .header("Accept-Language", "sw")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(other.body().contains("This page could not be shown"), other.body());
    }

    // ------------------------------------------------------------------ helpers

    private static void assertError(HttpResponse<String> answer, String code, String messageStart) {
        var error =
                Json.createReader(new StringReader(answer.body())).readObject().getJsonObject("error");
        assertEquals(code, error.getString("code"), answer.body());
        assertTrue(error.getString("message").startsWith(messageStart), answer.body());
    }

    /** A new user who may edit sync settings, with an English account (no language chosen). */
    private String editor() {
        String name = TestData.unique("lang").toLowerCase();
        api.createUser(name, "Ana Language", PASSWORD, true);
        return name;
    }

    /** A site whose device synced once (so that renaming it warns). */
    private long siteWithDevice(String name) {
        long siteId = AdminApi.id(api.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        assertEquals(
                200,
                new RemoteSite(name, SITE_PASSWORD, "device-" + name)
                        .get("site")
                        .statusCode());
        return siteId;
    }

    private void open(String languages, String timeZone) {
        browser = Chromium.start(languages, timeZone);
        wait = Chromium.waitFor(browser, Duration.ofSeconds(20));
        pages = new AdminPages(browser, wait);
    }

    private void signIn(String user) {
        pages.signIn(user, PASSWORD);
    }
}
