package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.syncsites.audit.AuditFilter;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditView;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

/**
 * The audit trail, most recent first (admins only): searched by who, what, what was changed and when, a page at a
 * time, and exported as CSV with the same filter.
 */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int EXPORT_PAGE = 1000;

    @EJB
    private AuditTrail audit;

    /** The filter of a search: each parameter left out matches everything. */
    public static class Filter {
        /** Who made the change: the user name. */
        @QueryParam("actor")
        String actor;

        /** What was done: an action's name (e.g. SITE_UPDATED). */
        @QueryParam("action")
        String action;

        /** Text in the name of what was changed (a site, store or user), or its ID. */
        @QueryParam("entity")
        String entity;

        /** From this time (ISO 8601) or day (YYYY-MM-DD, from its start, UTC), inclusive. */
        @QueryParam("from")
        String from;

        /** Up to this time (exclusive) or day (YYYY-MM-DD, to its end, UTC). */
        @QueryParam("to")
        String to;

        AuditFilter read() {
            AuditTrail.Action what = null;
            if (action != null && !action.isBlank()) {
                try {
                    what = AuditTrail.Action.valueOf(action.strip());
                } catch (IllegalArgumentException e) {
                    throw new RuleViolation("action", Text.of("api.audit.noSuchAction", action.strip()));
                }
            }
            return new AuditFilter(actor, what, entity, time("from", from, false), time("to", to, true));
        }

        private static Instant time(String name, String value, boolean endOfDay) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String text = value.strip();
            try {
                if (text.length() == 10) {
                    LocalDate day = LocalDate.parse(text);
                    return (endOfDay ? day.plusDays(1) : day)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                }
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new RuleViolation(name, Text.of("api.audit.notATime", text));
            }
        }
    }

    /** The entries the filter matches; the next page: {@code before} = the last entry's {@code id}. */
    @GET
    public List<AuditView> search(
            @BeanParam Filter filter,
            @QueryParam("before") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) Long before,
            @QueryParam("limit")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            defaultValue = Paging.PAGE,
                                            minimum = "1",
                                            maximum = Paging.MOST))
                    String limit) {
        return audit.search(filter.read(), before, Paging.limit(limit, Paging.PAGE));
    }

    /** Every entry the filter matches, as CSV, newest first. */
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response export(@BeanParam Filter filter) {
        AuditFilter matching = filter.read();
        return Csv.download("audit-trail.csv", csv -> {
            csv.row(
                    "id",
                    "at",
                    "actor",
                    "action",
                    "entity_type",
                    "entity_id",
                    "entity",
                    "field",
                    "old_value",
                    "new_value",
                    "source");
            Long before = null;
            while (true) {
                List<AuditView> page = audit.search(matching, before, EXPORT_PAGE);
                for (AuditView entry : page) {
                    csv.row(
                            entry.id(),
                            entry.at(),
                            entry.actor(),
                            entry.action(),
                            entry.entityType(),
                            entry.entityId(),
                            entry.entityLabel(),
                            entry.field(),
                            entry.oldValue(),
                            entry.newValue(),
                            entry.source());
                }
                if (page.size() < EXPORT_PAGE) {
                    return;
                }
                before = page.get(page.size() - 1).id();
            }
        });
    }
}
