package org.syncsites.web.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.syncsites.platform.EditConflict;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;

/** A refused change: 400 (bad values), 404 (gone) or 409 (somebody else saved first), with the words to act on. */
@Provider
public class RuleViolationMapper implements ExceptionMapper<RuleViolation> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(RuleViolation violation) {
        if (violation instanceof EditConflict) {
            return ErrorBody.of(Response.Status.CONFLICT, "edit_conflict", violation, ErrorBody.language(headers));
        }
        if (violation instanceof NotFound) {
            return ErrorBody.of(Response.Status.NOT_FOUND, "not_found", violation, ErrorBody.language(headers));
        }
        return ErrorBody.of(Response.Status.BAD_REQUEST, "rule_violation", violation, ErrorBody.language(headers));
    }
}
