package org.syncsites.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium and ChromeDriver, named explicitly (no driver or browser is downloaded), with a
 * fresh profile each time. Screenshots go to ear/target/screenshots.
 */
public final class Chromium {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {}

    public static WebDriver start() {
        return start("en-US", null);
    }

    /**
     * A browser whose user reads {@code languages} (its Accept-Language, e.g. "fr-FR,fr") and, when not null, lives in
     * {@code timeZone} (e.g. "Africa/Maputo").
     */
    public static WebDriver start(String languages, String timeZone) {
        String driver = System.getProperty("chromedriver", "/usr/bin/chromedriver");
        String browser = System.getProperty("chromium", "/usr/bin/chromium");
        if (!new File(driver).canExecute() || !new File(browser).canExecute()) {
            throw new IllegalStateException("Browser tests need Chromium and its driver at " + browser + " and "
                    + driver + ": apt-get install chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("syncsites-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browser);
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--window-size=1366,900",
                    "--user-data-dir=" + profile,
                    "--lang=" + languages.split(",")[0],
                    "--accept-lang=" + languages);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
            ChromeDriverService.Builder builder = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(driver))
                    .usingAnyFreePort();
            if (timeZone != null) {
                builder.withEnvironment(Map.of("TZ", timeZone));
            }
            ChromeDriverService service = builder.build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a Chromium profile folder", e);
        }
    }

    /**
     * A wait that also rides out an element being replaced by an Ajax update between finding and reading it.
     * Selenium's conditions retry a stale element, but ChromeDriver sometimes reports that case as an "unknown
     * error" ("Node with given id does not belong to the document") that no condition catches.
     */
    public static WebDriverWait waitFor(WebDriver browser, Duration timeout) {
        return new WebDriverWait(browser, timeout) {
            @Override
            public <V> V until(Function<? super WebDriver, ? extends V> condition) {
                return super.until((Function<WebDriver, V>) driver -> {
                    try {
                        return condition.apply(driver);
                    } catch (WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
            }
        };
    }

    /** Scrolls the element with this id to the middle of the window, e.g. before a screenshot. */
    public static void scrollTo(WebDriver browser, String id) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
    }

    public static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save the screenshot " + name, e);
        }
    }
}
