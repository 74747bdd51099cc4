package org.syncsites.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncsites.it.support.AdminApi.id;
import static org.syncsites.it.support.AdminApi.site;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/** The administration API from outside: same rules and permissions as the pages, errors a script can act on. */
@ExtendWith(TestServer.class)
class AdminApiIT {

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void anAdminCreatesAStoreWithDataAndASiteThatReceivesIt() {
        String code = TestData.unique("API");
        HttpResponse<String> store =
                admin.call("POST", "/api/admin/stores", "{\"code\":\"" + code + "\",\"name\":\"Api store\"}");
        assertEquals(201, store.statusCode(), store.body());
        long storeId = id(store.body());
        HttpResponse<String> generated = admin.call(
                "POST",
                "/demo/api/stores/" + storeId + "/generated-records",
                "{\"storeRecords\":300,\"storeSpecificCentralRecords\":2}");
        assertEquals(200, generated.statusCode(), generated.body());
        assertTrue(generated.body().contains("\"storeRecords\":300"), generated.body());

        HttpResponse<String> site = admin.call(
                "POST", "/api/admin/sites", site(TestData.unique("Api site"), 5, "\"storesToAdd\":[" + storeId + "]"));
        assertEquals(201, site.statusCode(), site.body());
        assertFalse(site.body().contains("api-password-1"), "the password never comes back");
        long siteId = id(site.body());
        long deadline = System.currentTimeMillis() + 60_000;
        String progress;
        do {
            progress = admin.call("GET", "/api/admin/sites/" + siteId + "/resyncs", null)
                    .body();
        } while (!progress.contains("\"state\":\"COMPLETED\"") && System.currentTimeMillis() < deadline);
        assertTrue(progress.contains("\"processed\":302"), progress);

        String listed = admin.call("GET", "/api/admin/stores?filter=" + code + "&limit=1", null)
                .body();
        assertTrue(
                listed.contains("\"matching\":1,") && listed.contains("\"code\":\"" + code + "\""),
                "a page of the store list, with how many match: " + listed);
    }

    /** The load test's network: generated sites, a store each, and data for every store, queued for its site. */
    @Test
    void theDemoGeneratorsMakeANetworkWhoseStoresDataIsQueuedForTheirSites() {
        String prefix = TestData.unique("Net").replace("-", "");
        String codes = prefix.substring(Math.max(0, prefix.length() - 12)) + "S";
        assertEquals(
                200,
                admin.call(
                                "POST",
                                "/demo/api/sites/generated",
                                "{\"prefix\":\"" + prefix + "\",\"count\":3,\"password\":\"net-password\"}")
                        .statusCode());
        assertEquals(
                200,
                admin.call(
                                "POST",
                                "/demo/api/stores/generated",
                                "{\"codePrefix\":\"" + codes + "\",\"count\":3,\"sitePrefix\":\"" + prefix
                                        + "\",\"siteCount\":3}")
                        .statusCode());
        HttpResponse<String> generated = admin.call(
                "POST", "/demo/api/stores/generated-records", "{\"codePrefix\":\"" + codes + "\",\"storeRecords\":20}");
        assertEquals(200, generated.statusCode(), generated.body());
        assertTrue(generated.body().contains("\"storeRecords\":60"), generated.body());
        TestData data = TestData.fromOutside();
        for (int n = 1; n <= 3; n++) {
            assertEquals(
                    20,
                    data.count(
                            "SELECT COUNT(*) FROM sync_queue q JOIN site s ON s.id = q.site_id "
                                    + "WHERE s.name_key = ?",
                            (prefix + "-" + n).toLowerCase()),
                    "site " + n + " has its store's 20");
        }
        HttpResponse<String> none = admin.call(
                "POST", "/demo/api/stores/generated-records", "{\"codePrefix\":\"NO-SUCH-STORE\",\"storeRecords\":20}");
        assertTrue(none.statusCode() >= 400 && none.statusCode() < 500, none.statusCode() + " " + none.body());
    }

