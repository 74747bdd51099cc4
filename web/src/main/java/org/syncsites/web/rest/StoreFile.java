package org.syncsites.web.rest;

import java.util.ArrayList;
import java.util.List;
import org.syncsites.platform.Text;
import org.syncsites.siteadmin.StoreImport;

/**
 * A CSV file of stores, as the import reads it ({@link ImportFile}). Columns read: {@code code} (the store), or
 * {@code id} for a line of an export; {@code name}; {@code site} (the name of the site the store is to be active
 * on); {@code legacy_id} and {@code legacy_name_id} (the store's ID and its name record's ID as a legacy central
 * gave them). An empty field keeps what the store has; the export's other columns are left alone.
 */
public final class StoreFile {

    private StoreFile() {}

    public static List<StoreImport.StoreLine> lines(String csv) {
        ImportFile file = new ImportFile(csv, Text.of("import.store.header"), "code", "id");
        List<StoreImport.StoreLine> lines = new ArrayList<>();
        for (int i = 0; i < file.lines(); i++) {
            lines.add(new StoreImport.StoreLine(
                    ImportFile.lineNumber(i),
                    file.field(i, "id"),
                    file.field(i, "code"),
                    file.field(i, "name"),
                    file.field(i, "site"),
                    file.field(i, "legacy_id"),
                    file.field(i, "legacy_name_id")));
        }
        return lines;
    }
}
