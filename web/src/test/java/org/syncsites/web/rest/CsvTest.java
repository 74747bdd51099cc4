package org.syncsites.web.rest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndFormulasStayText() throws IOException {
        StringWriter out = new StringWriter();
        new Csv(out).row(12L, "Clinic, north", "the \"big\" one", "two\nlines", null, "=HYPERLINK(\"x\")", "-5 sites",
                -5, true);
        assertEquals("12,\"Clinic, north\",\"the \"\"big\"\" one\",\"two\nlines\",,\"'=HYPERLINK(\"\"x\"\")\",'-5 sites,"
                + "-5,true\r\n", out.toString());
    }
}
