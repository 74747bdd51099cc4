package org.syncsites.remote;

import java.util.Optional;
import org.syncsites.platform.Text;
import org.syncsites.remote.http.HttpReply;
import org.syncsites.syncv5.ErrorCode;
import org.syncsites.syncv5.SyncError;
import org.syncsites.syncv5.SyncV5Json;

/**
 * The central server refused a request: its HTTP status and, when the body is the protocol's
 * {@code {"error":{"code","message","data"}}}, its code and message. {@link #text()} says what happened and what
 * to do.
 */
public class SyncApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Text text;

    SyncApiError(int status, String code, Text text) {
        super(text.english());
        this.status = status;
        this.code = code;
        this.text = text;
    }

    static SyncApiError of(HttpReply reply, String route) {
        Optional<SyncError> error = SyncV5Json.readError(reply.body());
        String code = error.map(SyncError::code).orElse(null);
        String serverMessage = error.map(SyncError::message).orElse(null);
        return new SyncApiError(reply.status(), code, advice(reply.status(), code, serverMessage, route, reply.body()));
    }

    /** A 2xx answer that is not the protocol's JSON. */
    static SyncApiError notTheProtocol(String route, String problem) {
        return new SyncApiError(200, null, Text.of("remote.api.notProtocol", route, problem));
    }

    /** What happened and what to do, in words of the bundle. */
    public Text text() {
        return text;
    }

    /** The error's code (e.g. {@code site_incorrect_password}), or null when the body was not the protocol's. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    private static Text advice(int status, String code, String serverMessage, String route, String body) {
        int said = serverMessage == null ? 0 : 1;
        String saidText = serverMessage == null ? "" : serverMessage;
        if (code == null) {
            String text = body == null ? "" : body.strip();
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            int some = text.isEmpty() ? 0 : 1;
            // the status as text: it is a name, not an amount
            return status == 404
                    ? Text.of("remote.api.answered404", route, some, shown)
                    : Text.of("remote.api.answered", route, Integer.toString(status), some, shown);
        }
        ErrorCode known = ErrorCode.of(code).orElse(null);
        if (known == null) {
            return Text.of("remote.api.refused", route, Integer.toString(status), code, said, saidText);
        }
        return switch (known) {
            case SITE_INCORRECT_PASSWORD, SITE_NAME_NOT_FOUND -> Text.of("remote.api.credentials", code);
            case SITE_AUTH_TIMEOUT -> Text.of("remote.api.blocked");
            case SITE_INCORRECT_HARDWARE_ID -> Text.of("remote.api.anotherDevice");
            case API_VERSION_INCOMPATIBLE -> Text.of("remote.api.version", said, saidText);
            case SITE_HAS_NO_STORE -> Text.of("remote.api.noStore");
            default -> Text.of("remote.api.refused", route, Integer.toString(status), code, said, saidText);
        };
    }
}
