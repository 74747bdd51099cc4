package org.syncsites.siteadmin;

import jakarta.persistence.Query;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.syncsites.networkhealth.HealthSettings;
import org.syncsites.networkhealth.SiteState;
import org.syncsites.platform.Columns;

/**
 * The sites a site list shows, as an admin filtered it: {@code filter} matches the ID, or part of the code or name,
 * ignoring case; {@code state}, when not null, keeps the remote sites in that state; {@code appVersion}, when not
 * blank, the sites whose device last said it runs that version of its app. The list and the bulk actions read the
 * same selection through the conditions written here.
 */
public record SiteSelection(String filter, SiteState state, String appVersion) implements Serializable {

    public SiteSelection {
        filter = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        appVersion = appVersion == null ? "" : appVersion.strip();
    }

    /** Every site. */
    public static SiteSelection all() {
        return new SiteSelection("", null, "");
    }

    /** The condition on {@code s} (a {@code Site}), with {@code WHERE}, or an empty text when every site is selected. */
    String where() {
        List<String> conditions = new ArrayList<>();
        if (!filter.isEmpty()) {
            conditions.add("(LOWER(s.code) LIKE :p" + Columns.ESCAPE + " OR s.nameKey LIKE :p" + Columns.ESCAPE
                    + " OR CAST(s.id AS String) = :f)");
        }
        if (state != null) {
            conditions.add(state.condition());
        }
        if (!appVersion.isEmpty()) {
            conditions.add("s.appVersion = :appVersion");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The remote sites of this selection: {@link #where()} without the central server's own site. */
    String whereRemote() {
        String where = where();
        return where.isEmpty() ? " WHERE s.central = FALSE" : where + " AND s.central = FALSE";
    }

    /** Sets the parameters of {@code query}, whose text {@code hql} holds {@link #where()} or {@link #whereRemote()}. */
    void bind(Query query, String hql, HealthSettings.Thresholds thresholds) {
        if (!filter.isEmpty()) {
            query.setParameter("p", Columns.containing(filter)).setParameter("f", filter);
        }
        if (!appVersion.isEmpty()) {
            query.setParameter("appVersion", appVersion);
        }
        SiteState.bind(query, hql, thresholds);
    }
}
