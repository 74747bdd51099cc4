package org.syncsites.web.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

/**
 * The one error body of the administration API: {@code {"error":{"code","message","problems"}}}. Never a stack trace.
 * The code is the same in every language; the words are said in the first language of the request's
 * {@code Accept-Language} that they are written in, else English (a script that sends none reads English).
 */
final class ErrorBody {

    private ErrorBody() {}

    /** The language the answer to this request speaks. */
    static Locale language(HttpHeaders headers) {
        return Text.firstSpoken(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    static Response of(Response.Status status, String code, Text message, Locale language) {
        return of(status, code, message.in(language), List.of(), language);
    }

    /** A refused change: its problems' words, one after the other, and each with the input it concerns. */
    static Response of(Response.Status status, String code, RuleViolation violation, Locale language) {
        String message =
                violation.problems().stream().map(p -> p.text().in(language)).collect(Collectors.joining(" "));
        return of(
                status,
                code,
                message,
                status == Response.Status.BAD_REQUEST ? violation.problems() : List.of(),
                language);
    }

    private static Response of(
            Response.Status status,
            String code,
            String message,
            List<RuleViolation.Problem> problems,
            Locale language) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (!problems.isEmpty()) {
            error.put(
                    "problems",
                    problems.stream()
                            .map(p -> {
                                Map<String, String> problem = new LinkedHashMap<>();
                                problem.put("field", p.field());
                                problem.put("message", p.text().in(language));
                                return problem;
                            })
                            .toList());
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .language(language)
                .entity(Map.of("error", error))
                .build();
    }
}
