package org.syncsites.web.sync;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.platform.Text;
import org.syncsites.security.PasswordChecks;
import org.syncsites.sync.SyncRefusal;
import org.syncsites.syncv5.ErrorCode;
import org.syncsites.syncv5.SyncV5Json;

/**
 * A sign-in the node had no turn to check the password of ({@link PasswordChecks}): 429 with {@code Retry-After}, in
 * the v5 error format ({@code server_busy}). Nothing was counted: the caller tries again.
 */
@Provider
public class PasswordChecksBusyMapper implements ExceptionMapper<PasswordChecks.Busy> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(PasswordChecks.Busy busy) {
        SyncRefusal refusal =
                new SyncRefusal(429, ErrorCode.SERVER_BUSY, Text.of("sync.busy", PasswordChecks.RETRY_AFTER_SECONDS));
        return Response.status(429)
                .header("Retry-After", PasswordChecks.RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON)
                .entity(SyncV5Json.error(refusal.error(Text.firstSpoken(headers.getAcceptableLanguages()))))
                .build();
    }
}
