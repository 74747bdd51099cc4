package org.syncsites.sync;

import jakarta.ejb.ApplicationException;
import jakarta.json.JsonValue;
import org.syncsites.platform.Text;
import org.syncsites.syncv5.ErrorCode;
import org.syncsites.syncv5.SyncError;

/**
 * A sync request refused, as the v5 protocol answers it: an HTTP status and the body
 * {@code {"error":{"code","message","data"}}}. Thrown without rolling back, so that the sign-in bookkeeping
 * (failed attempts, blocking) is kept.
 */
@ApplicationException(rollback = false)
public class SyncRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final ErrorCode code;
    private final transient JsonValue data;

    /** @param data the error's {@code data}, or null */
    public SyncRefusal(int status, ErrorCode code, String message, JsonValue data) {
        super(message);
        this.status = status;
        this.code = code;
        this.data = data;
    }

    public SyncRefusal(int status, ErrorCode code, String message) {
        this(status, code, message, null);
    }

    /** A refusal in words of the bundle; the wire carries them in English. */
    public SyncRefusal(int status, ErrorCode code, Text text, JsonValue data) {
        this(status, code, text.english(), data);
    }

    public SyncRefusal(int status, ErrorCode code, Text text) {
        this(status, code, text, null);
    }

    public static SyncRefusal badRequest(String message) {
        return new SyncRefusal(400, ErrorCode.BAD_REQUEST, message);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** The error body as the protocol writes it. */
    public SyncError error() {
        return new SyncError(code, getMessage(), data);
    }
}
