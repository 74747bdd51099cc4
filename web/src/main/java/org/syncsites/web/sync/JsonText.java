package org.syncsites.web.sync;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON written as text, for the sync responses: records' stored JSON is embedded as it is, without parsing. */
final class JsonText {

    private JsonText() {
    }

    /** A JSON string literal. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        appendEscaped(out, value);
        return out.append('"').toString();
    }

    static void appendQuoted(Appendable out, String value) throws IOException {
        out.append('"');
        appendEscaped(out, value);
        out.append('"');
    }

    private static void appendEscaped(StringBuilder out, String value) {
        try {
            appendEscaped((Appendable) out, value);
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
    }

    private static void appendEscaped(Appendable out, String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
