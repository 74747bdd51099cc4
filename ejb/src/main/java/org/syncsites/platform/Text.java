package org.syncsites.platform;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.io.StringReader;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Words for a person, kept as what to say rather than how: a key of the bundle {@value #BUNDLE} and its
 * arguments (texts and numbers), rendered in the reader's language where they are shown ({@link #in}). The rules
 * of the EJB tier return these, never sentences; the bundle holds the sentences, English first.
 */
public record Text(String key, List<Serializable> args) implements Serializable {

    /** The bundle of the business's words: {@code org/syncsites/platform/Words.properties} and its languages. */
    public static final String BUNDLE = "org.syncsites.platform.Words";

    /** The longest text argument kept by {@link #encoded} (the columns hold 1,000 or 2,000 characters). */
    public static final int MAX_ARGUMENT = 300;

    public Text {
        args = List.copyOf(args);
    }

    /** @param args texts, numbers, times ({@link Instant}, said as {@link Times#when} writes them in UTC) or other Texts, said in the same language */
    public static Text of(String key, Serializable... args) {
        return new Text(key, Arrays.asList(args));
    }

    /** The words in {@code locale}'s language (English where the bundle has none of that language). */
    public String in(Locale locale) {
        ResourceBundle words = ResourceBundle.getBundle(BUNDLE, locale, Text.class.getClassLoader(), ONLY_ASKED);
        if (!words.containsKey(key)) { // kept by an older version, under a key since renamed
            return key + " " + args;
        }
        Object[] said = args.stream()
                .map(a -> a instanceof Text text
                        ? text.in(locale)
                        : a instanceof Instant instant ? Times.when(instant, locale) : a)
                .toArray();
        return new MessageFormat(words.getString(key), locale).format(said);
    }

    /**
     * Whether the bundle is written in {@code locale}'s language (English is the bundle itself): a language is added
     * by adding its file, {@code Words_xx.properties}.
     */
    public static boolean speaks(Locale locale) {
        String language = locale.getLanguage();
        return language.equals("en")
                || (!language.isEmpty()
                        && Text.class
                                        .getClassLoader()
                                        .getResource(BUNDLE.replace('.', '/') + "_" + language + ".properties")
                                != null);
    }

    /** The first of {@code wanted} (in order of preference) that the bundle is written in, else English. */
    public static Locale firstSpoken(List<Locale> wanted) {
        return wanted.stream()
                .filter(Text::speaks)
                .findFirst()
                .map(l -> Locale.forLanguageTag(l.getLanguage()))
                .orElse(Locale.ENGLISH);
    }

    /**
     * The first language of an {@code Accept-Language} header (by its weights) that the bundle is written in, else
     * English: also when there is no header, or one that cannot be read.
     */
    public static Locale firstSpoken(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            return firstSpoken(Locale.LanguageRange.parse(acceptLanguage).stream()
                    .filter(range -> range.getWeight() > 0)
                    .map(range -> Locale.forLanguageTag(range.getRange()))
                    .toList());
        } catch (IllegalArgumentException unreadable) {
            return Locale.ENGLISH;
        }
    }

    /** Looks up the language asked for, then the bundle itself (English): never the server's own default language. */
    private static final ResourceBundle.Control ONLY_ASKED =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public String english() {
        return in(Locale.ENGLISH);
    }

    /**
     * The text as it is kept in a column that a page shows later (a sync's outcome, a failure's reason): JSON of the
     * key and the arguments, each text argument at most {@value #MAX_ARGUMENT} characters.
     */
    public String encoded() {
        return json().toString();
    }

    private JsonObject json() {
        JsonArrayBuilder values = Json.createArrayBuilder();
        for (Serializable arg : args) {
            if (arg instanceof Text text) {
                values.add(text.json());
            } else if (arg instanceof Instant instant) {
                values.add(Json.createObjectBuilder().add("at", instant.toString()));
            } else if (arg instanceof Number number) {
                values.add(new BigDecimal(number.toString()));
            } else {
                String value = String.valueOf(arg);
                values.add(value.length() > MAX_ARGUMENT ? value.substring(0, MAX_ARGUMENT) + "..." : value);
            }
        }
        return Json.createObjectBuilder().add("key", key).add("args", values).build();
    }

    /**
     * A text kept by {@link #encoded}; words kept before they were kept as keys are said as they were written.
     * @return null for null
     */
    public static Text decode(String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith("{")) {
            try (var reader = Json.createReader(new StringReader(stored))) {
                return of(reader.readObject());
            } catch (RuntimeException notOurs) {
                // as written, below
            }
        }
        return Text.of("text.asWritten", stored);
    }

    private static Text of(JsonObject json) {
        List<Serializable> values = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("args")) {
            if (value instanceof JsonObject time && time.containsKey("at")) {
                values.add(Instant.parse(time.getString("at")));
            } else if (value instanceof JsonObject text) {
                values.add(of(text));
            } else if (value instanceof JsonNumber number) {
                values.add(number.isIntegral() ? (Serializable) number.longValue() : number.doubleValue());
            } else {
                values.add(((JsonString) value).getString());
            }
        }
        return new Text(json.getString("key"), values);
    }
}
