package org.syncsites.web.rest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;

/**
 * A CSV file as the imports read it ({@link SiteFile}, {@link StoreFile}): a first line naming the columns, in any
 * order (case and spaces aside), then one line per site or store. An empty field is read as null: the import keeps
 * what it has. Columns the import does not read (the rest of an export) are left alone.
 */
final class ImportFile {

    private final Map<String, Integer> columns = new HashMap<>();
    private final List<List<String>> rows;

    /**
     * The file, refused when it is empty or its first line names none of {@code keyColumns} ({@code header}: the
     * words that say which columns to give).
     */
    ImportFile(String csv, Text header, String... keyColumns) {
        rows = Csv.read(csv == null ? "" : csv);
        if (rows.isEmpty()) {
            throw new RuleViolation(Text.of("import.empty"));
        }
        List<String> names = rows.get(0);
        for (int i = 0; i < names.size(); i++) {
            columns.putIfAbsent(names.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_'), i);
        }
        if (Arrays.stream(keyColumns).noneMatch(columns::containsKey)) {
            throw new RuleViolation(header);
        }
    }

    /** How many lines follow the first. */
    int lines() {
        return rows.size() - 1;
    }

    /** The line number in the file of the {@code index}-th line after the first (from 0). */
    static int lineNumber(int index) {
        return index + 2;
    }

    /** The field of the column on the {@code index}-th line after the first; null when absent or empty. */
    String field(int index, String column) {
        List<String> row = rows.get(index + 1);
        Integer at = columns.get(column);
        if (at == null || at >= row.size() || row.get(at).isBlank()) {
            return null;
        }
        return row.get(at);
    }
}
