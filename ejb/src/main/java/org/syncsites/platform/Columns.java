package org.syncsites.platform;

/** What a text column of the database holds. */
public final class Columns {

    private Columns() {
    }

    /** {@code value} cut to the first {@code max} characters, which a column of that size holds; null stays null. */
    public static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
