package org.syncsites.it.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/** What the sync must never do, tried over HTTP as remote sites and admins meet it. */
@ExtendWith(TestServer.class)
@Isolated("it signs 20 sites in at once, filling the password checks: nothing else may run meanwhile")
class SyncIntegrityIT {

    private static final String PASSWORD = "sync-password-1";

    private final AdminApi admin = AdminApi.asAdmin();
    private final TestData data = TestData.fromOutside();

    /** A site changes no central data: the record is set aside for an admin, the rest of its batch is taken. */
    @Test
    void aPushedRecordOfCentralDataIsSetAsideAndTheRestOfItsBatchIsTaken() {
        Site site = siteWithStore();
        site.remote.get("site");
        HttpResponse<String> taken = site.remote.post(
                "queued_records",
                "{\"queueLength\":2,\"data\":["
                        + pushed("1", "transact", "OK-" + site.name, site.storeCode) + ","
                        + pushed("2", "item", "ITEM-" + site.name, site.storeCode) + "]}");
        assertEquals(200, taken.statusCode(), taken.body());
        site.remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}");
        awaitIdle(site.remote);
        assertEquals(1, data.count("SELECT COUNT(*) FROM store_record WHERE record_id = ?", "OK-" + site.name));
        assertEquals(
                0,
                data.count("SELECT COUNT(*) FROM master_record WHERE record_id = ?", "ITEM-" + site.name),
                "no central data changed");
        JsonObject report = json(admin.call("GET", "/api/admin/sites/" + site.id + "/integration-failure", null)
                .body());
        JsonObject setAside = report.getJsonArray("records").getJsonObject(0);
        assertEquals("ITEM-" + site.name, setAside.getString("recordId"));
        assertTrue(setAside.getString("reason").contains("only the central server"), setAside.toString());
    }

    @Test
    void manyWrongPasswordsAtOnceBlockTheSiteOnceAndTheAuditTrailSaysSoOnce() {
        Site site = siteWithStore();
        assertEquals(200, site.remote.get("site").statusCode(), "its device is bound: its failures block the site");
        RemoteSite guesser = site.remote.withPassword("wrong-password");
        List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            guesses.add(CompletableFuture.supplyAsync(() -> guesser.get("site")));
        }
        // refused, or turned away before anything was counted (the node checks a bounded number at once)
        guesses.forEach(g -> assertTrue(
                g.join().statusCode() == 401 || g.join().statusCode() == 429,
                g.join().body()));
        for (int more = 0;
                more < 10 && data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", site.id) == 0;
                more++) {
            assertEquals(401, guesser.get("site").statusCode());
        }
        assertEquals(
                1,
                data.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'SITE_BLOCKED' AND entity_id = ?", site.id),
                "blocked once");
        assertEquals(1, data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", site.id));
    }

    /** A's pushed records wait for integration while the store moves to B (whose resync is already done). */
    @Test
    void recordsPushedBeforeAStoreMovedAreIntegratedAndQueuedForItsNewSiteOnly() {
        Site a = siteWithStore();
        a.remote.get("site");
        assertEquals(
                200,
                a.remote
                        .post(
                                "queued_records",
                                "{\"queueLength\":2,\"data\":["
                                        + pushed("1", "transact", "MOVED-1-" + a.name, a.storeCode) + ","
                                        + pushed("2", "transact", "MOVED-2-" + a.name, a.storeCode) + "]}")
                        .statusCode());
        long b = AdminApi.id(admin.call(
                        "POST",
                        "/api/admin/sites",
                        AdminApi.site(TestData.unique("B"), 5, "\"storesToAdd\":[" + a.storeId + "]"))
                .body());
        Eventually.await(
                "B's resync to complete",
                Duration.ofSeconds(60),
                () -> admin.call("GET", "/api/admin/sites/" + b + "/resyncs", null)
                        .body(),
                body -> body.contains("COMPLETED"));
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", a.id), "A keeps nothing of it");

        assertEquals(
                200,
                a.remote
                        .post("queued_records", "{\"queueLength\":0,\"data\":[]}")
                        .statusCode());
        awaitIdle(a.remote);
        assertEquals(
                2,
                data.count(
                        "SELECT COUNT(*) FROM store_record WHERE record_id LIKE ? AND store_id = ?",
                        "MOVED-%-" + a.name,
                        a.storeId),
                "integrated: A held the store when it entered them");
        assertEquals(
                2,
                data.count(
                        "SELECT COUNT(*) FROM sync_queue WHERE site_id = ? AND record_id LIKE ?",
                        b,
                        "MOVED-%-" + a.name),
                "queued for the store's new site");
        assertEquals(0, data.count("SELECT COUNT(*) FROM sync_queue WHERE site_id = ?", a.id), "never for A");
    }

    @Test
    void aRecordThatCannotBeIntegratedIsSetAsideReportedAndRetriedWhileTheOthersArrive() {
        Site site = siteWithStore();
        String poison = "POISON-" + site.name;
        data.update("ALTER TABLE store_record ADD CONSTRAINT test_poison CHECK (record_id <> '" + poison + "')");
        try {
            site.remote.get("site");
            site.remote.post(
                    "queued_records",
                    "{\"queueLength\":3,\"data\":["
                            + pushed("1", "transact", "GOOD-1-" + site.name, site.storeCode) + ","
                            + pushed("2", "transact", poison, site.storeCode) + ","
                            + pushed("3", "transact", "GOOD-2-" + site.name, site.storeCode) + "]}");
            site.remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}");
            // the site is told all is integrated (open-mSupply shows a 409 as an integration time-out and tries
            // again, which changes nothing): what was set aside is for an admin to see and mend
            awaitIdle(site.remote);
            assertEquals(
                    2,
                    data.count("SELECT COUNT(*) FROM store_record WHERE record_id LIKE ?", "GOOD-%-" + site.name),
                    "the others were integrated");

            JsonObject report = json(admin.call("GET", "/api/admin/sites/" + site.id + "/integration-failure", null)
                    .body());
            assertEquals(1, report.getJsonObject("failure").getInt("setAsideRecords"));
            JsonObject setAside = report.getJsonArray("records").getJsonObject(0);
            assertEquals(poison, setAside.getString("recordId"));
            assertTrue(setAside.getString("reason").toLowerCase().contains("test_poison"), setAside.toString());
            assertTrue(
                    admin.call("GET", "/api/admin/sites?filter=" + site.name, null)
                            .body()
                            .contains("\"integrationFailed\":true"),
                    "the site list shows it");
            site.remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}");
            awaitIdle(site.remote); // nothing new was set aside by that push
            assertTrue(
                    admin.call("GET", "/api/admin/sites?filter=" + site.name, null)
                            .body()
                            .contains("\"integrationFailed\":true"),
                    "admins still see the record set aside");
        } finally {
            data.update("ALTER TABLE store_record DROP CONSTRAINT test_poison");
        }
        HttpResponse<String> retried =
                admin.call("POST", "/api/admin/sites/" + site.id + "/integration-failure/retry", null);
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(1, json(retried.body()).getInt("retried"));
        Eventually.await(
                "the retried record to be integrated",
                Duration.ofSeconds(60),
                () -> data.count("SELECT COUNT(*) FROM store_record WHERE record_id = ?", poison),
                n -> n == 1);
        awaitIdle(site.remote);
        assertEquals(
                204,
                admin.call("GET", "/api/admin/sites/" + site.id + "/integration-failure", null)
                        .statusCode());
        assertEquals(
                1,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'PUSH_INTEGRATION_RETRIED' "
                                + "AND entity_id = ?",
                        site.id));
    }

    @Test
    void onlyTheSiteMarkedAsTheOpenMSupplyCentralIsToldItIsIt() {
        Site first = siteWithStore();
        Site second = siteWithStore();
        for (Site site : List.of(first, second)) {
            admin.call("PUT", "/api/admin/sites/" + site.id + "/oms-central", "false");
        }
        data.update("UPDATE site SET oms_central = FALSE");
        JsonObject told = json(first.remote.get("site").body());
        assertFalse(told.getBoolean("isOmSupplyCentralServer"), "no site is the open-mSupply central until marked");
        assertEquals("", told.getString("omSupplyCentralServerUrl"));

        HttpResponse<String> noUrl = admin.call("PUT", "/api/admin/sites/" + first.id + "/oms-central", "true");
        assertEquals(400, noUrl.statusCode(), "a site without a server URL cannot be it: " + noUrl.body());
        for (Site site : List.of(first, second)) {
            String details =
                    admin.call("GET", "/api/admin/sites/" + site.id, null).body();
            long version = json(details).getJsonNumber("version").longValue();
            admin.call(
                    "PUT",
                    "/api/admin/sites/" + site.id,
                    "{\"id\":" + site.id + ",\"expectedVersion\":" + version
                            + ",\"settings\":{\"code\":\"\",\"name\":\"" + site.name + "\",\"syncIntervalMinutes\":5,"
                            + "\"syncRequestSize\":500,\"serverUrl\":\"https://" + site.name.toLowerCase()
                            + ".example.org\"}}");
        }
        assertEquals(
                200,
                admin.call("PUT", "/api/admin/sites/" + first.id + "/oms-central", "true")
                        .statusCode());
        assertTrue(json(first.remote.get("site").body()).getBoolean("isOmSupplyCentralServer"));
        JsonObject other = json(second.remote.get("site").body());
        assertFalse(other.getBoolean("isOmSupplyCentralServer"));
        assertEquals(
                "https://" + first.name.toLowerCase() + ".example.org", other.getString("omSupplyCentralServerUrl"));

        assertEquals(
                200,
                admin.call("PUT", "/api/admin/sites/" + second.id + "/oms-central", "true")
                        .statusCode());
        assertFalse(json(first.remote.get("site").body()).getBoolean("isOmSupplyCentralServer"), "at most one");
        assertTrue(json(second.remote.get("site").body()).getBoolean("isOmSupplyCentralServer"));
        assertEquals(
                3,
                data.count(
                        "SELECT COUNT(*) FROM audit_entry WHERE action = 'OMS_CENTRAL_SET' AND entity_id IN "
                                + "(?, ?)",
                        first.id,
                        second.id),
                "marked, cleared, marked: audited");
        admin.call("PUT", "/api/admin/sites/" + second.id + "/oms-central", "false"); // leave no mark to other tests
    }

    // ------------------------------------------------------------------ helpers

    private record Site(long id, String name, long storeId, String storeCode, RemoteSite remote) {}

    private Site siteWithStore() {
        String storeCode = TestData.unique("IN");
        long storeId = admin.createStore(storeCode, "Integrity store");
        String name = TestData.unique("Integrity");
        long id = admin.createSite(name, PASSWORD, storeId);
        return new Site(id, name, storeId, storeCode, new RemoteSite(name, PASSWORD, "device-" + name));
    }

    private static void awaitIdle(RemoteSite remote) {
        Eventually.await(
                "site_status idle",
                Duration.ofSeconds(60),
                () -> remote.get("site_status").body(),
                body -> body.contains("\"idle\""));
    }

    private static String pushed(String syncOutId, String table, String recordId, String store) {
        return "{\"syncOutId\":\"" + syncOutId + "\",\"tableName\":\"" + table + "\",\"recordId\":\"" + recordId
                + "\",\"action\":\"Update\",\"recordData\":{\"ID\":\"" + recordId + "\",\"store_ID\":\"" + store
                + "\",\"total\":12.5}}";
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
