package org.syncsites.web.rest;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.syncsites.legacytables.CentralShapes;
import org.syncsites.masterdata.MasterDataFiles;

/**
 * The central's master data by legacy table (items, units, names, currencies, master lists...), as open-mSupply
 * integrates it: the tables with their required fields; a file of one table checked line by line ({@code POST}
 * without {@code apply=true}) and taken all at once ({@code apply=true}), as JSON lines
 * ({@code application/x-ndjson}, one record per line) or CSV ({@code text/csv}, a first line naming the fields, each
 * value typed as the table's field requires); and each table exported as JSON lines.
 */
@Path("/admin/master-data")
@Produces(MediaType.APPLICATION_JSON)
public class MasterDataResource {

    private static final String JSON_LINES = "application/x-ndjson";
    private static final int EXPORT_PAGE = 1000;

    @EJB
    private MasterDataFiles files;

    /** The tables, the records the central holds of each, and the fields open-mSupply requires. */
    @GET
    public List<MasterDataFiles.Table> tables() {
        return files.tables();
    }

    /** A file of JSON lines: checked, or with {@code apply=true} taken (all or nothing). */
    @POST
    @Path("{table}")
    @Consumes(JSON_LINES)
    public MasterDataFiles.Check load(
            @PathParam("table") String table, String body, @QueryParam("apply") @DefaultValue("false") boolean apply) {
        List<String> lines = body == null
                ? List.of()
                : body.lines().filter(line -> !line.isBlank()).toList();
        return apply ? files.apply(table, lines) : files.preview(table, lines);
    }

    /** A CSV file: each line made a record, its values typed as the table's fields require, then as JSON lines. */
    @POST
    @Path("{table}")
    @Consumes("text/csv")
    public MasterDataFiles.Check loadCsv(
            @PathParam("table") String table, String csv, @QueryParam("apply") @DefaultValue("false") boolean apply) {
        List<String> lines = records(table, Csv.read(csv == null ? "" : csv));
        return apply ? files.apply(table, lines) : files.preview(table, lines);
    }

    /** The table's records as JSON lines, as the central holds them. */
    @GET
    @Path("{table}")
    @Produces(JSON_LINES)
    public Response export(@PathParam("table") String table) {
        files.export(table, 0, 1); // an unknown table is refused before the answer starts
        StreamingOutput out = stream -> {
            Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            for (int offset = 0; ; offset += EXPORT_PAGE) {
                List<String> page = files.export(table, offset, EXPORT_PAGE);
                for (String record : page) {
                    writer.write(record);
                    writer.write('\n');
                }
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
            }
            writer.flush();
        };
        return Response.ok(out, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"" + table + ".jsonl\"")
                .build();
    }

    /** CSV rows (the first naming the fields) as JSON records, each value in the JSON type its field requires. */
    static List<String> records(String table, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, CentralShapes.Type> types = new HashMap<>();
        CentralShapes.fieldsOf(table).forEach(field -> types.put(field.name(), field.type()));
        List<String> names = rows.get(0).stream().map(String::strip).toList();
        List<String> records = new ArrayList<>(rows.size() - 1);
        for (List<String> row : rows.subList(1, rows.size())) {
            JsonObjectBuilder record = Json.createObjectBuilder();
            for (int i = 0; i < names.size(); i++) {
                String value = i < row.size() ? row.get(i) : "";
                add(record, names.get(i), types.getOrDefault(names.get(i), CentralShapes.Type.STR), value);
            }
            records.add(record.build().toString());
        }
        return records;
    }

    private static void add(JsonObjectBuilder record, String name, CentralShapes.Type type, String value) {
        String text = value.strip();
        switch (type) {
            case BOOL -> {
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> record.add(name, true);
                    case "false", "0" -> record.add(name, false);
                    default -> record.add(name, value); // the check says what is wrong
                }
            }
            case NUM, INT -> {
                try {
                    record.add(name, new BigDecimal(text));
                } catch (NumberFormatException notANumber) {
                    record.add(name, value);
                }
            }
            case STR_OR_NULL -> {
                if (text.isEmpty()) {
                    record.addNull(name);
                } else {
                    record.add(name, value);
                }
            }
            case OBJECT_OR_NONE, ANY -> {
                if (text.startsWith("{") || text.startsWith("[")) {
                    try (var reader = Json.createReader(new StringReader(text))) {
                        record.add(name, reader.readValue());
                    } catch (RuntimeException notJson) {
                        record.add(name, value);
                    }
                } else if (text.isEmpty()) {
                    record.addNull(name);
                } else {
                    record.add(name, value);
                }
            }
            default -> record.add(name, value);
        }
    }
}
