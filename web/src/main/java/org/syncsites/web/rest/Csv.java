package org.syncsites.web.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows written as CSV (RFC 4180) for spreadsheets: fields quoted when they hold a comma, a semicolon (French,
 * Spanish and Portuguese spreadsheets split on it), a quote or a line break; a text that a spreadsheet would run as a
 * formula (starting with =, +, - or @, or with a tab or a carriage return before one) is written with a leading quote
 * mark, so that a site named "=HYPERLINK(...)" stays text. And read back ({@link #read}): what a spreadsheet saves,
 * with a comma or a semicolon between fields, the leading quote mark of a formula-like text taken off again.
 */
public final class Csv {

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    /** What writes the rows of a download. */
    @FunctionalInterface
    interface Rows {
        void write(Csv csv) throws IOException;
    }

    /** A CSV file to download, {@code fileName}, its rows written as they are read (no file held in memory). */
    static Response download(String fileName, Rows rows) {
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            rows.write(new Csv(writer));
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    /** One row; null fields are empty. */
    void row(Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields[i]));
        }
        out.write("\r\n");
    }

    /** What a spreadsheet takes a cell starting with as a formula (or as leading space before one). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",")
                || text.contains(";")
                || text.contains("\"")
                || text.contains("\n")
                || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /**
     * The rows of a CSV text, each a list of fields: fields separated by the first line's separator (a comma, or a
     * semicolon as spreadsheets in many languages save), quoted fields with doubled quotes and line breaks inside,
     * CRLF or LF line ends, a byte order mark ignored, blank lines left out.
     */
    public static List<List<String>> read(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int firstBreak = csv.indexOf('\n');
        String first = firstBreak < 0 ? csv : csv.substring(0, firstBreak);
        char separator = first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                wasQuoted = true;
            } else if (c == separator) {
                row.add(unguarded(field.toString(), wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(unguarded(field.toString(), wasQuoted));
                addUnlessBlank(rows, row);
                row = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty() || wasQuoted) {
            row.add(unguarded(field.toString(), wasQuoted));
            addUnlessBlank(rows, row);
        }
        return rows;
    }

    private static void addUnlessBlank(List<List<String>> rows, List<String> row) {
        if (row.stream().anyMatch(f -> !f.isBlank())) {
            rows.add(row);
        }
    }

    /** A field without the quote mark {@link #field} puts before a formula-like text. */
    private static String unguarded(String field, boolean quoted) {
        String text = quoted ? field : field.strip();
        return text.length() > 1 && text.charAt(0) == '\'' && FORMULA_STARTS.indexOf(text.charAt(1)) >= 0
                ? text.substring(1)
                : text;
    }
}
