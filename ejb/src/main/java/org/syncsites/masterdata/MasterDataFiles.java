package org.syncsites.masterdata;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.syncsites.audit.AuditTrail;
import org.syncsites.legacytables.CentralShapes;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;

/**
 * The central's master data loaded from files, one legacy table per file (items, units, names, currencies, master
 * lists...): each record checked against what open-mSupply requires of it ({@link CentralShapes}) before anything is
 * taken, line by line; then taken all at once, each record into the central change log, so that every site receives
 * it at its next sync. Exported the same way. Editors load, everyone signed in reads; every load is audited.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class MasterDataFiles {

    /** At most this many records per file (one transaction). */
    public static final int MAX_RECORDS = 50_000;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /** A table of central data: its name, how many records the central holds, the fields open-mSupply requires. */
    public record Table(String name, long records, List<String> requiredFields) implements Serializable {}

    /** What is wrong with one line of a file. */
    public record Problem(int line, String recordId, String problem) implements Serializable {}

    /** What a file holds, and what is wrong with it (nothing: it can be taken). */
    public record Check(String table, int records, List<Problem> problems, boolean applied) implements Serializable {}

    /** The tables of central data, in the order they are best loaded. */
    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        for (String table : CentralShapes.tables()) {
            long records = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM master_record WHERE table_name = ?1 "
                                    + "AND store_id IS NULL AND deleted = FALSE")
                            .setParameter(1, table)
                            .getSingleResult())
                    .longValue();
            tables.add(new Table(
                    table,
                    records,
                    CentralShapes.fieldsOf(table).stream()
                            .map(f -> f.name() + " (" + f.type().says() + ")")
                            .toList()));
        }
        return tables;
    }

    /** Checks the records (JSON objects, one per line of the file) without taking any. */
    public Check preview(String table, List<String> lines) {
        requireTable(table);
        List<JsonObject> records = new ArrayList<>();
        return new Check(table, lines.size(), check(table, lines, records), false);
    }

    /** Takes every record, or none when any is wrong (400, and {@link #preview} says which). */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public Check apply(String table, List<String> lines) {
        requireTable(table);
        List<JsonObject> records = new ArrayList<>();
        List<Problem> problems = check(table, lines, records);
        if (!problems.isEmpty()) {
            throw new RuleViolation(Text.of(
                    "masterData.notTaken",
                    problems.size(),
                    problems.get(0).line(),
                    problems.get(0).problem()));
        }
        for (JsonObject record : records) {
            MasterRecords.write(em, null, table, ((JsonString) record.get("ID")).getString(), record.toString());
        }
        audit.record(
                AuditTrail.Action.MASTER_DATA_LOADED,
                "MasterData",
                null,
                table,
                "records",
                null,
                Integer.toString(records.size()));
        return new Check(table, lines.size(), List.of(), true);
    }

    /** The table's records as the central holds them (deleted ones aside), in the order they were last changed. */
    public List<String> export(String table, int offset, int limit) {
        requireTable(table);
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT data FROM master_record WHERE table_name = ?1 AND store_id IS "
                        + "NULL AND deleted = FALSE ORDER BY change_serial")
                .setParameter(1, table)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        return rows;
    }

    private List<Problem> check(String table, List<String> lines, List<JsonObject> records) {
        if (lines.size() > MAX_RECORDS) {
            throw new RuleViolation(Text.of("masterData.tooMany", MAX_RECORDS));
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            JsonObject record;
            try (JsonReader reader = Json.createReader(new StringReader(lines.get(i)))) {
                record = reader.readObject();
            } catch (RuntimeException e) {
                problems.add(new Problem(line, null, "not a JSON object: " + e.getMessage()));
                continue;
            }
            String id = record.get("ID") instanceof JsonString s ? s.getString() : null;
            for (String problem : CentralShapes.problems(table, record)) {
                problems.add(new Problem(line, id, problem));
            }
            if ("name".equals(table)
                    && record.get("type") instanceof JsonString type
                    && type.getString().equals("patient")) {
                problems.add(new Problem(line, id, "type: patients come from the sites, where they are visible"));
            }
            if ("name".equals(table)
                    && id != null
                    && !em.createNativeQuery("SELECT 1 FROM store WHERE name_id = ?1")
                            .setParameter(1, id)
                            .getResultList()
                            .isEmpty()) {
                problems.add(new Problem(line, id, "ID: the name record of a store, which the central writes itself"));
            }
            if (id != null && id.length() > 64) {
                problems.add(new Problem(line, id, "ID: at most 64 characters"));
            } else if (id != null && !ids.add(id)) {
                problems.add(new Problem(line, id, "ID: given twice in the file"));
            }
            records.add(record);
        }
        return problems;
    }

    private static void requireTable(String table) {
        if (!CentralShapes.tables().contains(table)) {
            throw new RuleViolation(Text.of(
                    "masterData.unknownTable", String.valueOf(table), String.join(", ", CentralShapes.tables())));
        }
    }
}
