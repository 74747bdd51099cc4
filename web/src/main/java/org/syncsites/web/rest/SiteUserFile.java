package org.syncsites.web.rest;

import java.util.ArrayList;
import java.util.List;
import org.syncsites.platform.Text;
import org.syncsites.siteusers.SiteUserImport;

/**
 * A CSV file of site users, as the import reads it ({@link ImportFile}), the columns the export writes:
 * {@code username}, {@code first_name}, {@code last_name}, {@code email}, {@code phone}, {@code job_title},
 * {@code language}, {@code active}, {@code password}, and per line one store: {@code store}, {@code can_login},
 * {@code default}, {@code template}, {@code permissions} (numbers separated by spaces).
 */
public final class SiteUserFile {

    private SiteUserFile() {}

    public static List<SiteUserImport.Line> lines(String csv) {
        ImportFile file = new ImportFile(csv, Text.of("siteUser.import.header"), "username");
        List<SiteUserImport.Line> lines = new ArrayList<>();
        for (int i = 0; i < file.lines(); i++) {
            lines.add(new SiteUserImport.Line(
                    ImportFile.lineNumber(i),
                    file.field(i, "username"),
                    file.field(i, "first_name"),
                    file.field(i, "last_name"),
                    file.field(i, "email"),
                    file.field(i, "phone"),
                    file.field(i, "job_title"),
                    file.field(i, "language"),
                    file.field(i, "active"),
                    file.field(i, "password"),
                    file.field(i, "store"),
                    file.field(i, "can_login"),
                    file.field(i, "default"),
                    file.field(i, "template"),
                    file.field(i, "permissions")));
        }
        return lines;
    }
}
