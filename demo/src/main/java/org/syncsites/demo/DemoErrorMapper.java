package org.syncsites.demo;

import jakarta.ejb.EJBAccessException;
import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.NoSuchElementException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a generator refused, as JSON: too many records (400), no such store (404), a user who may not edit sync
 * settings (403); anything else 500, logged.
 */
@Provider
public class DemoErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(DemoErrorMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return error(400, "bad_request", t.getMessage());
            }
            if (t instanceof NoSuchElementException) {
                return error(404, "not_found", t.getMessage());
            }
            if (t instanceof EJBAccessException) {
                return error(403, "forbidden", "Generating demo data needs the \"Edit sync settings\" permission.");
            }
        }
        if (exception instanceof WebApplicationException http) {
            return error(
                    http.getResponse().getStatus(), "http_" + http.getResponse().getStatus(), exception.getMessage());
        }
        LOG.log(Level.SEVERE, "Generating demo data failed", exception);
        return error(500, "server_error", "Generating demo data failed; the server log says why.");
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder()
                        .add(
                                "error",
                                Json.createObjectBuilder().add("code", code).add("message", String.valueOf(message)))
                        .build()
                        .toString())
                .build();
    }
}
