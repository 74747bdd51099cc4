package org.syncsites.platform;

import java.util.Locale;

/** What a text column of the database holds. */
public final class Columns {

    private Columns() {}

    /** {@code value} cut to the first {@code max} characters, which a column of that size holds; null stays null. */
    public static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /**
     * What a list's filter matches with {@code LIKE :p ESCAPE '\'} ({@link #ESCAPE}): any value containing the text,
     * compared in lower case. The text's own {@code %} and {@code _} are matched as themselves (a store code
     * {@code CLINIC_01} is looked for as written, not as {@code CLINIC} and any character then {@code 01}); an empty
     * text matches everything ({@code %%}).
     */
    public static String containing(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The escape clause that goes with {@link #containing}, e.g. {@code "s.nameKey LIKE :p" + ESCAPE}. */
    public static final String ESCAPE = " ESCAPE '\\'";
}
