package org.syncsites.it.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The network's health through the admin API and sync v5: the sync history of a site (one session per sync cycle,
 * with what it moved; refused sign-ins counted up), pausing and resuming a site, and the dashboard's counts by
 * state with the site list filtered on each.
 */
@ExtendWith(TestServer.class)
@ResourceLock(TestServer.NETWORK_SETTINGS)
class NetworkHealthIT {

    private static final String PASSWORD = "sync-password-1";
    private static final int RECORDS = 120;

    private final AdminApi admin = AdminApi.asAdmin();
    private final TestData data = TestData.fromOutside();
    private long siteId;
    private RemoteSite remote;

    @BeforeEach
    void aSiteWithAStoreAndItsData() {
        String storeCode = TestData.unique("NH");
        long storeId = admin.createStore(storeCode, "Health store");
        admin.call("POST", "/demo/api/stores/" + storeId + "/generated-records", "{\"storeRecords\":" + RECORDS + "}");
        String siteName = TestData.unique("Health");
        siteId = AdminApi.id(admin.call(
                        "POST",
                        "/api/admin/sites",
                        "{\"settings\":{\"code\":\"\",\"name\":\"" + siteName
                                + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                                + PASSWORD + "\",\"storesToAdd\":[" + storeId + "]}")
                .body());
        remote = new RemoteSite(siteName, PASSWORD, "device-" + siteName);
        awaitQueued(RECORDS);
    }

    // ------------------------------------------------------------------ sync history

    @Test
    void aSyncCycleIsOneSessionWithWhatItMovedAndHowItEnded() {
        int central = syncCycle(remote, 50);

        JsonArray sessions = history(siteId);
        assertEquals(1, sessions.size(), "one cycle, one session: " + sessions);
        JsonObject session = sessions.getJsonObject(0);
        assertEquals("SUCCEEDED", session.getString("outcome"), session.toString());
        assertEquals(central + RECORDS, session.getJsonNumber("pulled").longValue(), "the change log and the queue");
        assertEquals(RECORDS, session.getJsonNumber("acknowledged").longValue());
        assertEquals(0, session.getJsonNumber("pushed").longValue());
        assertEquals("device-" + remoteName(), session.getString("hardwareId"));
        assertEquals("2.20.0", session.getString("appVersion"));
        // GET site, central_records until empty, then 3 pulls of 50 and 3 acknowledgements, and the empty pull
        assertTrue(session.getInt("requests") >= 8, session.toString());
        assertFalse(session.containsKey("errorCode") && !session.isNull("errorCode"), session.toString());

        syncCycle(remote, 50);
        JsonArray two = history(siteId);
        assertEquals(2, two.size(), "the next cycle is a session of its own, newest first");
        assertEquals(0, two.getJsonObject(0).getJsonNumber("acknowledged").longValue(), "nothing new to take");
        assertEquals(
                session.getJsonNumber("id").longValue(),
                two.getJsonObject(1).getJsonNumber("id").longValue());
    }

    @Test
    void refusedSignInsOfTheSiteAreInItsHistoryCountedUpNotOneLineEach() {
        RemoteSite oldPassword = remote.withPassword("an-old-password");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertEquals(401, oldPassword.get("site").statusCode());
        }
        JsonArray sessions = history(siteId);
        assertEquals(1, sessions.size(), "the same refusal again is counted, not added: " + sessions);
        JsonObject failed = sessions.getJsonObject(0);
        assertEquals("FAILED", failed.getString("outcome"));
        assertEquals("site_incorrect_password", failed.getString("errorCode"));
        assertEquals(3, failed.getInt("requests"));
        assertTrue(failed.getString("message").contains("password"), failed.toString());

        assertEquals(200, remote.get("site").statusCode());
        JsonObject next = history(siteId).getJsonObject(0);
        assertEquals("RUNNING", next.getString("outcome"), "the right password starts a new session");

