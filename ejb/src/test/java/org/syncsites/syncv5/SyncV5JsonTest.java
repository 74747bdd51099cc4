package org.syncsites.syncv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The codec against the examples of docs/sync-v5.md (open-mSupply's own unit-test bodies), by section: field names,
 * types and nulls; and each shape written by one side and read by the other.
 */
class SyncV5JsonTest {

    // ------------------------------------------------------------------ the examples of docs/sync-v5.md, read

    @Test
    void readsTheSiteExampleOfSection3_1() {
        SiteInfo site =
                SyncV5Json.readSiteInfo("{\"id\":\"abc123\",\"siteId\":123,\"code\":\"s123\",\"name\":\"Site 123\","
                        + "\"initialisationStatus\":\"new\",\"isOmSupplyCentralServer\":false,"
                        + "\"omSupplyCentralServerUrl\":\"http://localhost:2000\",\"mSupplyCentralSiteId\":1}");
        assertEquals(
                new SiteInfo(
                        "abc123", 123, "s123", "Site 123", InitialisationStatus.NEW, "http://localhost:2000", false, 1),
                site);
    }

    @Test
    void aSiteAnswerWithAnUnknownInitialisationStatusOrWithoutARequiredFieldIsMalformed() {
        String valid = "{\"id\":\"a\",\"siteId\":1,\"initialisationStatus\":\"new\",\"isOmSupplyCentralServer\":false,"
                + "\"omSupplyCentralServerUrl\":\"\",\"mSupplyCentralSiteId\":1}";
        assertEquals("", SyncV5Json.readSiteInfo(valid).omSupplyCentralServerUrl(), "the URL may be empty");
        assertNull(SyncV5Json.readSiteInfo(valid).code(), "code and name are extras");
        assertThrows(SyncV5Json.Malformed.class, () -> SyncV5Json.readSiteInfo(valid.replace("\"new\"", "\"done\"")));
        assertThrows(SyncV5Json.Malformed.class, () -> SyncV5Json.readSiteInfo(valid.replace("\"siteId\":1,", "")));
        assertThrows(
                SyncV5Json.Malformed.class,
                () -> SyncV5Json.readSiteInfo(valid.replace("\"siteId\":1", "\"siteId\":\"1\"")));
    }

    @Test
    void readsTheSiteStatusExamplesOfSection3_2() {
        assertEquals(
                OperationStatus.IDLE,
                SyncV5Json.readSiteStatus("{\"code\":\"idle\",\"message\":\"idle\",\"data\":null}"));
        assertEquals(
                OperationStatus.INTEGRATION_IN_PROGRESS,
                SyncV5Json.readSiteStatus(
                        "{\"code\":\"integration_in_progress\",\"message\":\"Integration in progress\",\"data\":null}"));
        assertThrows(
                SyncV5Json.Malformed.class, () -> SyncV5Json.readSiteStatus("{\"code\":\"busy\",\"message\":\"x\"}"));
    }

    @Test
    void readsTheCentralRecordsExampleOfSection3_4() {
        Batch batch = SyncV5Json.readBatch(
                "{\"maxCursor\":200,\"data\":[\n"
                        + "  {\"ID\":2,\"tableName\":\"test_table_1\",\"recordId\":\"ID2\",\"action\":\"delete\"},\n"
                        + "  {\"ID\":3,\"tableName\":\"test_table_2\",\"recordId\":\"ID4\",\"action\":\"insert\","
                        + "\"recordData\":{\"test_key\":\"test_value\"}}]}",
                Feed.CENTRAL);
        assertEquals(200, batch.count());
        assertEquals(
                List.of(
                        new SyncRecord("2", "test_table_1", "ID2", Action.DELETE, null, null),
                        new SyncRecord(
                                "3", "test_table_2", "ID4", Action.UPDATE, "{\"test_key\":\"test_value\"}", null)),
                batch.records());
    }

    @Test
    void readsTheQueuedRecordsExampleOfSection3_5AndTheStoreARecordNames() {
        Batch batch = SyncV5Json.readBatch(
                "{\"queueLength\":2264,\"data\":[\n"
                        + "  {\"syncOutId\":\"ID1\",\"tableName\":\"test_table_1\",\"recordId\":\"ID2\",\"action\":\"update\","
                        + "\"recordData\":{\"test_key\":\"test_value\",\"store_ID\":\"S1\"}},\n"
                        + "  {\"syncOutId\":\"ID3\",\"tableName\":\"test_table_2\",\"recordId\":\"ID4\",\"action\":\"delete\"}]}",
                Feed.QUEUE);
        assertEquals(2264, batch.count());
        assertEquals("ID1", batch.records().get(0).cursor());
        assertEquals("S1", batch.records().get(0).storeCode());
        assertEquals(Action.DELETE, batch.records().get(1).action());
        assertNull(batch.records().get(1).recordData());
    }

    @Test
    void aCursorOfTheWrongTypeIsMalformed() {
        // open-mSupply refuses a syncOutId that is a number (§3.5); the central's ID is a number (§3.4)
        assertThrows(
                SyncV5Json.Malformed.class,
                () -> SyncV5Json.readBatch(
                        "{\"queueLength\":1,\"data\":[{\"syncOutId\":1,"
                                + "\"tableName\":\"t\",\"recordId\":\"r\",\"action\":\"update\"}]}",
                        Feed.QUEUE));
        assertThrows(
                SyncV5Json.Malformed.class,
                () -> SyncV5Json.readBatch(
                        "{\"maxCursor\":1,\"data\":[{\"ID\":\"1\","
                                + "\"tableName\":\"t\",\"recordId\":\"r\",\"action\":\"update\"}]}",
                        Feed.CENTRAL));
    }

    @Test
    void readsTheInitialiseAnswerOfSection3_3WithoutData() {
        assertEquals(new Batch(2264, List.of()), SyncV5Json.readBatch("{\"queueLength\": 2264}", Feed.QUEUE));
        assertEquals("{}", SyncV5Json.initialiseRequest());
    }

    @Test
    void readsTheActionsOfSection3_8AndRefusesAnyOther() {
        for (String upsert : List.of("insert", "Insert", "update", "Update")) {
            assertEquals(Action.UPDATE, Action.parse(upsert));
        }
        assertEquals(Action.DELETE, Action.parse("Delete"));
        assertEquals(Action.MERGE, Action.parse("merge"));
        assertThrows(IllegalArgumentException.class, () -> Action.parse("upsert"));
        assertThrows(IllegalArgumentException.class, () -> Action.parse("INSERT"));
        SyncRecord merge = SyncV5Json.readBatch(
                        "{\"queueLength\":1,\"data\":[{\"syncOutId\":\"1\",\"tableName\":\"item\","
                                + "\"recordId\":\"itemA\",\"action\":\"merge\",\"recordData\":{\"mergeIdToKeep\":\"itemA\","
                                + "\"mergeIdToDelete\":\"itemB\"}}]}",
                        Feed.QUEUE)
                .records()
                .get(0);
        assertEquals(Action.MERGE, merge.action());
        assertEquals("itemB", json(merge.recordData()).getString("mergeIdToDelete"));
    }

    @Test
    void readsTheErrorBodyOfSection2_1AndNothingElse() {
        SyncError error = SyncV5Json.readError("{\"error\":{\"code\":\"site_incorrect_hardware_id\","
                        + "\"message\":\"Site hardware ID does not match\",\"data\":null}}")
                .orElseThrow();
        assertEquals(
                ErrorCode.SITE_INCORRECT_HARDWARE_ID, ErrorCode.of(error.code()).orElseThrow());
        assertEquals("Site hardware ID does not match", error.message());
        assertEquals(JsonValue.ValueType.NULL, error.data().getValueType());
        SyncError other = SyncV5Json.readError("{\"error\":{\"code\":\"sync_is_running\",\"message\":\"later\"}}")
                .orElseThrow();
        assertEquals("sync_is_running", other.code(), "an unknown code is kept as text");
        assertEquals(JsonValue.NULL, other.data(), "a missing data reads as null");
        assertTrue(SyncV5Json.readError("{\"error\":{\"code\":\"x\"}}").isEmpty(), "message is required");
        assertTrue(SyncV5Json.readError("<html>Bad gateway</html>").isEmpty());
        assertTrue(SyncV5Json.readError("").isEmpty());
    }

    // ------------------------------------------------------------------ the bodies of docs/sync-v5.md, written

    @Test
    void writesThePushAndAcknowledgementBodiesOfSection1_4() {
        // open-mSupply's unit-test push body, with the action a client sends for an upsert (its test says Insert)
        assertEquals(
                "{\"queueLength\":0,\"data\":[{\"syncOutId\":\"ID1\",\"tableName\":\"test_table_name\","
                        + "\"recordId\":\"ID2\",\"action\":\"Update\",\"recordData\":{\"test_key\":\"test_value\"}}]}",
                SyncV5Json.batch(
                        Feed.PUSH,
                        new Batch(
                                0,
                                List.of(new SyncRecord(
                                        "ID1",
                                        "test_table_name",
                                        "ID2",
                                        Action.UPDATE,
                                        "{\"test_key\":\"test_value\"}")))));
        assertEquals("{\"syncIDs\":[\"ONE\",\"TWO\"]}", SyncV5Json.acknowledgement(List.of("ONE", "TWO")));
    }

    @Test
    void aPushedDeleteCarriesRecordDataNullAndAPulledOneNone() {
        SyncRecord delete = SyncRecord.of(5, "transact", "r1", true, "{\"ignored\":1}");
        assertEquals(
                "{\"queueLength\":1,\"data\":[{\"syncOutId\":\"5\",\"tableName\":\"transact\",\"recordId\":\"r1\","
                        + "\"action\":\"Delete\",\"recordData\":null}]}",
                SyncV5Json.batch(Feed.PUSH, new Batch(1, List.of(delete))));
        assertEquals(
                "{\"maxCursor\":9,\"data\":[{\"ID\":5,\"tableName\":\"transact\",\"recordId\":\"r1\","
                        + "\"action\":\"delete\"}]}",
                SyncV5Json.batch(Feed.CENTRAL, new Batch(9, List.of(delete))));
    }

    @Test
    void writesSiteStatusWithAStringMessageAndNullData() {
        JsonObject status = json(SyncV5Json.siteStatus(OperationStatus.INITIALISATION_IN_PROGRESS));
        assertEquals("initialisation_in_progress", status.getString("code"));
        assertEquals("Initialisation in progress", status.getString("message"));
        assertTrue(status.isNull("data"));
    }

    @Test
    void writesAnErrorWithItsData() {
        JsonObject error = json(SyncV5Json.error(new SyncError(
                        ErrorCode.API_VERSION_INCOMPATIBLE,
                        "update",
                        Json.createObjectBuilder()
                                .add("minVersion", 5)
                                .add("maxVersion", 14)
                                .build())))
                .getJsonObject("error");
        assertEquals("api_version_incompatible", error.getString("code"));
        assertEquals(14, error.getJsonObject("data").getInt("maxVersion"));
        assertTrue(json(SyncV5Json.error(new SyncError(ErrorCode.BAD_REQUEST, "no", null)))
                .getJsonObject("error")
                .isNull("data"));
    }

    // ------------------------------------------------------------------ round trips: one side writes, the other reads

    @Test
    void theSiteAnswerRoundTrips() {
        SiteInfo site = new SiteInfo("7", 7, "c\"7", "Clinic \\ 7\n", InitialisationStatus.STARTED, "", true, 1);
        assertEquals(site, SyncV5Json.readSiteInfo(SyncV5Json.siteInfo(site)));
    }

    @Test
    void batchesRoundTripInEveryFeedWithAwkwardText() {
        List<SyncRecord> records = List.of(
                new SyncRecord(
                        "1", "transact", "r\"1\u0001", Action.UPDATE, "{\"store_ID\":\"S\\u00e9\",\"n\":1.5}", "Sé"),
                new SyncRecord("2", "trans_line", "r2", Action.DELETE, null, null));
        for (Feed feed : Feed.values()) {
            Batch batch = new Batch(42, records);
            Batch read = SyncV5Json.readBatch(SyncV5Json.batch(feed, batch), feed);
            assertEquals(42, read.count(), feed.name());
            assertEquals(records.get(1), read.records().get(1), feed.name());
            SyncRecord first = read.records().get(0);
            assertEquals("r\"1\u0001", first.recordId(), feed.name());
            assertEquals("Sé", first.storeCode(), feed.name());
            assertEquals(json(records.get(0).recordData()), json(first.recordData()), feed.name());
        }
    }

    @Test
    void theSmallShapesRoundTrip() {
        assertEquals(List.of("1", "2"), SyncV5Json.readAcknowledgement(SyncV5Json.acknowledgement(List.of("1", "2"))));
        assertTrue(SyncV5Json.readPushAnswer(SyncV5Json.pushAnswer(true)));
        assertFalse(SyncV5Json.readPushAnswer(SyncV5Json.pushAnswer(false)));
        assertEquals(
                77,
                SyncV5Json.readBatch(SyncV5Json.initialiseAnswer(77), Feed.QUEUE)
                        .count());
        for (OperationStatus status : OperationStatus.values()) {
            assertEquals(status, SyncV5Json.readSiteStatus(SyncV5Json.siteStatus(status)));
        }
        ConnectionCheck check = new ConnectionCheck(
                "Sync Sites",
                5,
                14,
                true,
                ConnectionCheck.Credentials.TOO_MANY_CHECKS,
                ConnectionCheck.Device.NOT_BOUND);
        assertEquals(check, SyncV5Json.readConnectionCheck(SyncV5Json.connectionCheck(check)));
        SyncError error = new SyncError(ErrorCode.RECORD_OF_ANOTHER_STORE, "Record t/r", JsonValue.NULL);
        assertEquals(error, SyncV5Json.readError(SyncV5Json.error(error)).orElseThrow());
    }

    @Test
    void malformedBodiesSayWhatIsWrong() {
        assertEquals(
                "queueLength must be a whole number of at least 0.",
                assertThrows(SyncV5Json.Malformed.class, () -> SyncV5Json.readBatch("{\"queueLength\":-1}", Feed.PUSH))
                        .getMessage());
        assertTrue(assertThrows(SyncV5Json.Malformed.class, () -> SyncV5Json.readBatch("[1]", Feed.PUSH))
                .getMessage()
                .contains("not a JSON object"));
        assertTrue(assertThrows(
                        SyncV5Json.Malformed.class,
                        () -> SyncV5Json.readBatch(
                                "{\"queueLength\":1,\"data\":"
                                        + "[{\"syncOutId\":\"1\",\"tableName\":\"t\",\"recordId\":\"r\",\"action\":\"upsert\"}]}",
                                Feed.PUSH))
                .getMessage()
                .contains("unknown action"));
        assertTrue(assertThrows(
                        SyncV5Json.Malformed.class,
                        () -> SyncV5Json.readBatch(
                                "{\"queueLength\":1,\"data\":"
                                        + "[{\"syncOutId\":\"1\",\"tableName\":\"t\",\"recordId\":\"r\",\"action\":\"Update\",\"recordData\":[]}]}",
                                Feed.PUSH))
                .getMessage()
                .contains("recordData must be an object"));
        assertThrows(SyncV5Json.Malformed.class, () -> SyncV5Json.readAcknowledgement("{\"syncIDs\":[1]}"));
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
