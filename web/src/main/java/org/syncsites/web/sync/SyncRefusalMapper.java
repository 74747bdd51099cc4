package org.syncsites.web.sync;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.platform.Text;
import org.syncsites.sync.SyncRefusal;
import org.syncsites.syncv5.SyncV5Json;

/**
 * A refused sync request in the v5 error format: {@code {"error":{"code","message","data"}}}. The code is the
 * protocol's; the message is said in the first language of the request's {@code Accept-Language} that the words
 * are written in, else English.
 */
@Provider
public class SyncRefusalMapper implements ExceptionMapper<SyncRefusal> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(SyncRefusal refusal) {
        return Response.status(refusal.status()).type(MediaType.APPLICATION_JSON)
                .entity(SyncV5Json.error(refusal.error(Text.firstSpoken(headers.getAcceptableLanguages())))).build();
    }
}
