package org.syncsites.web.audit;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncsites.audit.AuditFilter;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditView;
import org.syncsites.audit.ChangeSource;
import org.syncsites.web.faces.Messages;

/**
 * The audit page: the newest changes, searched by who, what, what was changed and the days they were made; what the
 * filter shows is exported as CSV.
 */
@Named("auditPage")
@ViewScoped
public class AuditPage implements Serializable {

    private static final Pattern NUMBERED_SOURCE = Pattern.compile("(api token|bulk action) (\\d+)");

    private static final long serialVersionUID = 1L;

    /** The most entries the page shows: the export has every one the filter matches. */
    static final int SHOWN = 500;

    @EJB
    private AuditTrail audit;

    private String actor;
    private AuditTrail.Action action;
    private String entity;
    private LocalDate from;
    private LocalDate to;
    private List<AuditView> rows;

    /** Reads again with the filter as it is now. */
    public void search() {
        rows = null;
    }

    public void clear() {
        actor = null;
        action = null;
        entity = null;
        from = null;
        to = null;
        rows = null;
    }

    private AuditFilter filter() {
        return new AuditFilter(
                actor,
                action,
                entity,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public List<AuditView> getRows() {
        if (rows == null) {
            rows = audit.search(filter(), null, SHOWN);
        }
        return rows;
    }

    /** Whether there may be more entries than the page shows. */
    public boolean isCut() {
        return getRows().size() >= SHOWN;
    }

    public int getShown() {
        return SHOWN;
    }

    /** The CSV export of what the filter matches (the API's, with the page's session). */
    public String getExportUrl() {
        List<String> query = new ArrayList<>();
        add(query, "actor", actor);
        add(query, "action", action == null ? null : action.name());
        add(query, "entity", entity);
        add(query, "from", from == null ? null : from.toString());
        add(query, "to", to == null ? null : to.toString());
        return "api/admin/audit/export.csv" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static void add(List<String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }

    /** Where an entry's change came from, in the page's language ("page", "API token 12", "bulk action 3"...). */
    public String source(AuditView entry) {
        String source = entry.source();
        if (source == null) {
            return "";
        }
        Matcher numbered = NUMBERED_SOURCE.matcher(source);
        if (numbered.matches()) {
            long number = Long.parseLong(numbered.group(2));
            return numbered.group(1).equals("api token")
                    ? Messages.say("audit.source.apiToken", number)
                    : Messages.say("audit.source.bulkAction", number);
        }
        return switch (source) {
            case ChangeSource.PAGE -> Messages.say("audit.source.page");
            case ChangeSource.API -> Messages.say("audit.source.api");
            case ChangeSource.IMPORT -> Messages.say("audit.source.import");
            case ChangeSource.SYNC -> Messages.say("audit.source.sync");
            case ChangeSource.SYSTEM -> Messages.say("audit.source.system");
            default -> source;
        };
    }

    public AuditTrail.Action[] getActions() {
        return AuditTrail.Action.values();
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public AuditTrail.Action getAction() {
        return action;
    }

    public void setAction(AuditTrail.Action action) {
        this.action = action;
    }

    public String getEntity() {
        return entity;
    }

    public void setEntity(String entity) {
        this.entity = entity;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }
}
