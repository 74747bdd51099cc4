package org.syncsites.web.rest;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.platform.Text;

/** The EJB refused the caller: 403 with a message saying which permission is needed. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(EJBAccessException exception) {
        return ErrorBody.of(
                Response.Status.FORBIDDEN,
                "permission_denied",
                Text.of("api.error.permissionDenied"),
                ErrorBody.language(headers));
    }
}
