package org.syncsites.it.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * A site ahead of the central's database (as after a restore from a backup while the site kept syncing) is found at
 * its next sync on either feed and listed for admins with what the central lost; a cursor ahead is refused with a code
 * and a message that say what to do rather than told "nothing new"; the site is back in step once an editor
 * re-initialises it. H2BackupRestoreIT
 * makes the same happen through a real backup and restore.
 */
@ExtendWith(TestServer.class)
class SitesAheadIT {

    private static final String PASSWORD = "ahead-password-1";

    private final AdminApi admin = AdminApi.asAdmin();
    private String name;
    private long siteId;
    private RemoteSite device;

    /** A site with a store of 3 records, whose device initialised. */
    @BeforeEach
    void anInitialisedSite() {
        name = TestData.unique("Ahead");
        siteId = siteWithAStore(name);
        device = new RemoteSite(name, PASSWORD, "device-" + name);
        assertEquals(200, device.post("initialise", "{}").statusCode());
    }

    @Test
    void aCursorPastTheCentralsLastSerialIsRefusedListedAndForgottenOnceTheSiteIsReinitialised() {
        long max = json(device.get("central_records?cursor=0&limit=1").body())
                .getJsonNumber("maxCursor")
                .longValue();
        assertEquals(
                200, device.get("central_records?cursor=" + max + "&limit=10").statusCode(), "in step");
        assertTrue(ahead(name).isEmpty(), "a site in step is not listed");

        HttpResponse<String> refused = device.get("central_records?cursor=" + (max + 1_000_000_000L) + "&limit=10");
        assertEquals(409, refused.statusCode(), refused.body());
        JsonObject error = json(refused.body()).getJsonObject("error");
        assertEquals("site_ahead_of_central", error.getString("code"));
        assertTrue(error.getString("message").contains("Re-initialise site"), error.getString("message"));

        JsonObject listed = ahead(name).orElseThrow();
        assertEquals(siteId, listed.getJsonNumber("siteId").longValue());
        assertEquals("CENTRAL_RECORDS", listed.getString("feed"));
        assertEquals(max + 1_000_000_000L, listed.getJsonNumber("sitePosition").longValue());
        assertTrue(listed.getJsonNumber("centralPosition").longValue() >= max, listed.toString());
        assertTrue(listed.containsKey("detectedAt"), listed.toString());
        assertEquals(
                409,
                device.get("central_records?cursor=" + (max + 1_000_000_000L) + "&limit=10")
                        .statusCode(),
                "still");
        assertEquals(
                1,
                audit("SITE_AHEAD_FOUND", name).size(),
                "audited once, however often it syncs: " + audit("SITE_AHEAD_FOUND", name));

        reinitialise(siteId);
        assertTrue(ahead(name).isEmpty(), "forgotten once re-initialised");
        RemoteSite newDevice = device.onDevice("new-device-" + name);
        assertEquals(200, newDevice.post("initialise", "{}").statusCode());
        assertEquals(200, newDevice.get("central_records?cursor=0&limit=10").statusCode(), "starts over");
    }

    @Test
    void anAcknowledgementOfEntriesTheCentralNeverIssuedIsListedWhileTheRealOnesAreTaken() {
        List<String> pulled = pulledIds(device);
        assertFalse(pulled.isEmpty(), "the store's data is queued");
        long highest = pulled.stream().mapToLong(Long::parseLong).max().orElseThrow();

        // the first entry, which is here, and one this database never issued
        long first = Long.parseLong(pulled.get(0));
        HttpResponse<String> taken = device.post(
                "acknowledged_records", "{\"syncIDs\":[\"" + first + "\",\"" + (highest + 1_000_000_000L) + "\"]}");
        assertEquals(204, taken.statusCode(), taken.body());
        JsonObject listed = ahead(name).orElseThrow();
        assertEquals("QUEUE", listed.getString("feed"));
        assertEquals(
                highest + 1_000_000_000L, listed.getJsonNumber("sitePosition").longValue());
        assertEquals(pulled.subList(1, pulled.size()), pulledIds(device), "the entry that is here is taken");

        reinitialise(siteId);
        assertTrue(ahead(name).isEmpty());
        RemoteSite newDevice = device.onDevice("new-device-" + name);
        assertEquals(200, newDevice.post("initialise", "{}").statusCode());
        List<String> again = pulledIds(newDevice);
        assertEquals(
                204,
                newDevice
                        .post("acknowledged_records", "{\"syncIDs\":" + quoted(again) + "}")
                        .statusCode(),
                "entries it did receive are taken");
    }

    private long siteWithAStore(String siteName) {
        long storeId = admin.createStore(TestData.unique("AH"), "Ahead store");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":3}");
        return admin.createSite(siteName, PASSWORD, storeId);
    }

    /** The IDs of the site's queue's first entries, once its initialisation queued them. */
    private static List<String> pulledIds(RemoteSite device) {
        HttpResponse<String> response = Eventually.await(
                "the site's data queued",
                Duration.ofSeconds(30),
                () -> device.get("queued_records?limit=100"),
                answer -> answer.statusCode() != 503);
        assertEquals(200, response.statusCode(), response.body());
        List<String> ids = new ArrayList<>();
        for (JsonValue record : json(response.body()).getJsonArray("data")) {
            ids.add(record.asJsonObject().getString("syncOutId"));
        }
        return ids;
    }

    private void reinitialise(long siteId) {
        HttpResponse<String> done = admin.call("POST", "/api/admin/sites/" + siteId + "/reinitialise", null);
        assertEquals(200, done.statusCode(), done.body());
    }

    private Optional<JsonObject> ahead(String siteName) {
        JsonArray list = Json.createReader(new StringReader(admin.call("GET", "/api/admin/network/sites-ahead", null)
                        .body()))
                .readArray();
        return list.stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> a.getString("name").equals(siteName))
                .findFirst();
    }

    private List<JsonValue> audit(String action, String siteName) {
        HttpResponse<String> answer =
                admin.call("GET", "/api/admin/audit?action=" + action + "&entity=" + siteName, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return List.copyOf(Json.createReader(new StringReader(answer.body())).readArray());
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").toList().toString();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
