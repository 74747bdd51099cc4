package org.syncsites.remote;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.syncsites.remote.http.HttpReply;

import java.io.StringReader;

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
        String code = null;
        String serverMessage = null;
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            JsonValue error = reader.readObject().get("error");
            if (error instanceof JsonObject object && object.get("message") instanceof JsonString message) {
                serverMessage = message.getString();
                code = object.get("code") instanceof JsonString text ? text.getString() : null;
            }
        } catch (RuntimeException notTheProtocolsErrorBody) {
            // described by its status below
        }
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
        return switch (code) {
            case "site_incorrect_password", "site_name_not_found" -> "The central server did not accept the site "
                    + "name or password (" + code + "). Check both here against the site on the central server."
                    + " Each refused attempt counts towards blocking the site.";
            case "site_auth_timeout" -> "The site is blocked on the central server after too many failed "
                    + "sign-ins (site_auth_timeout). An administrator of the central server must unblock it.";
            case "site_incorrect_hardware_id" -> "The site is bound to another device on the central server "
                    + "(site_incorrect_hardware_id). If this server replaces that device, ask an administrator of "
                    + "the central server to reset the site's hardware ID.";
            case "api_version_incompatible" -> "The central server does not support this version of the sync "
                    + "protocol (api_version_incompatible)." + said;
            case "site_has_no_store" -> "The site has no store on the central server (site_has_no_store). Ask an "
                    + "administrator of the central server to add one.";
            default -> "The central server refused " + route + " (HTTP " + status + ", " + code + ")." + said;
        };
    }
}
