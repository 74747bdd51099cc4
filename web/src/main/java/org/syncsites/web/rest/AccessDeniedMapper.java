package org.syncsites.web.rest;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The EJB refused the caller: 403 with a message saying which permission is needed. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException exception) {
        return ErrorBody.of(Response.Status.FORBIDDEN, "permission_denied",
                "You may view sync settings but not change them: ask an administrator for the "
                        + "\"Edit sync settings\" permission.", null);
    }
}
