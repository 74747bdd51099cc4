package org.syncsites.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndFormulasStayText() throws IOException {
        StringWriter out = new StringWriter();
        new Csv(out)
                .row(
                        12L,
                        "Clinic, north",
                        "the \"big\" one",
                        "two\nlines",
                        null,
                        "=HYPERLINK(\"x\")",
                        "-5 sites",
                        -5,
                        true);
        assertEquals(
                "12,\"Clinic, north\",\"the \"\"big\"\" one\",\"two\nlines\",,\"'=HYPERLINK(\"\"x\"\")\",'-5 sites,"
                        + "-5,true\r\n",
                out.toString());
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        StringWriter out = new StringWriter();
        Csv csv = new Csv(out);
        csv.row("name", "code", "note");
        csv.row("Clinic, north", "=C1", "the \"big\" one\nsecond line");
        csv.row("-5 sites", "", "plain");
        assertEquals(
                List.of(
                        List.of("name", "code", "note"),
                        List.of("Clinic, north", "=C1", "the \"big\" one\nsecond line"),
                        List.of("-5 sites", "", "plain")),
                Csv.read(out.toString()));
    }

    @Test
    void whatSpreadsheetsSaveIsRead() {
        assertEquals(
                List.of(List.of("name", "code"), List.of("Clinique du Nord", "C1"), List.of("Posto", "")),
                Csv.read("\uFEFFname;code\n\nClinique du Nord ; C1\r\nPosto;\n"),
                "a semicolon separator, a byte order mark, a blank line, spaces around unquoted fields");
        assertEquals(
                List.of(List.of("a", " spaced "), List.of("last", "no line end")),
                Csv.read("a,\" spaced \"\nlast,no line end"));
        assertEquals(List.of(), Csv.read(""));
    }

    /** A cell a spreadsheet would split (on a semicolon) or run (after a tab or a carriage return) stays one text. */
    @Test
    void semicolonsAreQuotedAndTabsOrCarriageReturnsBeforeAFormulaAreNeutralised() throws IOException {
        StringWriter out = new StringWriter();
        new Csv(out).row("Posto; norte", "\t=1+1", "\r=cmd|' /C calc'!A0", "plain");
        assertEquals("\"Posto; norte\",'\t=1+1,\"'\r=cmd|' /C calc'!A0\",plain\r\n", out.toString());
        assertEquals(
                List.of(List.of("Posto; norte", "\t=1+1", "\r=cmd|' /C calc'!A0", "plain")), Csv.read(out.toString()));
    }
}
