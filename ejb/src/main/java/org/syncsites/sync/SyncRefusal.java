package org.syncsites.sync;

import jakarta.ejb.ApplicationException;

/**
 * A sync request refused, as the v5 protocol answers it: an HTTP status and the body
 * {@code {"error":{"code","message","data"}}}. Thrown without rolling back, so that the sign-in bookkeeping
 * (failed attempts, blocking) is kept.
 */
@ApplicationException(rollback = false)
public class SyncRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String data;

    /** @param data JSON text for the error's {@code data}, or null */
    public SyncRefusal(int status, String code, String message, String data) {
        super(message);
        this.status = status;
        this.code = code;
        this.data = data;
    }

    public SyncRefusal(int status, String code, String message) {
        this(status, code, message, null);
    }

    public static SyncRefusal badRequest(String message) {
        return new SyncRefusal(400, "bad_request", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** JSON text, or null. */
    public String data() {
        return data;
    }
}
