package org.syncsites.legacytables;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The fields open-mSupply requires of each table of central data it pulls, with their JSON types, as its translations
 * read them (open-msupply {@code server/service/src/sync/translations/}: a record that lacks one, or has it in another
 * type, fails there and is skipped for good, while the sync reports success). The central's master data is checked
 * against them before it is taken, so that a mistake is seen by the admin who loads it, not by nobody at a site.
 */
public final class CentralShapes {

    /** A JSON type as open-mSupply reads it. */
    public enum Type {
        /** a string, "" allowed; the key must be there */
        STR("a string"),
        /** a string or null ("" is none); the key must be there */
        STR_OR_NULL("a string or null"),
        BOOL("true or false"),
        /** any number */
        NUM("a number"),
        /** a whole number written without a fraction (1, not 1.0) */
        INT("a whole number such as 3 (not 3.0)"),
        /** exactly "YYYY-MM-DD" */
        DATE("a date \"YYYY-MM-DD\""),
        /** null, "", "0000-00-00", or "YYYY-MM-DD" (a time may follow) */
        DATE_OR_NONE("a date \"YYYY-MM-DD\", \"\" or null"),
        /** null, "", {}, [] or an object; the key must be there */
        OBJECT_OR_NONE("an object, {} or null"),
        /** any JSON value; the key must be there */
        ANY("any value");

        private final String says;

        Type(String says) {
            this.says = says;
        }

        public String says() {
            return says;
        }
    }

