package org.syncsites.syncv5;

/**
 * The three record lists of the protocol. They share a record's fields (§3.8) and differ in the name and type of
 * its cursor, the name of the batch's count, and how actions are spelt.
 */
public enum Feed {
    /** {@code GET central_records}: the central change log; cursor {@code ID} (a number), count {@code maxCursor}. */
    CENTRAL("ID", true, "maxCursor", false),
    /** {@code GET queued_records}: a site's queue; cursor {@code syncOutId} (a string), count {@code queueLength}. */
    QUEUE("syncOutId", false, "queueLength", false),
    /** {@code POST queued_records}: what a site pushes; as the queue, with capitalised actions. */
    PUSH("syncOutId", false, "queueLength", true);

    private final String cursorField;
    private final boolean numericCursor;
    private final String countField;
    private final boolean capitalisedActions;

    Feed(String cursorField, boolean numericCursor, String countField, boolean capitalisedActions) {
        this.cursorField = cursorField;
        this.numericCursor = numericCursor;
        this.countField = countField;
        this.capitalisedActions = capitalisedActions;
    }

    public String cursorField() {
        return cursorField;
    }

    public boolean numericCursor() {
        return numericCursor;
    }

    public String countField() {
        return countField;
    }

    String spell(Action action) {
        return capitalisedActions ? action.pushed() : action.wire();
    }
}
