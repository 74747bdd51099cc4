package org.syncsites.web.rest;

import jakarta.json.JsonValue;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.syncv5.SyncError;
import org.syncsites.syncv5.SyncV5Json;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper answers: logged in full with a reference, answered 500 with that reference and no
 * detail (no SQL, no stack trace) in the error body both APIs use, {@code {"error":{"code","message","data"}}}.
 * HTTP errors JAX-RS raises itself (404, 405, 415...) keep their status.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        if (isUnreadableJson(exception)) {
            return error(Response.Status.BAD_REQUEST.getStatusCode(), "malformed_json", "The request body is not the "
                    + "JSON this resource takes. Check its syntax and field types.");
        }
        if (exception instanceof WebApplicationException http) {
            Response response = http.getResponse();
            return error(response.getStatus(), "http_" + response.getStatus(),
                    String.valueOf(Response.Status.fromStatusCode(response.getStatus())));
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Request failed (reference " + reference + ")", exception);
        return error(500, "server_error", "The server could not complete the request. It was logged with reference "
                + reference + "; try again, or give the reference to the server's administrator.");
    }

    /** The error body both APIs share, as the sync protocol writes it. */
    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(SyncV5Json.error(new SyncError(code, message, JsonValue.NULL))).build();
    }

    /** A request body that JSON-B could not read (bad syntax, wrong types): the client's mistake, not the server's. */
    private static boolean isUnreadableJson(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.json.bind.JsonbException || t instanceof jakarta.json.JsonException) {
                return true;
            }
        }
        return false;
    }
}
