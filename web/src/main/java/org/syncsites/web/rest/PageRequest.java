package org.syncsites.web.rest;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The page a list is asked for, {@code ?offset=0&limit=100} ({@link Paging}): one declaration, with its OpenAPI
 * description, for every list of the administration API ({@code @BeanParam}).
 */
public class PageRequest {

    @QueryParam("offset")
    @Parameter(schema = @Schema(type = SchemaType.INTEGER, defaultValue = Paging.FIRST, minimum = "0"))
    private String offset;

    @QueryParam("limit")
    @Parameter(
            schema =
                    @Schema(
                            type = SchemaType.INTEGER,
                            defaultValue = Paging.PAGE,
                            minimum = "1",
                            maximum = Paging.MOST))
    private String limit;

    /** @throws org.syncsites.platform.RuleViolation (400) for a value that is no whole number */
    int offset() {
        return Paging.offset(offset);
    }

    /** @throws org.syncsites.platform.RuleViolation (400) for a value that is no whole number */
    int limit() {
        return Paging.limit(limit, Paging.PAGE);
    }
}
