package org.syncsites.platform;

import java.io.Serializable;
import java.text.MessageFormat;
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

    public Text {
        args = List.copyOf(args);
    }

    /** @param args texts, numbers (times as {@link Times#when} writes them) or other Texts, said in the same language */
    public static Text of(String key, Serializable... args) {
        return new Text(key, Arrays.asList(args));
    }

    /** The words in {@code locale}'s language (English where the bundle has none of that language). */
    public String in(Locale locale) {
        ResourceBundle words = ResourceBundle.getBundle(BUNDLE, locale, Text.class.getClassLoader());
        Object[] said = args.stream().map(a -> a instanceof Text text ? text.in(locale) : a).toArray();
        return new MessageFormat(words.getString(key), locale).format(said);
    }

    public String english() {
        return in(Locale.ENGLISH);
    }
}
