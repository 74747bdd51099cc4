package org.syncsites.web.rest;

import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

/**
 * The paging parameters of the administration API's lists ({@code offset}, {@code limit}), read here rather than by
 * JAX-RS, which answers a value that is no number with 404, as if the list did not exist: here it is 400, naming the
 * parameter and what it takes. An absent or empty value is the default. A page holds 1 to {@link #MOST} entries
 * (a larger or smaller limit is served as the nearest of those) and starts at offset 0 or later.
 */
final class Paging {

    /** The defaults, as the OpenAPI document gives them ({@code @Schema(defaultValue = ...)}) and as they apply. */
    static final String FIRST = "0";

    static final String PAGE = "100";
    static final String HISTORY_PAGE = "50";
    /** The most entries a page holds, as the OpenAPI document gives it ({@code @Schema(maximum = ...)}). */
    static final String MOST = "1000";

    private Paging() {}

    static int offset(String value) {
        return Math.max(0, wholeNumber("offset", value, Integer.parseInt(FIRST)));
    }

    /** @param byDefault {@link #PAGE} or {@link #HISTORY_PAGE} */
    static int limit(String value, String byDefault) {
        return Math.min(Math.max(1, wholeNumber("limit", value, Integer.parseInt(byDefault))), Integer.parseInt(MOST));
    }

    private static int wholeNumber(String name, String value, int byDefault) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new RuleViolation(name, Text.of("api.parameter.wholeNumber", name, value));
        }
    }
}
