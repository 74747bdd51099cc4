package org.syncsites.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Format;
import java.text.MessageFormat;
import java.time.Instant;
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

/**
 * The business's words live in one bundle: every key the EJB tier says exists, every sentence of the bundle is
 * said somewhere, each is a valid MessageFormat, and no rule refuses a change with a sentence of its own.
 */
class WordsTest {

    /** Where words are said: the EJB tier, and the sync API and pages, which say some of them (refusals). */
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../web/src/main/java"));

    /** A key said: {@code Text.of("key"}, the formatter may break the line after the parenthesis. */
    private static final Pattern KEY = Pattern.compile("Text\\.of\\(\\s*\"([a-zA-Z0-9.]+)\"");
    /** A refusal written as a sentence in the code instead of a key of the bundle. */
    private static final Pattern SENTENCE = Pattern.compile(
            "new (RuleViolation|NotFound|EditConflict)\\(\\s*(\"[^\"]*\",\\s*\"|\"[^\"]*\"(\\)|\\s*\\+))"
                    + "|new (RuleViolation\\.)?Problem\\(\\s*\"[^\"]*\",\\s*\"|new SiteWarning\\([^,]+,\\s*\""
                    + "|new SyncRefusal\\(\\s*\\d+,\\s*ErrorCode\\.\\w+,\\s*\"|SyncRefusal\\.badRequest\\(\\s*\""
                    + "|new ConnectionReport\\.Line\\([^,]+,\\s*\"");

    @Test
    void everyKeySaidExistsAndEverySentenceIsSaid() throws IOException {
        Set<String> said = new TreeSet<>();
        for (String source : sources()) {
            Matcher key = KEY.matcher(source);
            while (key.find()) {
                said.add(key.group(1));
            }
        }
        Set<String> inBundle = new TreeSet<>(bundle().stringPropertyNames());
        Set<String> missing = new TreeSet<>(said);
        missing.removeAll(inBundle);
        assertEquals(Set.of(), missing, "keys said in the code but missing in Words.properties");
        Set<String> unused = new TreeSet<>(inBundle);
        unused.removeAll(said);
        assertEquals(Set.of(), unused, "sentences of Words.properties that nothing says");
    }

    @Test
    void everySentenceIsAValidMessageFormat() throws IOException {
        Properties words = bundle();
        for (String key : words.stringPropertyNames()) {
            MessageFormat format = new MessageFormat(words.getProperty(key), Locale.ENGLISH);
            Format[] byArgument = format.getFormatsByArgumentIndex();
            Object[] args = new Object[10]; // arguments used only inside a choice are not among byArgument
            for (int i = 0; i < args.length; i++) {
                args[i] = i < byArgument.length && byArgument[i] != null ? 2 : "x"; // a choice takes a number
            }
            assertTrue(!format.format(args).contains("{"), key + ": an argument is not filled in");
        }
    }

    @Test
    void noRuleRefusesWithASentenceOfItsOwn() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path folder : SOURCES) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .flatMap(f -> {
                            try {
                                return Files.readAllLines(f).stream()
                                        .filter(l -> SENTENCE.matcher(l).find())
                                        .map(l -> f.getFileName() + ": " + l.strip());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .forEach(found::add);
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void textsAreSaidWithTheirArgumentsAndTextsInside() {
        assertEquals(
                "Site 'Clinic 7' still has 2 stores. Remove them first (removed stores move to the central server).",
                Text.of("site.delete.hasStores", "Clinic 7", 2).english());
        assertEquals(
                "Site 'Clinic 7' still has 1 store. Remove it first (removed stores move to the central server).",
                Text.of("site.delete.hasStores", "Clinic 7", 1).english());
        assertTrue(Text.of("site.warning.password", "Clinic 7", Text.of("site.lastSynced", "1 Nov 2026 10:00 UTC"))
                .english()
                .startsWith("Site 'Clinic 7' last synced on 1 Nov 2026 10:00 UTC. If you change its password"));
    }

    @Test
    void anAcceptLanguageHeaderChoosesTheFirstLanguageTheWordsAreWrittenIn() {
        assertEquals(Locale.FRENCH, Text.firstSpoken("fr-CH, fr;q=0.9, en;q=0.8"));
        assertEquals(Locale.forLanguageTag("pt"), Text.firstSpoken("de;q=1, pt-BR;q=0.7, en;q=0.5"), "German is none");
        assertEquals(Locale.forLanguageTag("es"), Text.firstSpoken("en;q=0.2, es"), "by weight, not by place");
        assertEquals(Locale.ENGLISH, Text.firstSpoken("fr;q=0, de"), "q=0: not French");
        for (String none : new String[] {null, "", "*", "de", "not a header;;;q=x"}) {
            assertEquals(Locale.ENGLISH, Text.firstSpoken(none), String.valueOf(none));
        }
    }

    @Test
    void timesAreSaidInTheReadersLanguageAndKeptAsTimes() {
        Text text = Text.of(
                "site.warning.password", "Clinic 7", Text.of("site.lastSynced", Instant.parse("2026-11-01T10:00:00Z")));
        assertTrue(text.english().startsWith("Site 'Clinic 7' last synced on 1 Nov 2026 10:00 UTC."), text.english());
        String french = text.in(Locale.FRENCH);
        assertTrue(
                french.startsWith("Le site « Clinic 7 » s'est synchronisé pour la dernière fois le 1 nov. 2026")
                        && french.contains("10:00 UTC"),
                french);
        assertEquals(text, Text.decode(text.encoded()), "kept in a column, said again later in any language");
    }

    private static List<String> sources() throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path folder : SOURCES) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .map(f -> {
                            try {
                                return Files.readString(f);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        })
                        .forEach(sources::add);
            }
        }
        return sources;
    }

    private static Properties bundle() throws IOException {
        Properties words = new Properties();
        try (InputStream in = Text.class.getResourceAsStream("/org/syncsites/platform/Words.properties")) {
            words.load(in);
        }
        return words;
    }
}
