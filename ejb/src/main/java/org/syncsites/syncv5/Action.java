package org.syncsites.syncv5;

import java.util.Locale;

/**
 * What a record's {@code action} asks (§3.8): an upsert ({@code insert} and {@code update} are the same), a
 * delete, or a merge of two master records. The central writes them in lower case; clients push the capitalised
 * names ({@code Update}, {@code Delete}); both spellings are read.
 */
public enum Action {
    UPDATE,
    DELETE,
    MERGE;

    /** As the central writes it: {@code update}, {@code delete}, {@code merge}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As a client pushes it: {@code Update}, {@code Delete}, {@code Merge}. */
    public String pushed() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but the eight spellings the protocol accepts */
    public static Action parse(String text) {
        return switch (text == null ? "" : text) {
            case "insert", "Insert", "update", "Update" -> UPDATE;
            case "delete", "Delete" -> DELETE;
            case "merge", "Merge" -> MERGE;
            default -> throw new IllegalArgumentException("unknown action '" + text + "'");
        };
    }
}