    /**
     * The store list's filter matches a store's code, its name or its site's name, whether few sites match (they are
     * looked up first) or more than a thousand (matched inside the query); on PostgreSQL from trigram indexes.
     */
    @Test
    void theStoreFilterFindsStoresByCodeNameOrSiteNameHoweverManySitesMatch() {
        String sites = TestData.unique("Flt").replace("-", "");
        String codes = "QS" + System.nanoTime() % 1_000_000_000; // nothing of the sites' names
        assertEquals(
                200,
                admin.call(
                                "POST",
                                "/demo/api/sites/generated",
                                "{\"prefix\":\"" + sites + "\",\"count\":1001,\"password\":\"filter-password\"}")
                        .statusCode());
        assertEquals(
                200,
                admin.call(
                                "POST",
                                "/demo/api/stores/generated",
                                "{\"codePrefix\":\"" + codes + "\",\"count\":1001,\"sitePrefix\":\"" + sites
                                        + "\",\"siteCount\":1001}")
                        .statusCode());

        assertTrue(storeList(sites).contains("\"matching\":1001,"), "by the names of 1,001 sites");
        String seventies = storeList(sites + "-7");
        assertTrue(seventies.contains("\"matching\":111,"), "sites -7, -70..-79, -700..-799: " + seventies);
        assertTrue(seventies.contains("\"siteName\":\"" + sites + "-7\""), seventies);
        String one = storeList(codes + "1000");
        assertTrue(
                one.contains("\"matching\":1,") && one.contains("\"code\":\"" + codes + "1000\""), "by code: " + one);
        assertTrue(
                storeList("store " + codes.toLowerCase() + "99").contains("\"matching\":11,"),
                "by name, ignoring case: " + codes + "99 and " + codes + "990 .. 999");
        String most = admin.call("GET", "/api/admin/stores?limit=5000&filter=" + codes, null)
                .body();
        assertEquals(
                1000, most.split("\"code\":\"" + codes, -1).length - 1, "at most 1,000 per page: " + most.length());
        String least = admin.call("GET", "/api/admin/stores?offset=-3&limit=0&filter=" + codes, null)
                .body();
        assertEquals(1, least.split("\"code\":\"" + codes, -1).length - 1, "at least 1, from the first: " + least);
        HttpResponse<String> pastTheEnd =
                admin.call("GET", "/api/admin/stores?offset=2000&limit=5&filter=" + codes, null);
        assertTrue(
                pastTheEnd.body().contains("\"rows\":[]") && pastTheEnd.body().contains("\"matching\":1001,"),
                "a page past the end still says how many match: " + pastTheEnd.body());
        long stores = TestData.fromOutside().count("SELECT COUNT(*) FROM store");
        assertTrue(
                storeList(codes).contains("\"total\":" + stores),
                "the kept count of all stores is " + stores + ", as counted: " + storeList(codes));
        assertTrue(storeList("").contains("\"matching\":" + stores + ","), "no filter: every store matches");
        if (System.getProperty("syncsites.it.db.url").startsWith("jdbc:postgresql:")) {
            assertEquals(
                    3,
                    TestData.fromOutside()
                            .count("SELECT COUNT(*) FROM pg_indexes WHERE indexname IN "
                                    + "('store_code_contains', 'store_name_contains', 'site_name_contains')"),
                    "trigram indexes");
        }
    }

    @Test
    void percentAndUnderscoreInAFilterAreLookedForAsWrittenNotAsWildcards() {
        String base = TestData.unique("Wild").replace("-", "");
        admin.createStore(base + "_1", "Underscore store");
        admin.createStore(base + "X1", "Letter store");
        admin.createStore(base + "P", "Half 50% off");
        admin.createStore(base + "Q", "Half 50 off");
        String underscore = storeList(base + "_1");
        assertTrue(
                underscore.contains("\"matching\":1,") && underscore.contains(base + "_1"),
                "_ is an underscore, not any character: " + underscore);
        String percent = storeList("50% off");
        assertTrue(
                percent.contains("Half 50% off") && !percent.contains("Half 50 off"),
                "% is a percent sign, not any text: " + percent);
        String site = base + "_site";
        assertEquals(
                201,
                admin.call("POST", "/api/admin/sites", AdminApi.site(site, 5, null))
                        .statusCode());
        assertEquals(
                201,
                admin.call("POST", "/api/admin/sites", AdminApi.site(base + "Xsite", 5, null))
                        .statusCode());
        String sites = admin.call(
                        "GET",
                        "/api/admin/sites?filter=" + URLEncoder.encode(base + "_s", StandardCharsets.UTF_8),
                        null)
                .body();
        assertTrue(sites.contains("\"matching\":1,") && sites.contains(site), "the site list too: " + sites);
    }

