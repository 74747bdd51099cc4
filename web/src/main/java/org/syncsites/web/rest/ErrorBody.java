package org.syncsites.web.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.syncsites.platform.RuleViolation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one error body of the administration API: {@code {"error":{"code","message","problems"}}}. Never a stack trace. */
final class ErrorBody {

    private ErrorBody() {
    }

    static Response of(Response.Status status, String code, String message, List<RuleViolation.Problem> problems) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (problems != null && !problems.isEmpty()) {
            error.put("problems", problems.stream().map(p -> {
                Map<String, String> problem = new LinkedHashMap<>();
                problem.put("field", p.field());
                problem.put("message", p.message());
                return problem;
            }).toList());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", error)).build();
    }
}
