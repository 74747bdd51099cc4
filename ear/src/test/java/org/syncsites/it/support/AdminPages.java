package org.syncsites.it.support;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What browser tests do on the admin pages, in any language: sign in, open a site, add a store, click, type, read. */
public final class AdminPages {

    /** The pages an editor opens from the menu and the header, besides a site's window. */
    public static final List<String> MENU_PAGES = List.of(
            "/dashboard.xhtml",
            "/sites.xhtml",
            "/stores.xhtml",
            "/site-users.xhtml",
            "/users.xhtml",
            "/audit.xhtml",
            "/central-server.xhtml",
            "/tokens.xhtml",
            "/import.xhtml",
            "/store-import.xhtml",
            "/site-user-import.xhtml",
            "/password.xhtml",
            "/api.xhtml");

    private final WebDriver browser;
    private final WebDriverWait wait;

    public AdminPages(WebDriver browser, WebDriverWait wait) {
        this.browser = browser;
        this.wait = wait;
    }

    public void signIn(String user, String password) {
        browser.get(Browserless.BASE + "/sites.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("j_username")))
                .sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sites:table")));
    }

    public void openSite(long siteId) {
        browser.get(Browserless.BASE + "/site.xhtml?id=" + siteId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("site:name")));
    }

    public void addStoreByDoubleClick(long storeId) {
        click("site:addStore");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='addStoreForm:allStores'] tr[data-rk='" + storeId + "']")));
        new Actions(browser)
                .doubleClick(row.findElements(By.tagName("td")).get(1))
                .perform();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("addStoreDialog")));
    }

    /** Clicks the element once it is clickable, finding it again when an AJAX update replaced it meanwhile. */
    public void click(String id) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element =
                    ExpectedConditions.elementToBeClickable(By.id(id)).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    public void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * The element's text as it is now: found and read in one step, and found again when an AJAX update replaced it
     * between the two (a panel re-rendered while it was read).
     */
    public String text(String id) {
        return wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id(id)).getText());
    }
}
