package org.syncsites.syncv5;

import jakarta.json.JsonValue;

/**
 * An error body, {@code {"error":{"code","message","data"}}} (§2.1). {@code code} is the wire word, kept as
 * text because a server may send codes this side does not know ({@link ErrorCode#of}); {@code data} is any JSON
 * value, {@link JsonValue#NULL} when absent.
 */
public record SyncError(String code, String message, JsonValue data) {

    public SyncError(ErrorCode code, String message, JsonValue data) {
        this(code.wire(), message, data == null ? JsonValue.NULL : data);
    }
}
