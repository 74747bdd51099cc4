package org.syncsites.web.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

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
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity("{\"error\":{\"code\":\"malformed_json\",\"message\":\"The request body is not the JSON this "
                            + "resource takes. Check its syntax and field types.\",\"data\":null}}").build();
        }
        if (exception instanceof WebApplicationException http) {
            Response response = http.getResponse();
            return Response.status(response.getStatus()).type(MediaType.APPLICATION_JSON)
                    .entity("{\"error\":{\"code\":\"http_" + response.getStatus() + "\",\"message\":\""
                            + Response.Status.fromStatusCode(response.getStatus()) + "\",\"data\":null}}").build();
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Request failed (reference " + reference + ")", exception);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity("{\"error\":{\"code\":\"server_error\",\"message\":\"The server could not complete the request. "
                        + "It was logged with reference " + reference + "; try again, or give the reference to the "
                        + "server's administrator.\",\"data\":null}}").build();
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
