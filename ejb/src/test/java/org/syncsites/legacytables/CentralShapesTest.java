package org.syncsites.legacytables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Central data checked as open-mSupply reads it: each required key present, in its JSON type. */
class CentralShapesTest {

    @Test
    void aUnitWithEveryFieldInItsTypePasses() {
        assertEquals(
                List.of(),
                CentralShapes.problems(
                        "unit", json("{\"ID\":\"U1\",\"units\":\"Tablet\",\"comment\":\"\",\"order_number\":1}")));
    }

    @Test
    void eachMissingOrMistypedFieldIsNamedWithWhatItMustBe() {
        List<String> problems =
                CentralShapes.problems("unit", json("{\"ID\":\"U1\",\"units\":null,\"order_number\":1.0}"));
        assertEquals(
                List.of(
                        "units: null is not a string",
                        "comment: missing (a string)",
                        "order_number: 1.0 is not a whole number such as 3 (not 3.0)"),
                problems);
    }

    @Test
    void wordsDatesAndNullableKeysAreCheckedAsOpenMSupplyReadsThem() {
        List<String> problems = CentralShapes.problems(
                "period",
                json("{\"ID\":\"P\",\"periodScheduleID\":\"S\","
                        + "\"name\":\"Jan\",\"startDate\":\"2026-01-01T00:00:00\",\"endDate\":\"0000-00-00\"}"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(CentralShapes.problems(
                        "options",
                        json("{\"ID\":\"O\",\"title\":\"Broken\",\"isActive\":true," + "\"type\":\"wastage\"}"))
                .get(0)
                .contains("one of"));
        assertEquals(
                List.of(),
                CentralShapes.problems(
                        "currency",
                        json("{\"ID\":\"C\",\"rate\":1,\"currency\":\"MZN\","
                                + "\"is_home_currency\":true,\"date_updated\":\"0000-00-00\"}")));
        assertEquals(
                List.of("strength: missing (a string or null)"),
                CentralShapes.problems(
                        "item",
                        json(
                                "{\"ID\":\"I\",\"code\":\"C\",\"item_name\":\"N\",\"type_of\":\"general\",\"default_pack_size\":1,"
                                        + "\"is_vaccine\":false,\"VEN_category\":\"\",\"doses\":0,\"volume_per_pack\":0,\"unit_ID\":null,"
                                        + "\"category_ID\":null,\"restricted_location_type_ID\":null,\"universalcodes_code\":\"\"}")));
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
