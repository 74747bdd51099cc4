package org.syncsites.web.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.syncsites.audit.AuditTrail;
import org.syncsites.networkhealth.SiteState;
import org.syncsites.resync.InitialisationPreview;
import org.syncsites.resync.ResyncState;
import org.syncsites.site.SignInGuard;
import org.syncsites.site.SiteType;
import org.syncsites.siteadmin.BulkAction;
import org.syncsites.siteadmin.BulkJobState;
import org.syncsites.store.Store;
import org.syncsites.synchistory.SessionOutcome;

/**
 * The words in every language: the pages' bundle (web/Pages) and the business's (platform/Words, whose keys
 * platform.WordsTest checks against the code) have the same keys in English, French, Spanish and Portuguese, each
 * sentence with the same arguments in every language; every page key is used and every key a page uses exists.
 */
class LanguagesTest {

    /** The languages besides English: faces-config.xml's supported locales, the one list of them. */
    private static final List<String> LANGUAGES = supportedLanguages();

    private static final Path PAGES = Path.of("src/main/webapp");
    private static final Path SOURCES = Path.of("src/main/java");
    /** #{msg['key']} in a page. */
    private static final Pattern PAGE_KEY = Pattern.compile("msg\\['([a-zA-Z0-9.]+)'\\]");
    /** #{msg['prefix.' += value]}: the keys under the prefix are chosen by a value (an enum's name). */
    private static final Pattern PAGE_PREFIX = Pattern.compile("msg\\['([a-zA-Z0-9.]+\\.)' \\+=");
    /** A key said by a bean: Messages.say("key" ...), or either key of a choice inside it. */
    private static final Pattern SAID = Pattern.compile("\"([a-z][a-zA-Z0-9]*(\\.[a-zA-Z0-9]+)+)\"");
    /** An argument of a MessageFormat ({0}, {1,choice,...}) or of a PrimeFaces template ({totalRecords}). */
    private static final Pattern ARGUMENT = Pattern.compile("\\{([0-9]+|[a-zA-Z]+)[,}]");

    @Test
    void everyLanguageHasEveryKeyWithTheSameArguments() {
        for (String family : List.of("org/syncsites/web/Pages", "org/syncsites/platform/Words")) {
            Properties english = bundle(family + ".properties");
            for (String language : LANGUAGES) {
                Properties translated = bundle(family + "_" + language + ".properties");
                String file = family + "_" + language + ".properties";
                Set<String> missing = new TreeSet<>(english.stringPropertyNames());
                missing.removeAll(translated.stringPropertyNames());
                assertEquals(Set.of(), missing, file + " lacks keys of the English file");
                Set<String> extra = new TreeSet<>(translated.stringPropertyNames());
                extra.removeAll(english.stringPropertyNames());
                assertEquals(Set.of(), extra, file + " has keys the English file has not");
                for (String key : english.stringPropertyNames()) {
                    assertEquals(
                            arguments(english.getProperty(key)),
                            arguments(translated.getProperty(key)),
                            file + ": " + key + " must take the same arguments as in English");
                    if (!translated.getProperty(key).contains("{startRecord}")) { // PrimeFaces' template, not a format
                        new MessageFormat(translated.getProperty(key), Locale.forLanguageTag(language)); // a valid one
                    }
                }
            }
        }
    }

    /**
     * A page sentence with arguments is a MessageFormat (a quote written ''); one without is shown as written, so a
     * doubled quote would show doubled, and a lone quote inside a format would swallow the rest.
     */
    @Test
    void quotesAreWrittenAsEachSentenceIsShown() {
        for (String file : files("org/syncsites/web/Pages")) {
            Properties words = bundle(file);
            for (String key : words.stringPropertyNames()) {
                String sentence = words.getProperty(key);
                boolean format = ARGUMENT.matcher(sentence).find() && !sentence.contains("{startRecord}");
                if (format) {
                    assertFalse(sentence.replace("''", "").contains("'"), file + ": " + key + " has a lone quote");
                } else {
                    assertFalse(sentence.contains("''"), file + ": " + key + " is shown as written: write ' once");
                }
            }
        }
    }