    private String storeList(String filter) {
        HttpResponse<String> listed = admin.call(
                "GET", "/api/admin/stores?limit=5&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8), null);
        assertEquals(200, listed.statusCode(), listed.body());
        return listed.body();
    }

    @Test
    void badValuesAreAnsweredWithTheProblemsAndAStaleVersionWithAConflict() {
        String name = TestData.unique("Api edit");
        long siteId =
                id(admin.call("POST", "/api/admin/sites", site(name, 5, null)).body());
        HttpResponse<String> bad = admin.call(
                "PUT",
                "/api/admin/sites/" + siteId,
                "{\"expectedVersion\":0,\"settings\":{\"name\":\"\",\"syncIntervalMinutes\":0,\"syncRequestSize\":500,"
                        + "\"serverUrl\":\"nonsense\"}}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"code\":\"rule_violation\""), bad.body());
        assertTrue(bad.body().contains("\"field\":\"syncIntervalMinutes\""), bad.body());
        assertFalse(bad.body().contains("Exception"), "no stack trace or exception names: " + bad.body());

        assertEquals(
                200,
                admin.call("PUT", "/api/admin/sites/" + siteId, site(name + " renamed", 10, "\"expectedVersion\":0"))
                        .statusCode());
        HttpResponse<String> stale =
                admin.call("PUT", "/api/admin/sites/" + siteId, site(name + " again", 15, "\"expectedVersion\":0"));
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("Somebody else saved"), stale.body());
    }

    @Test
    void aViewerIsRefusedWithAMessageSayingWhichPermissionIsNeeded() {
        String viewer = TestData.unique("apiviewer").toLowerCase();
        admin.createUser(viewer, "", "viewer-password", false);
        AdminApi asViewer = AdminApi.as(viewer, "viewer-password");
        assertEquals(200, asViewer.call("GET", "/api/admin/sites", null).statusCode());
        HttpResponse<String> refused = asViewer.call("POST", "/api/admin/sites", site(TestData.unique("No"), 5, null));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Edit sync settings"), refused.body());
    }

    @Test
    void deletingASiteWithStoresSaysWhatToDo() {
        String code = TestData.unique("DEL");
        long storeId = admin.createStore(code, "Del");
        long siteId = id(admin.call(
                        "POST",
                        "/api/admin/sites",
                        site(TestData.unique("Api delete"), 5, "\"storesToAdd\":[" + storeId + "]"))
                .body());
        HttpResponse<String> refused = admin.call("DELETE", "/api/admin/sites/" + siteId, null);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Remove it first"), refused.body());
    }

    @Test
    void aPagingParameterThatIsNoNumberIsAnsweredWithWhichOneAndWhy() {
        for (String path : new String[] {
            "/api/admin/sites?limit=ten",
            "/api/admin/sites?offset=1.5",
            "/api/admin/stores?limit=ten",
            "/api/admin/audit?limit=many",
            "/api/admin/sites/1/history?offset=x"
        }) {
            HttpResponse<String> refused = admin.call("GET", path, null);
            String parameter = path.substring(path.indexOf('?') + 1, path.indexOf('='));
            assertEquals(400, refused.statusCode(), path + ": " + refused.body());
            assertTrue(refused.body().contains("\"field\":\"" + parameter + "\""), path + ": " + refused.body());
            assertTrue(refused.body().contains("whole number"), path + ": " + refused.body());
        }
        assertEquals(
                200,
                admin.call("GET", "/api/admin/sites?limit=&offset=", null).statusCode(),
                "empty values are the defaults");
    }
}
