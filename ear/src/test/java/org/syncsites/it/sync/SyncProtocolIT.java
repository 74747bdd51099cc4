package org.syncsites.it.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/** The central side of sync v5, spoken as raw HTTP by a remote site (see docs/sync-v5.md). */
@ExtendWith(TestServer.class)
class SyncProtocolIT {

    private static final String PASSWORD = "sync-password-1";
    private static final int RECORDS = 230;

    private final AdminApi admin = AdminApi.asAdmin();
    private String siteName;
    private String storeCode;
    private long siteId;
    private long storeId;
    private RemoteSite remote;

    @BeforeEach
    void aSiteWithAStoreAndItsData() {
        storeCode = TestData.unique("SY");
        storeId = admin.createStore(storeCode, "Sync store");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + RECORDS + "}");
        siteName = TestData.unique("Remote");
        siteId = AdminApi.id(admin.call(
                        "POST",
                        "/api/admin/sites",
                        "{\"settings\":{\"code\":\"\",\"name\":\"" + siteName
                                + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                                + PASSWORD + "\",\"storesToAdd\":[" + storeId + "]}")
                .body());
        remote = new RemoteSite(siteName, PASSWORD, "device-" + siteName);
    }

    // ------------------------------------------------------------------ signing in

    @Test
    void aConnectionCheckReportsWithoutCountingFailuresOrBindingAndStopsAnsweringGuesses() {
        JsonObject unbound = json(remote.get("check_connection").body());
        assertTrue(unbound.getBoolean("versionCompatible"));
        assertEquals("accepted", unbound.getString("credentials"));
        assertEquals("not_bound", unbound.getString("device"), "a check binds no device");
        JsonObject site =
                json(admin.call("GET", "/api/admin/sites/" + siteId, null).body());
        assertTrue(!site.containsKey("hardwareId") || site.isNull("hardwareId"), "no device bound: " + site);

        for (int guess = 1; guess <= 5; guess++) {
            assertEquals(
                    "rejected",
                    json(remote.withPassword("guess-" + guess)
                                    .get("check_connection")
                                    .body())
                            .getString("credentials"));
        }
        String details = admin.call("GET", "/api/admin/sites/" + siteId, null).body();
        assertTrue(
                details.contains("\"failedLoginCount\":0") && details.contains("\"blocked\":false"),
                "checks are not failed sign-ins: " + details);
        assertEquals(
                "rejected",
                json(remote.get("check_connection").body()).getString("credentials"),
                "after five wrong checks, even the right password is not checked for a while, and the answer is an "
                        + "unknown name's");
        assertEquals(200, remote.get("site").statusCode(), "syncing is not affected");
        assertFalse(json(remote.speakingVersion("99").get("check_connection").body())
                .getBoolean("versionCompatible"));
    }

    @Test
    void theFirstSignInBindsTheDeviceAndTheSiteReportsItself() {
        HttpResponse<String> site = remote.asApp("Open mSupply Android").get("site");
        assertEquals(200, site.statusCode(), site.body());
        JsonObject info = json(site.body());
        assertEquals(Long.toString(siteId), info.getString("id"));
        assertEquals(siteId, info.getJsonNumber("siteId").longValue());
        assertEquals("new", info.getString("initialisationStatus"));
        assertEquals("", info.getString("omSupplyCentralServerUrl"));
        assertFalse(
                info.getBoolean("isOmSupplyCentralServer"), "only the site an admin marks is the open-mSupply central");
        assertTrue(info.getJsonNumber("mSupplyCentralSiteId").longValue() > 0);
        String details = admin.call("GET", "/api/admin/sites/" + siteId, null).body();
        assertTrue(details.contains("\"hardwareId\":\"device-" + siteName + "\""), details);
        assertTrue(details.contains("\"type\":\"MOBILE\""), "an Android app makes the site mobile: " + details);
        assertTrue(details.contains("\"appVersion\":\"2.20.0\""), details);
    }

    /**
     * Every sync cycle begins with {@code site}, whose answer names the open-mSupply central site: it must be found by
     * an index, not by reading every site's row (26 ms a request with 100,000 sites on PostgreSQL, 0.02 ms by index).
     * The plan is asked for with sequential scans priced out (PostgreSQL), so that a table this small still shows
     * whether an index could be used.
     */
    @Test
    void theSiteRequestFindsTheOpenMsupplyCentralByAnIndex() throws Exception {
        try (Connection connection = TestData.fromOutside().open();
                Statement statement = connection.createStatement()) {
            boolean postgresql =
                    connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            if (postgresql) {
                statement.execute("SET enable_seqscan = off");
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("EXPLAIN SELECT id FROM site WHERE oms_central = TRUE")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            if (postgresql) {
                statement.execute("RESET enable_seqscan");
            }
            assertTrue(plan.toString().toLowerCase(Locale.ROOT).contains("site_oms_central"), plan.toString());
        }
    }

    @Test
    void aSecondDeviceWithTheSameCredentialsIsRefusedUntilAnAdminResetsTheHardwareId() {
        assertEquals(200, remote.get("site").statusCode());
        HttpResponse<String> other = remote.onDevice("another-device").get("site");
        assertEquals(401, other.statusCode());
        assertEquals("site_incorrect_hardware_id", errorCode(other));
        admin.call("POST", "/api/admin/sites/" + siteId + "/hardware-id/reset", null);
        assertEquals(200, remote.onDevice("another-device").get("site").statusCode());
        assertEquals(401, remote.get("site").statusCode(), "now the first device is the other one");
    }

    /**
     * The site's device history: every device that signed in or tried to, what it was last answered, which one is
     * bound, who reset the binding; and a device found by its hardware ID across sites ("which site is this tablet?").
     */
    @Test
    void theSiteKeepsAHistoryOfItsDevicesThatAnAdminSearchesByHardwareId() {
        assertEquals(200, remote.get("site").statusCode());
        RemoteSite stranger = remote.onDevice("stranger-" + siteId).withPassword("a-guess");
        assertEquals(401, stranger.get("site").statusCode());
        RemoteSite other = remote.onDevice("replacement-" + siteId);
        assertEquals(401, other.get("site").statusCode());
        admin.call("POST", "/api/admin/sites/" + siteId + "/hardware-id/reset", null);
        assertEquals(200, other.get("site").statusCode(), "the replacement is bound");

        JsonArray devices = Json.createReader(
                        new StringReader(admin.call("GET", "/api/admin/sites/" + siteId + "/devices", null)
                                .body()))
                .readArray();
        Map<String, JsonObject> byId = new HashMap<>();
        devices.getValuesAs(JsonObject.class).forEach(d -> byId.put(d.getString("hardwareId"), d));
        assertEquals(Set.of("device-" + siteName, "stranger-" + siteId, "replacement-" + siteId), byId.keySet());
        JsonObject first = byId.get("device-" + siteName);
        assertEquals("ACCEPTED", first.getString("lastAnswer"));
        assertFalse(first.getBoolean("bound"));
        assertEquals(As.ADMIN, first.getString("unboundBy"), "who reset its binding");
        assertFalse(first.isNull("unboundAt"));
        assertEquals("WRONG_PASSWORD", byId.get("stranger-" + siteId).getString("lastAnswer"));
        JsonObject replacement = byId.get("replacement-" + siteId);
        assertEquals("ACCEPTED", replacement.getString("lastAnswer"), "refused as another device, then accepted");
        assertTrue(replacement.getBoolean("bound"));
        assertFalse(replacement.isNull("firstSeenAt"));
        assertEquals(
                "replacement-" + siteId,
                devices.getJsonObject(0).getString("hardwareId"),
                "the device seen last comes first");

        String found = admin.call("GET", "/api/admin/devices?hardwareId=PLACEMENT-" + siteId, null)
                .body();
        assertTrue(found.contains("\"siteName\":\"" + siteName + "\""), found);
        assertEquals(
                400,
                admin.call("GET", "/api/admin/devices?hardwareId=ab", null).statusCode(),
                "a search needs three characters");
    }

    /**
     * During a roll-out a stranger who knows a new site's name must not block it: while no device is bound, wrong
     * passwords make the device that sent them wait, not the site, and the site's own device signs in and is bound.
     */
    @Test
    void wrongPasswordsForASiteWithoutADeviceMakeThatDeviceWaitNotTheSite() {
        RemoteSite attacker = remote.onDevice("attacker");
        for (int i = 1; i <= 5; i++) {
            assertEquals(
                    "site_incorrect_password",
                    errorCode(attacker.withPassword("guess-" + i).get("site")));
        }
        assertEquals(
                "site_incorrect_password",
                errorCode(attacker.get("site")),
                "the attacker's device waits: even the right password is not checked, nor told apart");
        String details = admin.call("GET", "/api/admin/sites/" + siteId, null).body();
        assertTrue(details.contains("\"blocked\":false"), "the site is not blocked: " + details);
        assertEquals(200, remote.get("site").statusCode(), "the site's own device signs in");
        assertTrue(
                admin.call("GET", "/api/admin/sites/" + siteId, null)
                        .body()
                        .contains("\"hardwareId\":\"device-" + siteName + "\""),
                "and is bound, not the attacker's");
        TestData data = TestData.fromOutside();
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'DEVICE_SIGN_INS_WAIT' AND "
                                + "entity_id = ? AND new_value LIKE '20%'",
                        siteId),
                "the admin sees the attempts: audited once");
        assertEquals(
                0,
                data.count("SELECT COUNT(*) FROM site_device_sign_in_guard WHERE site_id = ?", siteId),
                "a bound device brings back mSupply's rule: the counts per device go");
    }

    /** Check connection tells a blocked site from an unknown name only to the right password. */
    @Test
    void aConnectionCheckTellsABlockedSiteOnlyToTheRightPassword() {
        assertEquals(200, remote.get("site").statusCode(), "the device is bound");
        for (int i = 1; i <= 5; i++) {
            remote.withPassword("guess-" + i).get("site");
        }
        assertEquals("site_auth_timeout", errorCode(remote.get("site")), "blocked");
        String unknown = json(new RemoteSite(TestData.unique("No such site"), "any-password", "stranger")
                        .get("check_connection")
                        .body())
                .getString("credentials");
        assertEquals("rejected", unknown);
        assertEquals(
                unknown,
                json(remote.withPassword("another-guess")
                                .get("check_connection")
                                .body())
                        .getString("credentials"),
                "a wrong password learns nothing");
        assertEquals(
                "blocked",
                json(remote.get("check_connection").body()).getString("credentials"),
                "the right one learns the site is blocked");
    }

    @Test
    void fiveWrongPasswordsBlockTheSiteUntilAnAdminUnblocksIt() {
        assertEquals(200, remote.get("site").statusCode(), "the device is bound");
        RemoteSite wrong = remote.withPassword("not-the-password");
        for (int i = 1; i <= 4; i++) {
            assertEquals("site_incorrect_password", errorCode(wrong.get("site")));
        }
        HttpResponse<String> fifth = wrong.get("site");
        assertEquals(401, fifth.statusCode());
        assertEquals("site_auth_timeout", errorCode(fifth));
        assertTrue(fifth.body().contains("An administrator must unblock it"), fifth.body());
        assertEquals("site_auth_timeout", errorCode(remote.get("site")), "even the right password is refused now");
        assertTrue(admin.call("GET", "/api/admin/sites/" + siteId, null).body().contains("\"blocked\":true"));

        admin.call("POST", "/api/admin/sites/" + siteId + "/unblock", null);
        assertEquals(200, remote.get("site").statusCode());
    }

    /**
     * Only the site's own device learns that it is blocked: anyone else, with any password, gets exactly what an
     * unknown site name gets, so a stranger can tell neither that the name exists nor that it is blocked.
     */
    @Test
    void aBlockedSiteAnswersAStrangerAsAnUnknownNameWould() {
        assertEquals(200, remote.get("site").statusCode(), "the device is bound");
        RemoteSite wrong = remote.withPassword("not-the-password");
        for (int i = 1; i <= 5; i++) {
            wrong.get("site");
        }
        assertEquals("site_auth_timeout", errorCode(remote.get("site")), "the site's own device is told");
        HttpResponse<String> unknown =
                new RemoteSite(TestData.unique("No such site"), PASSWORD, "stranger").get("site");
        for (RemoteSite stranger :
                List.of(remote.onDevice("stranger"), wrong.onDevice("stranger"), remote.onDevice(""))) {
            HttpResponse<String> answer = stranger.get("site");
            assertEquals(unknown.statusCode(), answer.statusCode());
            assertEquals(unknown.body(), answer.body());
        }
        assertEquals("site_incorrect_password", errorCode(unknown));
        admin.call("POST", "/api/admin/sites/" + siteId + "/unblock", null);
    }

    @Test
    void aSuccessfulSignInResetsTheCountOfFailures() {
        RemoteSite wrong = remote.withPassword("not-the-password");
        for (int i = 0; i < 4; i++) {
            wrong.get("site");
        }
        assertEquals(200, remote.get("site").statusCode());
        for (int i = 0; i < 4; i++) {
            assertEquals("site_incorrect_password", errorCode(wrong.get("site")));
        }
        assertEquals(200, remote.get("site").statusCode(), "4 + 4 failures with a success between: not blocked");
    }

    @Test
    void anUnknownSiteNameGetsTheSameAnswerAsAWrongPassword() {
        HttpResponse<String> unknown = new RemoteSite(TestData.unique("Nobody"), PASSWORD, "x").get("site");
        HttpResponse<String> wrong = remote.withPassword("not-the-password").get("site");
        assertEquals(wrong.statusCode(), unknown.statusCode());
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    void aSyncVersionOutsideTheSupportedRangeIsRefusedWith409() {
        HttpResponse<String> refused = remote.speakingVersion("10000").get("site");
        assertEquals(409, refused.statusCode());
        assertEquals("api_version_incompatible", errorCode(refused));
        assertFalse(json(refused.body()).getJsonObject("error").isNull("data"), "data says which versions work");
    }

    // ------------------------------------------------------------------ initialising and pulling

    @Test
    void initialiseQueuesAllTheSitesDataWhichIsPulledAndAcknowledgedExactlyOnce() {
        HttpResponse<String> initialised = remote.post("initialise", "{}");
        assertEquals(200, initialised.statusCode(), initialised.body());
        assertEquals(
                RECORDS, json(initialised.body()).getJsonNumber("queueLength").longValue());
        assertEquals("completed", json(remote.get("site").body()).getString("initialisationStatus"));
        assertEquals("idle", json(remote.get("site_status").body()).getString("code"));

        HttpResponse<String> again = remote.post("initialise", "{}");
        assertEquals(RECORDS, json(again.body()).getJsonNumber("queueLength").longValue(), "safe to repeat");

        JsonObject first = json(remote.get("queued_records?limit=100").body());
        JsonObject unacknowledged = json(remote.get("queued_records?limit=100").body());
        assertEquals(
                first.getJsonArray("data"), unacknowledged.getJsonArray("data"), "delivered again until acknowledged");

        Set<String> received = new HashSet<>();
        long expectedLength = RECORDS;
        while (true) {
            JsonObject batch = json(remote.get("queued_records?limit=100").body());
            assertEquals(expectedLength, batch.getJsonNumber("queueLength").longValue());
            if (batch.getJsonArray("data").isEmpty()) {
                break;
            }
            List<String> ids = new ArrayList<>();
            for (JsonValue value : batch.getJsonArray("data")) {
                JsonObject record = value.asJsonObject();
                ids.add("\"" + record.getString("syncOutId") + "\"");
                assertTrue(received.add(record.getString("recordId")), "each record once");
                assertEquals("update", record.getString("action"));
                assertEquals(storeCode, record.getJsonObject("recordData").getString("store_ID"));
            }
            HttpResponse<String> ack = remote.post("acknowledged_records", "{\"syncIDs\":" + ids + "}");
            assertEquals(204, ack.statusCode(), ack.body());
            expectedLength -= ids.size();
        }
        assertEquals(RECORDS, received.size());
        assertTrue(admin.call("GET", "/api/admin/sites/" + siteId, null).body().contains("\"queueLength\":0"));

        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":7}");
        JsonObject added = json(remote.get("queued_records?limit=100").body());
        assertEquals(
                7, added.getJsonArray("data").size(), "records the central adds to the site's store are queued for it");
        assertEquals(7, added.getJsonNumber("queueLength").longValue());
    }

    @Test
    void anAcknowledgementRemovesExactlyTheEntriesItNamesEvenWithGapsOrForeignIds() {
        assertEquals(200, remote.post("initialise", "{}").statusCode());
        List<String> five = syncOutIds(json(remote.get("queued_records?limit=5").body()));
        // another site's entries: named in this site's acknowledgement, they must stay
        String otherStore = TestData.unique("SO");
        long otherStoreId = admin.createStore(otherStore, "Other store");
        admin.call("POST", "/demo/api/stores/" + otherStoreId + "/generated-records", "{\"storeRecords\":3}");
        String otherName = TestData.unique("Other");
        admin.call(
                "POST",
                "/api/admin/sites",
                "{\"settings\":{\"code\":\"\",\"name\":\"" + otherName
                        + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                        + PASSWORD + "\",\"storesToAdd\":[" + otherStoreId + "]}");
        RemoteSite other = new RemoteSite(otherName, PASSWORD, "device-" + otherName);
        assertEquals(200, other.post("initialise", "{}").statusCode());
        List<String> others =
                syncOutIds(json(other.get("queued_records?limit=5").body()));

        // the 1st, 3rd and 5th of this site, then the whole range from the 2nd on plus the other site's entries
        String gaps = "[\"" + five.get(0) + "\",\"" + five.get(2) + "\",\"" + five.get(4) + "\"]";
        assertEquals(
                204,
                remote.post("acknowledged_records", "{\"syncIDs\":" + gaps + "}")
                        .statusCode());
        assertEquals(
                List.of(five.get(1), five.get(3)),
                syncOutIds(json(remote.get("queued_records?limit=2").body())),
                "the entries between the acknowledged ones still wait, in order");
        assertEquals(
                RECORDS - 3,
                json(remote.get("queued_records?limit=1").body())
                        .getJsonNumber("queueLength")
                        .longValue());

        List<String> rest =
                syncOutIds(json(remote.get("queued_records?limit=" + RECORDS).body()));
        List<String> withForeign = new ArrayList<>(rest);
        withForeign.addAll(others);
        assertEquals(
                204,
                remote.post("acknowledged_records", "{\"syncIDs\":" + quoted(withForeign) + "}")
                        .statusCode());
        assertEquals(
                0,
                json(remote.get("queued_records?limit=1").body())
                        .getJsonNumber("queueLength")
                        .longValue());
        assertEquals(
                others,
                syncOutIds(json(other.get("queued_records?limit=5").body())),
                "another site's entries are never removed by this site's acknowledgement");
    }

    @Test
    void anAcknowledgementNamingAnIdBeyondTheQueueHidesNothingQueuedLater() {
        assertEquals(200, remote.post("initialise", "{}").statusCode());
        List<String> all =
                syncOutIds(json(remote.get("queued_records?limit=" + RECORDS).body()));
        assertEquals(RECORDS, all.size());
        List<String> withBogus = new ArrayList<>(all);
        withBogus.add("999999999999999999"); // no entry has it; a careless or hostile client may send it
        assertEquals(
                204,
                remote.post("acknowledged_records", "{\"syncIDs\":" + quoted(withBogus) + "}")
                        .statusCode());
        assertEquals(
                0,
                json(remote.get("queued_records?limit=1").body())
                        .getJsonNumber("queueLength")
                        .longValue());

        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":7}");
        JsonObject added = json(remote.get("queued_records?limit=100").body());
        assertEquals(7, added.getJsonNumber("queueLength").longValue());
        assertEquals(7, added.getJsonArray("data").size(), "what is queued after the acknowledgement is delivered");
    }

    @Test
    void acknowledgedEntriesAreDeletedInTheBackgroundAndTheQueueGoesOn() {
        assertEquals(200, remote.post("initialise", "{}").statusCode());
        List<String> all =
                syncOutIds(json(remote.get("queued_records?limit=" + RECORDS).body()));
        assertEquals(
                204,
                remote.post("acknowledged_records", "{\"syncIDs\":" + quoted(all) + "}")
                        .statusCode());
        assertEquals(
                0,
                json(remote.get("queued_records?limit=1").body())
                        .getJsonNumber("queueLength")
                        .longValue());
        TestData data = TestData.fromOutside();
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", siteId), "nothing waits");

        // the background deletes the entries, then notes how far it reclaimed in a transaction of its own
        // (SiteQueue.reclaimSome): both are awaited, not the second read at once after the first
        Eventually.await(
                "the acknowledged entries to be deleted and the site's queue noted as reclaimed",
                Duration.ofSeconds(60),
                () -> data.count("SELECT COUNT(*) FROM sync_out WHERE site_id = ?", siteId)
                        + data.count(
                                "SELECT COUNT(*) FROM site WHERE id = ? AND queue_reclaimed <> queue_start", siteId),
                left -> left == 0);
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":3}");
        assertEquals(
                3,
                json(remote.get("queued_records?limit=100").body())
                        .getJsonArray("data")
                        .size());
    }

    private static List<String> syncOutIds(JsonObject batch) {
        List<String> ids = new ArrayList<>();
        for (JsonValue value : batch.getJsonArray("data")) {
            ids.add(value.asJsonObject().getString("syncOutId"));
        }
        return ids;
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void everyStoreIsInTheCentralChangeLogWithTheSiteItIsActiveOn() {
        JsonObject directory = storeDirectoryRecord(0);
        assertEquals(
                siteId,
                directory.getJsonObject("recordData").getJsonNumber("site_ID").longValue());
        assertEquals("Sync store", directory.getJsonObject("recordData").getString("name"));

        JsonObject site =
                json(admin.call("GET", "/api/admin/sites/" + siteId, null).body());
        HttpResponse<String> removed = admin.call(
                "PUT",
                "/api/admin/sites/" + siteId,
                "{\"expectedVersion\":"
                        + site.getJsonNumber("version") + ",\"settings\":" + site.getJsonObject("settings")
                        + ",\"storesToRemove\":[" + storeId + "]}");
        assertEquals(200, removed.statusCode(), removed.body());
        JsonObject moved = storeDirectoryRecord(directory.getJsonNumber("ID").longValue());
        assertTrue(
                moved.getJsonNumber("ID").longValue()
                        > directory.getJsonNumber("ID").longValue(),
                "the move is a newer change");
        assertTrue(
                moved.getJsonObject("recordData").getJsonNumber("site_ID").longValue() != siteId,
                "the store is now on the central site: " + moved);
    }

    /** The change-log record of this test's store after {@code cursor}. */
    private JsonObject storeDirectoryRecord(long cursor) {
        JsonObject batch = json(
                remote.get("central_records?cursor=" + cursor + "&limit=5000").body());
        for (JsonValue value : batch.getJsonArray("data")) {
            JsonObject record = value.asJsonObject();
            if (record.getString("tableName").equals("store")
                    && record.getString("recordId").equals(storeCode)) {
                return record;
            }
        }
        throw new AssertionError("no store record for " + storeCode + " after " + cursor);
    }

    @Test
    void centralRecordsFollowTheChangeLogWithAnExclusiveCursor() {
        admin.call("POST", "/demo/api/master-data/generated-records", "{\"count\":5}");
        JsonObject all = json(remote.get("central_records?cursor=0&limit=1000000".replace("1000000", "5000"))
                .body());
        long max = all.getJsonNumber("maxCursor").longValue();
        List<Long> ids = new ArrayList<>();
        all.getJsonArray("data")
                .forEach(v -> ids.add(v.asJsonObject().getJsonNumber("ID").longValue()));
        assertTrue(ids.size() >= 5);
        assertEquals(max, ids.get(ids.size() - 1));
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "ascending");
        }
        long cursor = ids.get(ids.size() - 3);
        JsonObject after = json(
                remote.get("central_records?cursor=" + cursor + "&limit=10").body());
        assertEquals(2, after.getJsonArray("data").size(), "records after the cursor only");
        assertEquals(
                ids.get(ids.size() - 2),
                after.getJsonArray("data").getJsonObject(0).getJsonNumber("ID").longValue());
        assertTrue(
                json(remote.get("central_records?cursor=" + max + "&limit=10").body())
                        .getJsonArray("data")
                        .isEmpty());
    }

    // ------------------------------------------------------------------ pushing

    @Test
    void aPushForTheSitesOwnStoreIsKeptOnceEvenWhenSentTwice() {
        String batch = "{\"queueLength\":2,\"data\":[" + pushed("1", "P-" + siteName + "-1", storeCode) + ","
                + pushed("2", "P-" + siteName + "-2", storeCode) + "]}";
        HttpResponse<String> first = remote.post("queued_records", batch);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"integrationStarted\":false}", first.body());
        assertEquals(200, remote.post("queued_records", batch).statusCode(), "sent again after a timeout");
        String store =
                admin.call("GET", "/api/admin/stores?filter=" + storeCode, null).body();
        assertTrue(store.contains("\"recordCount\":" + RECORDS), "integrated only after the last request: " + store);
        HttpResponse<String> last = remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}");
        assertEquals("{\"integrationStarted\":true}", last.body());
        awaitIdle();
        store = admin.call("GET", "/api/admin/stores?filter=" + storeCode, null).body();
        assertTrue(store.contains("\"recordCount\":" + (RECORDS + 2)), store);
    }

    @Test
    void aRecordPushedAndThenDeletedInALaterBatchEndsDeleted() {
        String recordId = "D-" + siteName;
        remote.post("queued_records", "{\"queueLength\":2,\"data\":[" + pushed("1", recordId, storeCode) + "]}");
        HttpResponse<String> delete = remote.post(
                "queued_records",
                "{\"queueLength\":1,\"data\":[{\"syncOutId\":\"2\"," + "\"tableName\":\"transact\",\"recordId\":\""
                        + recordId + "\",\"action\":\"Delete\",\"recordData\":null}]}");
        assertEquals(200, delete.statusCode(), delete.body());
        remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}");
        awaitIdle();
        String store =
                admin.call("GET", "/api/admin/stores?filter=" + storeCode, null).body();
        assertTrue(
                store.contains("\"recordCount\":" + RECORDS),
                "a record deleted before its integration never reaches the central data: " + store);
    }

    /** Polls site_status as open-mSupply does after a push: every second, for at most 30 s. */
    private void awaitIdle() {
        long deadline = System.currentTimeMillis() + 30_000;
        String code;
        do {
            code = json(remote.get("site_status").body()).getString("code");
            if (code.equals("idle")) {
                return;
            }
            assertEquals("integration_in_progress", code);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("site_status still " + code + " after 30 s");
    }

    /**
     * open-mSupply does not move its push cursor past a refused batch: a refusal for one record would stop the site for
     * good. The record is set aside for an admin, the rest of the batch is taken.
     */
    @Test
    void aRecordOfAnotherStoreIsSetAsideAndTheRestOfItsBatchIsTaken() {
        String otherStore = TestData.unique("OT");
        admin.call("POST", "/api/admin/stores", "{\"code\":\"" + otherStore + "\",\"name\":\"Other\"}");
        remote.get("site");
        HttpResponse<String> taken = remote.post(
                "queued_records",
                "{\"queueLength\":2,\"data\":[" + pushed("1", "Q-" + siteName + "-1", storeCode) + ","
                        + pushed("2", "Q-" + siteName + "-2", otherStore) + "]}");
        assertEquals(200, taken.statusCode(), taken.body());
        assertEquals(
                200,
                remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}").statusCode());
        awaitIdle();
        TestData data = TestData.fromOutside();
        assertEquals(
                1,
                data.count("SELECT COUNT(*) FROM store_record WHERE record_id = ?", "Q-" + siteName + "-1"),
                "the record of the site's own store was taken");
        assertEquals(0, data.count("SELECT COUNT(*) FROM store_record WHERE record_id = ?", "Q-" + siteName + "-2"));
        String report = admin.call("GET", "/api/admin/sites/" + siteId + "/integration-failure", null)
                .body();
        assertTrue(
                report.contains("Q-" + siteName + "-2") && report.contains("is not a store active on the site"),
                report);
    }

    /**
     * A site configured for larger batches than the largest the server serves (open-mSupply's batch size is a u32 of
     * its settings) is served the largest batch, not refused: the protocol lets a server return fewer records.
     */
    @Test
    void aLimitAboveTheLargestBatchIsServedAsTheLargestBatch() {
        remote.get("site");
        admin.call("POST", "/demo/api/master-data/generated-records", "{\"count\":5}");
        HttpResponse<String> central = remote.get("central_records?cursor=0&limit=20000");
        assertEquals(200, central.statusCode(), central.body());
        int served = json(central.body()).getJsonArray("data").size();
        assertTrue(served >= 5 && served <= 5000, served + " records");
        HttpResponse<String> queued = remote.get("queued_records?limit=4294967295");
        assertEquals(200, queued.statusCode(), queued.body());
        assertTrue(json(queued.body()).getJsonArray("data").size() <= 5000);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badInputIsAnsweredWith4xxAndTheErrorBody() {
        remote.get("site");
        List<HttpResponse<String>> answers = List.of(
                remote.post("queued_records", "{not json"),
                remote.post("queued_records", "{\"queueLength\":\"two\",\"data\":[]}"),
                remote.post(
                        "queued_records",
                        "{\"queueLength\":1,\"data\":[{\"syncOutId\":\"1\",\"tableName\":\"t\","
                                + "\"recordId\":\"r\",\"action\":\"upsert\",\"recordData\":{}}]}"),
                remote.post("queued_records", "[]"),
                remote.post("acknowledged_records", "{\"syncIDs\":[1,2]}"),
                remote.get("queued_records?limit=0"),
                remote.get("queued_records?limit=99999999999"),
                remote.get("central_records?cursor=-1&limit=10"),
                remote.get("central_records?cursor=abc&limit=10"));
        for (HttpResponse<String> answer : answers) {
            assertEquals(400, answer.statusCode(), answer.body());
            JsonObject error = json(answer.body()).getJsonObject("error");
            assertFalse(error.getString("message").isBlank());
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
        HttpResponse<String> huge = new Browserless()
                .send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/sync/v5/queued_records"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"queueLength\":0,\"data\":[\"" + "x".repeat(9_000_000) + "\"]}"))
                        .build());
        assertEquals(413, huge.statusCode());
        assertEquals(200, remote.get("site").statusCode(), "the server is unharmed");
    }

    // ------------------------------------------------------------------ helpers

    private static String pushed(String syncOutId, String recordId, String store) {
        return "{\"syncOutId\":\"" + syncOutId + "\",\"tableName\":\"transact\",\"recordId\":\"" + recordId
                + "\",\"action\":\"Update\",\"recordData\":{\"ID\":\"" + recordId + "\",\"store_ID\":\"" + store
                + "\",\"total\":12.5}}";
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static String errorCode(HttpResponse<String> response) {
        return json(response.body()).getJsonObject("error").getString("code");
    }
}
