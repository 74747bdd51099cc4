package org.syncsites.syncv5;

import java.util.Locale;

/**
 * {@code code} of {@code GET site_status} (§3.2): what the central is doing for the site. Clients poll until
 * {@link #IDLE}; any other word is a parse error for them.
 */
public enum OperationStatus {
    IDLE("idle"),
    SYNC_IS_RUNNING("Sync is already running - try again later"),
    INTEGRATION_IN_PROGRESS("Integration in progress"),
    INITIALISATION_IN_PROGRESS("Initialisation in progress");

    private final String message;

    OperationStatus(String message) {
        this.message = message;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code message} sent with it (the protocol's examples). */
    public String message() {
        return message;
    }

    /** @throws IllegalArgumentException for any other word */
    public static OperationStatus parse(String text) {
        for (OperationStatus status : values()) {
            if (status.wire().equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown site_status code '" + text + "'");
    }
}
