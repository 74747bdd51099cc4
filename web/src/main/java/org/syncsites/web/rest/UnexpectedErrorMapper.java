package org.syncsites.web.rest;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncsites.platform.Text;
import org.syncsites.syncv5.SyncError;
import org.syncsites.syncv5.SyncV5Json;

/**
 * Anything no other mapper answers: logged in full with a reference, answered 500 with that reference and no
 * detail (no SQL, no stack trace) in the error body both APIs use, {@code {"error":{"code","message","data"}}}.
 * HTTP errors JAX-RS raises itself (404, 405, 415...) keep their status.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    private HttpHeaders headers;

    @Context
    private Request request;

    @Override
    public Response toResponse(Exception exception) {
        if (isUnreadableJson(exception)) {
            return error(
                    Response.Status.BAD_REQUEST.getStatusCode(), "malformed_json", Text.of("api.error.malformedJson"));
        }
        if (exception instanceof WebApplicationException http) {
            int status = http.getResponse().getStatus();
            return error(
                    status,
                    "http_" + status,
                    switch (status) {
                        case 404 -> Text.of("api.error.notFound");
                        case 405 -> Text.of("api.error.methodNotAllowed", request.getMethod());
                        case 406, 415 -> Text.of("api.error.mediaType", status);
                        default -> Text.of("api.error.http", status);
                    });
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Request failed (reference " + reference + ")", exception);
        return error(500, "server_error", Text.of("api.error.server", reference));
    }

    /** The error body both APIs share, as the sync protocol writes it, in the language the request asks for. */
    private Response error(int status, String code, Text message) {
        Locale language = ErrorBody.language(headers);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .language(language)
                .entity(SyncV5Json.error(new SyncError(code, message.in(language), JsonValue.NULL)))
                .build();
    }

    /** A request body that JSON-B could not read (bad syntax, wrong types): the client's mistake, not the server's. */
    private static boolean isUnreadableJson(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return true;
            }
        }
        return false;
    }
}
