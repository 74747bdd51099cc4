package org.syncsites.sync;

import jakarta.ejb.ApplicationException;
import jakarta.json.JsonValue;
import java.util.Locale;
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
    private final Text text;
    private final transient JsonValue data;

    /**
     * A refusal in words of the bundle: its message is said in the language the remote site asks for
     * ({@link #error(Locale)}), English by default; its code is the protocol's, in every language.
     *
     * @param data the error's {@code data}, or null
     */
    public SyncRefusal(int status, ErrorCode code, Text text, JsonValue data) {
        super(text.english());
        this.status = status;
        this.code = code;
        this.text = text;
        this.data = data;
    }

    public SyncRefusal(int status, ErrorCode code, Text text) {
        this(status, code, text, null);
    }

    public static SyncRefusal badRequest(Text text) {
        return new SyncRefusal(400, ErrorCode.BAD_REQUEST, text);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** What the message says, to be said in any language. */
    public Text text() {
        return text;
    }

    /** The error body as the protocol writes it, its message in {@code locale}'s language. */
    public SyncError error(Locale locale) {
        return new SyncError(code, text.in(locale), data);
    }
}