    @Test
    void everyPageKeyIsUsedAndEveryKeyUsedExists() throws IOException {
        Set<String> keys =
                new TreeSet<>(bundle("org/syncsites/web/Pages.properties").stringPropertyNames());
        Set<String> used = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (String page : read(PAGES, ".xhtml")) {
            Matcher key = PAGE_KEY.matcher(page);
            while (key.find()) {
                used.add(key.group(1));
            }
            Matcher prefix = PAGE_PREFIX.matcher(page);
            while (prefix.find()) {
                prefixes.add(prefix.group(1));
            }
        }
        Set<String> saidInCode = new TreeSet<>();
        for (String source : read(SOURCES, ".java")) {
            Matcher said = SAID.matcher(source);
            while (said.find()) {
                saidInCode.add(said.group(1));
            }
        }
        saidInCode.retainAll(keys); // string literals that are keys of the pages
        used.addAll(saidInCode);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(keys);
        assertEquals(Set.of(), missing, "keys the pages use but Pages.properties lacks");
        Set<String> unused = new TreeSet<>(keys);
        unused.removeAll(used);
        unused.removeIf(k -> prefixes.stream().anyMatch(k::startsWith));
        assertEquals(Set.of(), unused, "keys of Pages.properties that nothing uses");
    }

    /** The values the pages say through a key prefix each have their words. */
    @Test
    void everyValueShownByItsNameHasItsWords() {
        Properties words = bundle("org/syncsites/web/Pages.properties");
        List<String> keys = new ArrayList<>();
        Stream.of(SiteType.values()).forEach(v -> keys.add("site.type." + v.name()));
        Stream.of(SignInGuard.DeviceAnswer.values()).forEach(v -> keys.add("site.devices.answer." + v.name()));
        Stream.of(AuditTrail.Action.values()).forEach(v -> keys.add("audit.action." + v.name()));
        Stream.of(ResyncState.values()).forEach(v -> keys.add("site.resync.state." + v.name()));
        Stream.of(SiteState.values()).forEach(v -> keys.add("health.state." + v.name()));
        Stream.of(SessionOutcome.values()).forEach(v -> keys.add("history.outcome." + v.name()));
        Stream.of(Store.Mode.values()).forEach(v -> keys.add("stores.mode." + v.wire()));
        Stream.of(BulkAction.values()).forEach(v -> keys.add("bulk.action." + v.name()));
        Stream.of(BulkAction.values()).filter(BulkAction::takesValue).forEach(v -> keys.add("bulk.value." + v.name()));
        Stream.of(BulkJobState.values()).forEach(v -> keys.add("bulk.state." + v.name()));
        Stream.of(InitialisationPreview.PartKind.values())
                .forEach(v -> keys.add("site.initialisation.part." + v.name()));
        InitialisationPreview.USUAL_LINKS.forEach(link -> keys.add("site.initialisation.link." + link.name()));
        keys.add("site.initialisation.link.chosen");
        keys.add("central.lastOutcome.succeeded");
        keys.add("central.lastOutcome.failed");
        for (String key : keys) {
            assertNotNull(words.getProperty(key), key);
        }
    }

    private static List<String> supportedLanguages() {
        try {
            String config = Files.readString(Path.of("src/main/webapp/WEB-INF/faces-config.xml"));
            Matcher locale = Pattern.compile("<supported-locale>([a-zA-Z_-]+)</supported-locale>")
                    .matcher(config);
            List<String> languages = new ArrayList<>();
            while (locale.find()) {
                if (!locale.group(1).equals("en")) {
                    languages.add(locale.group(1));
                }
            }
            assertFalse(languages.isEmpty(), "faces-config.xml lists the languages");
            return languages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys and arguments of a sentence: {0}, {1}... and PrimeFaces' named ones. */
    private static Set<String> arguments(String sentence) {
        Set<String> found = new TreeSet<>();
        Matcher argument = ARGUMENT.matcher(sentence);
        while (argument.find()) {
            found.add(argument.group(1));
        }
        return found;
    }

    private static List<String> files(String family) {
        List<String> files = new ArrayList<>(List.of(family + ".properties"));
        LANGUAGES.forEach(l -> files.add(family + "_" + l + ".properties"));
        return files;
    }

    /** A bundle file as ResourceBundle reads it: UTF-8. */
    private static Properties bundle(String resource) {
        Properties words = new Properties();
        try (InputStream in = LanguagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing");
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static List<String> read(Path folder, String ending) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(ending))
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
