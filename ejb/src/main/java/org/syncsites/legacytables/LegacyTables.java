package org.syncsites.legacytables;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The legacy tables an open-mSupply site pushes, and how each record finds its store: by a field of its own
 * ({@code store_ID}, {@code storeID}, {@code fromStoreID}/{@code toStoreID}) or through its parent ({@code trans_line}
 * by {@code transaction_ID} to {@code transact}, ...); patients' data by its patient; barcodes and prescribers belong
 * to every site; central data to the central. As open-mSupply's translations give them (open-msupply
 * {@code server/service/src/sync/translations/}, listed in docs/open-msupply-data.md). A table not listed here is a
 * store's data named by {@code store_ID}, as every table of a Sync Sites remote site is.
 */
public final class LegacyTables {

    private static final String STORE_ID = "store_ID";

    /** How a table's records are tied to their store, their parent, the other party and their patient. */
    private record Rule(
            DataKind kind,
            String storeField,
            String otherStoreField,
            String parentTable,
            String parentField,
            String partyField,
            String patientField) {

        static Rule ownStore(String field) {
            return new Rule(DataKind.STORE, field, null, null, null, null, null);
        }

        /** A line: its parent holds its store; a {@code store_ID} of its own (as other mSupply sites send) comes first. */
        static Rule parent(String table, String field) {
            return new Rule(DataKind.STORE, STORE_ID, null, table, field, null, null);
        }

        static Rule patient(String field) {
            return new Rule(DataKind.PATIENT, null, null, null, null, null, field);
        }

        static Rule of(DataKind kind) {
            return new Rule(kind, null, null, null, null, null, null);
        }
    }

    private static final Rule DEFAULT = Rule.ownStore(STORE_ID);

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("trans_line", Rule.parent("transact", "transaction_ID")),
            Map.entry("Stock_take_lines", Rule.parent("Stock_take", "stock_take_ID")),
            Map.entry("requisition_line", Rule.parent("requisition", "requisition_ID")),
            Map.entry("Goods_received_line", Rule.parent("Goods_received", "goods_received_ID")),
            Map.entry("purchase_order_line", Rule.parent("purchase_order", "purchase_order_ID")),
            // transfers: the other party is a store's name
            Map.entry("transact", new Rule(DataKind.STORE, STORE_ID, null, null, null, "name_ID", null)),
            Map.entry("requisition", new Rule(DataKind.STORE, STORE_ID, null, null, null, "name_ID", null)),
            Map.entry("sensor", Rule.ownStore("storeID")),
            // pushed by the sender (new) and by the receiver (processed): it belongs to whichever end pushes it
            Map.entry("message", new Rule(DataKind.STORE, "fromStoreID", "toStoreID", null, null, null, null)),
            // a store's join; a patient's makes the patient visible to the store
            Map.entry("name_store_join", new Rule(DataKind.STORE, STORE_ID, null, null, null, null, "name_ID")),
            Map.entry("om_document", Rule.patient("owner_name_ID")),
            Map.entry("nameInsuranceJoin", Rule.patient("nameID")),
            Map.entry("barcode", Rule.of(DataKind.SHARED)),
            Map.entry("clinician", Rule.of(DataKind.SHARED)));

    /** Central data: a site pushes none of it (only the open-mSupply central server may). */
    private static final Set<String> CENTRAL = Set.of(
            "item",
            "unit",
            "store",
            "currency",
            "list_master",
            "list_master_line",
            "list_master_name_join",
            "item_store_join",
            "store_preference",
            "pref",
            "abbreviation",
            "contact",
            "diagnosis",
            "form_schema",
            "indicator_attribute",
            "insuranceProvider",
            "item_category",
            "item_category_level1",
            "item_category_level2",
            "item_direction",
            "item_warning_link",
            "Location_type",
            "name_tag",
            "name_tag_join",
            "om_document_registry",
            "om_user_permission",
            "options",
            "period",
            "periodSchedule",
            "program_indicator",
            "ship_method",
            "user",
            "vaccine_vial_monitor_status",
            "warning",
            "om_vaccine_course",
            "om_vaccine_course_dose",
            "om_vaccine_course_item");

    /** The table of patients (and of every other name, which is central data). */
    public static final String NAME = "name";
    /** The join that makes a name (a patient) visible to a store. */
    public static final String NAME_STORE_JOIN = "name_store_join";

    private LegacyTables() {}

    /** Whether the table's records are the parents of another table's lines ({@code transact}: {@code trans_line}). */
    public static boolean hasLines(String table) {
        return RULES.values().stream().anyMatch(rule -> table.equals(rule.parentTable()));
    }

    /** Whose data the table holds, as far as the table alone tells (a {@code name} is a patient's unless it says not). */
    public static DataKind kindOf(String table) {
        if (NAME.equals(table)) {
            return DataKind.PATIENT;
        }
        return CENTRAL.contains(table)
                ? DataKind.CENTRAL
                : RULES.getOrDefault(table, DEFAULT).kind();
    }

    /** What a record of the table says of where it belongs; {@code data} null (a delete) says nothing but its kind. */
    public static RecordLinks links(String table, JsonObject data) {
        DataKind kind = kindOf(table);
        if (data == null) {
            return new RecordLinks(kind, null, null, null, null, null, null, null, null, null);
        }
        if (NAME.equals(table)) {
            boolean patient = "patient".equals(text(data, "type"));
            return new RecordLinks(
                    patient ? DataKind.PATIENT : DataKind.CENTRAL,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    patient ? text(data, "ID") : null,
                    null);
        }
        if (kind != DataKind.STORE && kind != DataKind.PATIENT) {
            return new RecordLinks(kind, null, null, null, null, null, null, null, null, null);
        }
        Rule rule = CENTRAL.contains(table) ? Rule.of(DataKind.CENTRAL) : RULES.getOrDefault(table, DEFAULT);
        String store = rule.storeField() == null ? null : text(data, rule.storeField());
        String otherStore = rule.otherStoreField() == null ? null : text(data, rule.otherStoreField());
        String parent = rule.parentField() == null ? null : text(data, rule.parentField());
        String missing = kind == DataKind.STORE && store == null && otherStore == null && parent == null
                ? storeFieldsOf(table)
                : null;
        return new RecordLinks(
                kind,
                store,
                rule.storeField(),
                otherStore,
                rule.parentTable(),
                parent,
                rule.parentField(),
                rule.partyField() == null ? null : text(data, rule.partyField()),
                rule.patientField() == null ? null : text(data, rule.patientField()),
                missing);
    }

    /** The fields of the table's records that name their store or parent ("store_ID", "fromStoreID or toStoreID"). */
    public static String storeFieldsOf(String table) {
        Rule rule = RULES.getOrDefault(table, DEFAULT);
        return Stream.of(rule.storeField(), rule.otherStoreField(), rule.parentField())
                .filter(Objects::nonNull)
                .collect(Collectors.joining(" or "));
    }

    /** A text field, or null when it is missing, null, empty or not a string. */
    private static String text(JsonObject data, String field) {
        JsonValue value = data.get(field);
        return value instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }
}