    /** A required field: its name, its type, and for text the only words allowed (null: any). */
    public record Field(String name, Type type, Set<String> words) {}

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_MAYBE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}:\\d{2}.*)?");

    private static final Map<String, List<Field>> TABLES = new LinkedHashMap<>();

    static {
        table(
                "item",
                "ID code item_name:str type_of:non_stock|service|general default_pack_size:num is_vaccine:bool "
                        + "VEN_category:str doses:int volume_per_pack:num unit_ID:str? strength:str? category_ID:str? "
                        + "restricted_location_type_ID:str? universalcodes_code:str?");
        table("unit", "ID units:str comment:str order_number:int");
        table(
                "name",
                "ID name:str code:str type:str customer:bool supplier:bool female:bool manufacturer:bool "
                        + "donor:bool hold:bool isDeceased:bool supplying_store_id:str? first:str? last:str? phone:str? "
                        + "charge_code:str? comment:str? country:str? bill_address1:str? bill_address2:str? email:str? url:str? "
                        + "NEXT_OF_KIN_ID:str? next_of_kin_relative:str? national_health_number:str? date_of_birth:date? "
                        + "created_date:date? om_created_datetime:str? om_gender:str?");
        table("currency", "ID rate:num currency:str is_home_currency:bool date_updated:date?");
        // a site user's document permission (open-mSupply's programs): user_permission.rs
        table(
                "om_user_permission",
                "ID user_ID:str permission:DocumentQuery|DocumentMutate store_ID:str? " + "context_ID:str?");
        table("list_master", "ID description:str code:str note:str isProgram:bool programSettings:obj? inactive:bool");
        table("list_master_line", "ID item_master_ID:str item_ID:str");
        table("list_master_name_join", "ID name_ID:str list_master_ID:str");
        table("Location_type", "ID Description:str Temperature_min:num Temperature_max:num");
        table("item_category", "ID Description:str sort_order:int");
        table("item_category_level1", "ID Description:str sort_order:int");
        table("item_category_level2", "ID Description:str sort_order:int");
        table("abbreviation", "ID abbreviation:str expansion:str");
        table("name_tag", "ID description:str");
        table("name_tag_join", "ID name_ID:str name_tag_ID:str");
        table("periodSchedule", "ID name:str");
        table("period", "ID periodScheduleID:str name:str startDate:date endDate:date");
        table(
                "options",
                "ID title:str isActive:bool type:positiveInventoryAdjustment|negativeInventoryAdjustment|"
                        + "openVialWastage|closedVialWastage|returnReason|requisitionLineVariance");
        table("ship_method", "ID method:str isActive:bool");
        table("warning", "ID warning_text:str code:str");
        table("item_warning_link", "ID item_ID:str warning_ID:str priority:bool");
        table("item_direction", "ID item_ID:str directions:str priority:int");
        table("diagnosis", "ID ICD_CODE:str ICD_DESCRIPTION:str VALID_TILL:date?");
        table("insuranceProvider", "ID providerName:str isActive:bool");
        table("vaccine_vial_monitor_status", "ID description:str code:str level:int is_active:bool");
        table("program_indicator", "ID program_ID:str is_active:bool code:str?");
        table("contact", "ID first:str last:str name_ID:str");
        table("form_schema", "ID type:str json_schema:any ui_schema:any");
        table("om_document_registry", "ID document_type:str context_ID:str category:str form_schema_ID:str?");
    }

    private CentralShapes() {}

    /** Written compactly: {@code name:type} (str, str?, bool, num, int, date, date?, obj?, any, or words a|b|c). */
    private static void table(String table, String fields) {
        List<Field> list = new ArrayList<>();
        for (String spec : fields.split(" ")) {
            String[] parts = spec.split(":");
            String name = parts[0].equals("charge_code") ? "charge code" : parts[0];
            String type = parts.length == 1 ? "str" : parts[1];
            list.add(
                    switch (type) {
                        case "str" -> new Field(name, Type.STR, null);
                        case "str?" -> new Field(name, Type.STR_OR_NULL, null);
                        case "bool" -> new Field(name, Type.BOOL, null);
                        case "num" -> new Field(name, Type.NUM, null);
                        case "int" -> new Field(name, Type.INT, null);
                        case "date" -> new Field(name, Type.DATE, null);
                        case "date?" -> new Field(name, Type.DATE_OR_NONE, null);
                        case "obj?" -> new Field(name, Type.OBJECT_OR_NONE, null);
                        case "any" -> new Field(name, Type.ANY, null);
                        default -> new Field(name, Type.STR, Set.of(type.split("\\|")));
                    });
        }
        TABLES.put(table, List.copyOf(list));
    }

    /** The tables of central data the central loads from files, in the order they are best loaded. */
    public static Set<String> tables() {
        return TABLES.keySet();
    }

    /** The required fields of a table of central data; empty for a table that is not one. */
    public static List<Field> fieldsOf(String table) {
        return TABLES.getOrDefault(table, List.of());
    }

    /** What is wrong with the record for open-mSupply: one sentence per field ("item_name: missing (a string)"). */
    public static List<String> problems(String table, JsonObject record) {
        List<String> problems = new ArrayList<>();
        for (Field field : fieldsOf(table)) {
            JsonValue value = record.get(field.name());
            if (value == null) {
                problems.add(field.name() + ": missing (" + field.type().says() + ")");
            } else if (!fits(field, value)) {
                problems.add(field.name() + ": " + value + " is not "
                        + (field.words() == null
                                ? field.type().says()
                                : "one of " + String.join(", ", new TreeSet<>(field.words()))));
            }
        }
        if (record.get("ID") instanceof JsonString id && id.getString().isBlank()) {
            problems.add("ID: empty");
        }
        return problems;
    }

    private static boolean fits(Field field, JsonValue value) {
        return switch (field.type()) {
            case STR ->
                value instanceof JsonString s
                        && (field.words() == null || field.words().contains(s.getString()));
            case STR_OR_NULL -> value == JsonValue.NULL || value instanceof JsonString;
            case BOOL -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            case NUM -> value instanceof JsonNumber;
            case INT -> value instanceof JsonNumber n && n.isIntegral();
            case DATE ->
                value instanceof JsonString s
                        && DATE.matcher(s.getString()).matches()
                        && !s.getString().equals("0000-00-00");
            case DATE_OR_NONE ->
                value == JsonValue.NULL
                        || (value instanceof JsonString s
                                && (s.getString().isEmpty()
                                        || DATE_MAYBE_TIME
                                                .matcher(s.getString())
                                                .matches()));
            case OBJECT_OR_NONE ->
                value == JsonValue.NULL
                        || value.getValueType() == JsonValue.ValueType.OBJECT
                        || value.getValueType() == JsonValue.ValueType.ARRAY
                        || (value instanceof JsonString s && s.getString().isEmpty());
            case ANY -> true;
        };
    }
}
