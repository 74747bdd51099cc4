package org.syncsites.web.rest;

import java.io.IOException;
import java.io.Writer;

/**
 * Rows written as CSV (RFC 4180) for spreadsheets: fields quoted when they hold a comma, a quote or a line break;
 * a text that a spreadsheet would run as a formula (starting with =, +, - or @) is written with a leading quote
 * mark, so that a site named "=HYPERLINK(...)" stays text.
 */
final class Csv {

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
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

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
