package org.syncsites.remote;

import org.syncsites.remote.http.HttpReply;
import org.syncsites.syncv5.ErrorCode;
import org.syncsites.syncv5.SyncError;
import org.syncsites.syncv5.SyncV5Json;

import java.util.Optional;

/**
 * The central server refused a request: its HTTP status and, when the body is the protocol's
 * {@code {"error":{"code","message","data"}}}, its code and message. {@link #getMessage()} says in words what
 * happened and what to do.
 */
public class SyncApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    SyncApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static SyncApiError of(HttpReply reply, String route) {
        Optional<SyncError> error = SyncV5Json.readError(reply.body());
        String code = error.map(SyncError::code).orElse(null);
        String serverMessage = error.map(SyncError::message).orElse(null);
        return new SyncApiError(reply.status(), code, advice(reply.status(), code, serverMessage, route, reply.body()));
    }

    /** The error's code (e.g. {@code site_incorrect_password}), or null when the body was not the protocol's. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    private static String advice(int status, String code, String serverMessage, String route, String body) {
        String said = serverMessage == null ? "" : " The server said: " + serverMessage;
        if (code == null) {
            String text = body == null ? "" : body.strip();
            return "The central server answered " + route + " with HTTP " + status
                    + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text))
                    + (status == 404 ? " Check the server URL: it should be the central server's address, e.g. "
                    + "https://central.example.org:8443." : "");
        }
        String refused = "The central server refused " + route + " (HTTP " + status + ", " + code + ")." + said;
        ErrorCode known = ErrorCode.of(code).orElse(null);
        if (known == null) {
            return refused;
        }
        return switch (known) {
            case SITE_INCORRECT_PASSWORD, SITE_NAME_NOT_FOUND -> "The central server did not accept the site "
                    + "name or password (" + code + "). Check both here against the site on the central server."
                    + " Each refused attempt counts towards blocking the site.";
            case SITE_AUTH_TIMEOUT -> "The site is blocked on the central server after too many failed "
                    + "sign-ins (site_auth_timeout). An administrator of the central server must unblock it.";
            case SITE_INCORRECT_HARDWARE_ID -> "The site is bound to another device on the central server "
                    + "(site_incorrect_hardware_id). If this server replaces that device, ask an administrator of "
                    + "the central server to reset the site's hardware ID.";
            case API_VERSION_INCOMPATIBLE -> "The central server does not support this version of the sync "
                    + "protocol (api_version_incompatible)." + said;
            case SITE_HAS_NO_STORE -> "The site has no store on the central server (site_has_no_store). Ask an "
                    + "administrator of the central server to add one.";
            default -> refused;
        };
    }
}
