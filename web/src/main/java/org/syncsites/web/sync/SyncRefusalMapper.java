package org.syncsites.web.sync;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.sync.SyncRefusal;
import org.syncsites.syncv5.SyncV5Json;

/** A refused sync request in the v5 error format: {@code {"error":{"code","message","data"}}}. */
@Provider
public class SyncRefusalMapper implements ExceptionMapper<SyncRefusal> {

    @Override
    public Response toResponse(SyncRefusal refusal) {
        return Response.status(refusal.status()).type(MediaType.APPLICATION_JSON)
                .entity(SyncV5Json.error(refusal.error())).build();
    }
}
