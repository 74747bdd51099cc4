package org.syncsites.web.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.syncsites.platform.Text;
import org.syncsites.siteadmin.SiteImport;

/**
 * A CSV file of sites, as the import reads it ({@link ImportFile}). Columns read: {@code id} (a line of an export:
 * that site), {@code name}, {@code code}, {@code store_codes} (the codes of stores to make active on the site,
 * separated by semicolons), {@code password} (the sync password), {@code sync_interval_minutes},
 * {@code sync_request_size}, {@code legacy_id} and {@code legacy_site_id} (the site's {@code id} and {@code siteId} as
 * a legacy central gave them: see {@link org.syncsites.siteadmin.LegacyIdentities}). An empty field keeps what the
 * site has.
 */
public final class SiteFile {

    private SiteFile() {}

    public static List<SiteImport.SiteLine> lines(String csv) {
        ImportFile file = new ImportFile(csv, Text.of("import.header"), "name", "id");
        List<SiteImport.SiteLine> lines = new ArrayList<>();
        for (int i = 0; i < file.lines(); i++) {
            String stores = file.field(i, "store_codes");
            lines.add(new SiteImport.SiteLine(
                    ImportFile.lineNumber(i),
                    file.field(i, "id"),
                    file.field(i, "code"),
                    file.field(i, "name"),
                    file.field(i, "sync_interval_minutes"),
                    file.field(i, "sync_request_size"),
                    stores == null
                            ? null
                            : Arrays.stream(stores.split(";"))
                                    .map(String::strip)
                                    .filter(s -> !s.isEmpty())
                                    .toList(),
                    file.field(i, "password"),
                    file.field(i, "legacy_id"),
                    file.field(i, "legacy_site_id")));
        }
        return lines;
    }
}