        HttpResponse<String> stranger = remote.onDevice("another-device").get("site");
        assertEquals(401, stranger.statusCode());
        JsonObject refused = history(siteId).getJsonObject(0);
        assertEquals("FAILED", refused.getString("outcome"), "a refusal ends the running session as failed");
        assertEquals("site_incorrect_hardware_id", refused.getString("errorCode"));
        assertEquals(
                next.getJsonNumber("id").longValue(),
                refused.getJsonNumber("id").longValue());

        assertEquals(
                0,
                json(admin.call("GET", "/api/admin/sites/" + siteId + "/history?offset=5", null)
                                .body())
                        .getJsonArray("rows")
                        .size());
        assertEquals(
                404,
                admin.call("GET", "/api/admin/sites/987654321/history", null).statusCode());
    }

    // ------------------------------------------------------------------ pause and resume

    @Test
    void aPausedSiteIsRefusedWithItsOwnCodeAndLosesNothing() {
        assertEquals(200, remote.get("site").statusCode());
        HttpResponse<String> paused = admin.call("POST", "/api/admin/sites/" + siteId + "/pause", null);
        assertEquals(200, paused.statusCode(), paused.body());
        assertNotNull(json(paused.body()).getString("syncPausedAt"));
        assertEquals("admin", json(paused.body()).getString("syncPausedBy"));

        for (String request :
                List.of("site", "site_status", "queued_records?limit=10", "central_records?cursor=0&limit=10")) {
            HttpResponse<String> refused = remote.get(request);
            assertEquals(403, refused.statusCode(), request + ": " + refused.body());
            JsonObject error = json(refused.body()).getJsonObject("error");
            assertEquals("site_sync_paused", error.getString("code"));
            assertTrue(
                    error.getString("message").contains("paused")
                            && error.getString("message").contains("resume"),
                    error.getString("message"));
        }
        assertEquals(
                403, remote.post("acknowledged_records", "{\"syncIDs\":[]}").statusCode());
        assertEquals(RECORDS, queueLength(), "nothing queued for a paused site is lost");
        assertTrue(listed("PAUSED", remoteName()), "the list shows it among the paused sites");
        JsonObject last = history(siteId).getJsonObject(0);
        assertEquals("site_sync_paused", last.getString("errorCode"));
        assertTrue(admin.call("GET", "/api/admin/audit?limit=20", null).body().contains("SITE_SYNC_PAUSED"));

        assertEquals(
                200,
                admin.call("POST", "/api/admin/sites/" + siteId + "/resume", null)
                        .statusCode());
        assertFalse(listed("PAUSED", remoteName()));
        Set<String> received = new HashSet<>();
        int pulled = pullQueue(remote, 40, received);
        assertEquals(RECORDS, pulled, "after resuming, the device receives everything once");
        assertEquals(RECORDS, received.size());
        assertTrue(admin.call("GET", "/api/admin/audit?limit=20", null).body().contains("SITE_SYNC_RESUMED"));
    }

    @Test
    void theCentralSiteHasNoSyncToPause() {
        long central = json(admin.call("GET", "/api/admin/sites?limit=1", null).body())
                .getJsonArray("rows")
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        HttpResponse<String> refused = admin.call("POST", "/api/admin/sites/" + central + "/pause", null);
        assertEquals(400, refused.statusCode(), refused.body());
    }

    // ------------------------------------------------------------------ re-initialise, queue, retry

    @Test
    void aReinitialisedSiteStartsOverAndItsNewDeviceReceivesEverythingOnce() {
        assertEquals(200, remote.get("site").statusCode());
        JsonObject firstBatch = json(remote.get("queued_records?limit=50").body());
        var ids = Json.createArrayBuilder();
        firstBatch.getJsonArray("data").forEach(r -> ids.add(r.asJsonObject().getString("syncOutId")));
        assertEquals(
                204,
                remote.post("acknowledged_records", "{\"syncIDs\":" + ids.build() + "}")
                        .statusCode());
        assertEquals(RECORDS - 50, queueLength(), "the old device took 50 records");

        JsonArray queue = json("{\"q\":"
                        + admin.call("GET", "/api/admin/sites/" + siteId + "/queue", null)
                                .body() + "}")
                .getJsonArray("q");
        assertEquals(
                RECORDS - 50,
                queue.stream()
                        .mapToLong(
                                g -> g.asJsonObject().getJsonNumber("entries").longValue())
                        .sum(),
                "what waits, counted per table: " + queue);
        assertEquals(
                queue.getJsonObject(0).getString("storeCode"),
                queue.getJsonObject(queue.size() - 1).getString("storeCode"),
                "all of the site's one store");
        assertTrue(
                queue.getJsonObject(0).getJsonNumber("entries").longValue()
                        >= queue.getJsonObject(queue.size() - 1)
                                .getJsonNumber("entries")
                                .longValue(),
                "the largest first");
        assertNotNull(queue.getJsonObject(0).getString("oldestQueuedAt"));
        assertNotNull(queue.getJsonObject(0).getString("tableName"));

        HttpResponse<String> reinitialised = admin.call("POST", "/api/admin/sites/" + siteId + "/reinitialise", null);
        assertEquals(200, reinitialised.statusCode(), reinitialised.body());
        JsonObject site = json(reinitialised.body());
        assertTrue(!site.containsKey("hardwareId") || site.isNull("hardwareId"), "the old device is let go: " + site);
        awaitQueued(RECORDS);
        assertEquals(RECORDS, queueLength(), "every record of its store waits again, once");
        assertTrue(admin.call("GET", "/api/admin/audit?limit=20", null).body().contains("SITE_REINITIALISED"));

        RemoteSite replacement = remote.onDevice("the-new-device");
        JsonObject info = json(replacement.get("site").body());
        assertEquals("new", info.getString("initialisationStatus"), "the new device initialises");
        Set<String> received = new HashSet<>();
        assertEquals(RECORDS, pullQueue(replacement, 40, received));
        assertEquals(RECORDS, received.size(), "everything once");
        assertEquals(401, remote.get("site").statusCode(), "the old device is refused");
    }

    @Test
    void aFailedResyncIsRetriedAndOnlyAFailedOne() {
        long job = data.count("SELECT MAX(id) FROM resync_job WHERE site_id = ?", siteId);
        assertEquals(
                400,
                admin.call("POST", "/api/admin/sites/" + siteId + "/resyncs/" + job + "/retry", null)
                        .statusCode(),
                "a completed resync is not retried");
        data.update("UPDATE resync_job SET state = 'FAILED' WHERE id = ?", job);
        data.update(
                "DELETE FROM sync_out WHERE site_id = ? AND id IN (SELECT MIN(id) FROM sync_out WHERE site_id = ?)",
                siteId,
                siteId);
        data.update("UPDATE site SET queue_length = queue_length - 1 WHERE id = ?", siteId);

        HttpResponse<String> retried =
                admin.call("POST", "/api/admin/sites/" + siteId + "/resyncs/" + job + "/retry", null);
        assertEquals(200, retried.statusCode(), retried.body());
        assertTrue(json(retried.body()).getJsonNumber("jobId").longValue() > job, "a new job");
        awaitQueued(RECORDS);
        assertEquals(RECORDS, queueLength(), "what the failed job missed is queued, the rest is not queued twice");
        assertEquals(
                404,
                admin.call("POST", "/api/admin/sites/" + siteId + "/resyncs/987654321/retry", null)
                        .statusCode());
    }

    // ------------------------------------------------------------------ the dashboard and the list's states

    @Test
    void theDashboardCountsRemoteSitesByStateAndTheListFiltersOnEach() {
        String prefix = TestData.unique("St");
        long synced = site(prefix + "-synced", Duration.ofHours(2));
        long overdue = site(prefix + "-overdue", Duration.ofHours(30));
        long critical = site(prefix + "-critical", Duration.ofDays(3650));
        long never = site(prefix + "-never", null);
        data.blocked(never);
        JsonObject before = json(admin.call("GET", "/api/admin/network", null).body());
        // the sites of this test are counted in "before" already: compare with the list, filtered on the prefix
        assertEquals(List.of(synced), listedIds("SYNCED", prefix));
        assertEquals(List.of(overdue), listedIds("OVERDUE", prefix));
        assertEquals(List.of(critical), listedIds("CRITICAL", prefix));
        assertEquals(List.of(never), listedIds("NEVER_SYNCED", prefix));
        assertEquals(List.of(never), listedIds("BLOCKED", prefix));
        assertEquals(List.of(), listedIds("PAUSED", prefix));
        assertEquals(
                400, admin.call("GET", "/api/admin/sites?state=SOMETIMES", null).statusCode());
        assertEquals(
                List.of(never, critical, overdue, synced),
                listedIds("/api/admin/sites?sort=LAST_SYNC&filter=" + prefix),
                "sorted by last sync: never, then the longest ago first");
        assertEquals(
                List.of(synced, overdue, critical, never),
                listedIds("/api/admin/sites?sort=last_sync&descending=true" + "&filter=" + prefix));
        assertEquals(
                400, admin.call("GET", "/api/admin/sites?sort=COLOUR", null).statusCode());
        HttpResponse<String> csv = admin.get("/api/admin/sites/export.csv?state=OVERDUE&filter=" + prefix, "text/csv");
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(2, lines.length, "the header and the one overdue site: " + csv.body());
        assertTrue(lines[0].startsWith("id,code,name,type,stores,store_codes,state,"), lines[0]);
        assertTrue(
                lines[1].startsWith(overdue + ",,")
                        && lines[1].contains(prefix + "-overdue,")
                        && lines[1].contains(",OVERDUE,"),
                lines[1]);
        assertEquals(
                5,
                admin.get("/api/admin/sites/export.csv?filter=" + prefix, "text/csv")
                        .body()
                        .split("\r\n")
                        .length,
                "every site the list shows");

        JsonObject counts = before.getJsonObject("counts");
        long remoteSites = before.getJsonNumber("sites").longValue();
        long ages = 0;
        for (String age : List.of("SYNCED", "OVERDUE", "CRITICAL", "NEVER_SYNCED")) {
            ages += counts.getJsonNumber(age).longValue();
            assertEquals(total(age), counts.getJsonNumber(age).longValue(), "the count is the filtered list's: " + age);
        }
        assertEquals(remoteSites, ages, "every remote site is in exactly one age state");
        assertEquals(total("BLOCKED"), counts.getJsonNumber("BLOCKED").longValue());
        JsonArray mostOverdue = before.getJsonArray("mostOverdue");
        assertFalse(mostOverdue.isEmpty());
        assertTrue(
                mostOverdue.getJsonObject(0).getString("lastSuccessfulSyncAt").compareTo("2017") < 0
                        || mostOverdue.stream()
                                .anyMatch(s ->
                                        s.asJsonObject().getJsonNumber("id").longValue() == critical),
                "the site last synced ten years ago is among the most overdue: " + mostOverdue);
        assertEquals(7 * 24, before.getJsonArray("hours").size(), "an hour by hour chart of 7 days");

        JsonObject settings =
                json(admin.call("GET", "/api/admin/network/settings", null).body());
        try {
            HttpResponse<String> changed = admin.call(
                    "PUT",
                    "/api/admin/network/settings",
                    "{\"warningHours\":48," + "\"criticalHours\":96,\"historyDays\":30,\"version\":"
                            + settings.getJsonNumber("version") + "}");
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals(
                    List.of(synced, overdue),
                    listedIds("SYNCED", prefix).stream().sorted().toList(),
                    "30 hours is no longer overdue when the threshold is 48");
            HttpResponse<String> stale = admin.call(
                    "PUT",
                    "/api/admin/network/settings",
                    "{\"warningHours\":12," + "\"criticalHours\":24,\"historyDays\":30,\"version\":"
                            + settings.getJsonNumber("version") + "}");
            assertEquals(
                    409, stale.statusCode(), "a change made on what someone else changed meanwhile: " + stale.body());
            HttpResponse<String> wrong = admin.call(
                    "PUT",
                    "/api/admin/network/settings",
                    "{\"warningHours\":48," + "\"criticalHours\":24,\"historyDays\":30,\"version\":"
                            + json(changed.body()).getJsonNumber("version") + "}");
            assertEquals(400, wrong.statusCode(), wrong.body());
            assertTrue(wrong.body().contains("criticalHours"), wrong.body());
        } finally {
            JsonObject now =
                    json(admin.call("GET", "/api/admin/network/settings", null).body());
            admin.call(
                    "PUT",
                    "/api/admin/network/settings",
                    "{\"warningHours\":24,\"criticalHours\":72,\"historyDays\":90," + "\"version\":"
                            + now.getJsonNumber("version") + "}");
        }
    }

    // ------------------------------------------------------------------ the lowest app version accepted

    /**
     * An editor sets the lowest version of an app the network accepts: a device of that app (any case of its name)
     * running an older version is refused with 409 api_version_incompatible, told which version it needs, and shown
     * on the dashboard; a newer one (suffix ignored) and other apps sync on; each change is audited; a viewer may
     * read but not set it.
     */
    @Test
    void aDeviceRunningAnAppOlderThanTheNetworkAcceptsIsRefusedToldWhichVersionAndShownOnTheDashboard() {
        String app = TestData.unique("Field App");
        String path = "/api/admin/network/minimum-app-versions/" + app.replace(" ", "%20");
        RemoteSite old = remote.asApp(app).runningAppVersion("2.12.3");
        assertEquals(200, old.get("site").statusCode(), "every version is accepted before");

        HttpResponse<String> set = admin.call("PUT", path, "{\"version\":\" 2.13 \"}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("2.13", json(set.body()).getString("version"));
        HttpResponse<String> refused = old.get("site");
        assertEquals(409, refused.statusCode(), refused.body());
        JsonObject error = json(refused.body()).getJsonObject("error");
        assertEquals("api_version_incompatible", error.getString("code"));
        assertTrue(
                error.getString("message").contains("2.13")
                        && error.getString("message").contains("2.12.3"),
                error.getString("message"));
        assertEquals("2.13", error.getJsonObject("data").getString("minAppVersion"));
        assertEquals(
                1,
                json(admin.call("GET", "/api/admin/network", null).body())
                        .getJsonArray("outdatedApps")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(o -> o.getString("appName").equals(app)
                                && o.getString("appVersion").equals("2.12.3"))
                        .mapToLong(o -> o.getJsonNumber("sites").longValue())
                        .sum(),
                "the dashboard lists the site's device");
        JsonObject session = history(siteId).getJsonObject(0);
        assertEquals("FAILED", session.getString("outcome"), session.toString());

        assertEquals(
                200,
                remote.asApp(app.toLowerCase())
                        .runningAppVersion("2.13.0-RC2")
                        .get("site")
                        .statusCode(),
                "as new as the lowest, its suffix ignored");
        assertEquals(200, remote.runningAppVersion("1.0.0").get("site").statusCode(), "another app");
        assertEquals(400, admin.call("PUT", path, "{\"version\":\"two\"}").statusCode(), "not a version");
        String viewerName = TestData.unique("appviewer");
        admin.createUser(viewerName, "App viewer", "viewer-password-1", false);
        AdminApi viewer = AdminApi.as(viewerName, "viewer-password-1");
        assertEquals(
                200,
                viewer.call("GET", "/api/admin/network/minimum-app-versions", null)
                        .statusCode());
        assertEquals(403, viewer.call("DELETE", path, null).statusCode());

        assertEquals(204, admin.call("DELETE", path, null).statusCode());
        assertEquals(404, admin.call("DELETE", path, null).statusCode(), "none is set any more");
        assertEquals(200, old.get("site").statusCode(), "every version is accepted again");
        assertEquals(
                2,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action IN ('MINIMUM_APP_VERSION_SET', "
                                + "'MINIMUM_APP_VERSION_REMOVED') AND entity_label = ?",
                        app));
    }

    // ------------------------------------------------------------------ helpers

    private long site(String name, Duration lastSyncAgo) {
        long id = AdminApi.id(admin.call(
                        "POST",
                        "/api/admin/sites",
                        "{\"settings\":{\"code\":\"\",\"name\":\"" + name
                                + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                                + PASSWORD + "\"}")
                .body());
        if (lastSyncAgo != null) {
            data.update(
                    "UPDATE site SET last_successful_sync_at = ? WHERE id = ?",
                    Timestamp.from(Instant.now().minus(lastSyncAgo)),
                    id);
        }
        return id;
    }

    private List<Long> listedIds(String state, String filter) {
        JsonObject page = json(admin.call("GET", "/api/admin/sites?state=" + state + "&filter=" + filter, null)
                .body());
        List<Long> ids = new ArrayList<>();
        page.getJsonArray("rows")
                .forEach(row -> ids.add(row.asJsonObject().getJsonNumber("id").longValue()));
        return ids;
    }

    private List<Long> listedIds(String address) {
        List<Long> ids = new ArrayList<>();
        json(admin.call("GET", address, null).body())
                .getJsonArray("rows")
                .forEach(row -> ids.add(row.asJsonObject().getJsonNumber("id").longValue()));
        return ids;
    }

    private long total(String state) {
        return json(admin.call("GET", "/api/admin/sites?limit=1&state=" + state, null)
                        .body())
                .getJsonNumber("matching")
                .longValue();
    }

    private boolean listed(String state, String name) {
        return admin.call("GET", "/api/admin/sites?state=" + state + "&filter=" + name, null)
                .body()
                .contains(name);
    }

    private String remoteName() {
        return json(admin.call("GET", "/api/admin/sites/" + siteId, null).body())
                .getJsonObject("settings")
                .getString("name");
    }

    private JsonArray history(long site) {
        HttpResponse<String> page = admin.call("GET", "/api/admin/sites/" + site + "/history", null);
        assertEquals(200, page.statusCode(), page.body());
        return json(page.body()).getJsonArray("rows");
    }

    private long queueLength() {
        return json(admin.call("GET", "/api/admin/sites/" + siteId, null).body())
                .getJsonNumber("queueLength")
                .longValue();
    }

    private void awaitQueued(long records) {
        Eventually.await(
                "the store's data to be queued for the site",
                Duration.ofSeconds(60),
                this::queueLength,
                length -> length >= records);
    }

    /** One sync cycle as open-mSupply runs it: site, the change log, then the queue. @return central records pulled */
    private static int syncCycle(RemoteSite remote, int batch) {
        assertEquals(200, remote.get("site").statusCode());
        int central = 0;
        long cursor = 0;
        while (true) {
            JsonArray records = json(remote.get("central_records?cursor=" + cursor + "&limit=5000")
                            .body())
                    .getJsonArray("data");
            if (records.isEmpty()) {
                break;
            }
            central += records.size();
            cursor = records.getJsonObject(records.size() - 1)
                    .getJsonNumber("ID")
                    .longValue();
        }
        pullQueue(remote, batch, new HashSet<>());
        return central;
    }

    /** Pulls and acknowledges the site's queue until it is empty. @return how many entries */
    private static int pullQueue(RemoteSite remote, int batch, Set<String> recordIds) {
        int pulled = 0;
        while (true) {
            HttpResponse<String> answer = remote.get("queued_records?limit=" + batch);
            assertEquals(200, answer.statusCode(), answer.body());
            JsonArray records = json(answer.body()).getJsonArray("data");
            if (records.isEmpty()) {
                return pulled;
            }
            var ids = Json.createArrayBuilder();
            for (JsonValue record : records) {
                ids.add(record.asJsonObject().getString("syncOutId"));
                recordIds.add(record.asJsonObject().getString("recordId"));
            }
            pulled += records.size();
            assertEquals(
                    204,
                    remote.post("acknowledged_records", "{\"syncIDs\":" + ids.build() + "}")
                            .statusCode());
        }
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
