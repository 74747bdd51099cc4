package org.syncsites.web.sync;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.sync.SyncRefusal;

/** A refused sync request in the v5 error format: {@code {"error":{"code","message","data"}}}. */
@Provider
public class SyncRefusalMapper implements ExceptionMapper<SyncRefusal> {

    @Override
    public Response toResponse(SyncRefusal refusal) {
        String body = "{\"error\":{\"code\":" + JsonText.quote(refusal.code()) + ",\"message\":"
                + JsonText.quote(refusal.getMessage()) + ",\"data\":" + (refusal.data() == null ? "null" : refusal.data())
                + "}}";
        return Response.status(refusal.status()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
