package org.syncsites.web.rest;

import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.siteadmin.SiteImport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file of sites, as the import reads it: a first line naming the columns, in any order, then a site per line.
 * Columns read: {@code id} (a line of an export: that site), {@code name}, {@code code}, {@code store_codes} (the
 * codes of stores to make active on the site, separated by semicolons), {@code password} (the sync password),
 * {@code sync_interval_minutes}, {@code sync_request_size}; any other column (the rest of an export) is left alone.
 * An empty field keeps what the site has.
 */
public final class SiteFile {

    private SiteFile() {
    }

    public static List<SiteImport.SiteLine> lines(String csv) {
        List<List<String>> rows = Csv.read(csv == null ? "" : csv);
        if (rows.isEmpty()) {
            throw new RuleViolation(Text.of("import.empty"));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_'), i);
        }
        if (!columns.containsKey("name") && !columns.containsKey("id")) {
            throw new RuleViolation(Text.of("import.header"));
        }
        List<SiteImport.SiteLine> lines = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String stores = field(row, columns, "store_codes");
            lines.add(new SiteImport.SiteLine(r + 1, field(row, columns, "id"), field(row, columns, "code"),
                    field(row, columns, "name"), field(row, columns, "sync_interval_minutes"),
                    field(row, columns, "sync_request_size"),
                    stores == null ? null : Arrays.stream(stores.split(";")).map(String::strip)
                            .filter(s -> !s.isEmpty()).toList(),
                    field(row, columns, "password")));
        }
        return lines;
    }

    /** The field of the column on this row; null when the column is absent or the field empty. */
    private static String field(List<String> row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= row.size() || row.get(index).isBlank()) {
            return null;
        }
        return row.get(index);
    }
}
