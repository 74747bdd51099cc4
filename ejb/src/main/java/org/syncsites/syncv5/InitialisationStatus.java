package org.syncsites.syncv5;

import java.util.Locale;

/**
 * {@code initialisationStatus} of {@code GET site} (§3.1): {@code new} until the site asks to initialise,
 * {@code started} while its data is being queued, then {@code completed} or {@code error}.
 */
public enum InitialisationStatus {
    NEW,
    STARTED,
    COMPLETED,
    ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for any other word, as the protocol's clients refuse it */
    public static InitialisationStatus parse(String text) {
        for (InitialisationStatus status : values()) {
            if (status.wire().equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown initialisationStatus '" + text + "'");
    }
}
