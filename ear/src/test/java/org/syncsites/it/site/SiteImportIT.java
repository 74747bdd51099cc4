package org.syncsites.it.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Sites and stores created and updated from CSV files (issue 14, item 5), through the API as a script sends it: a preview
 * that changes nothing, every line applied in one transaction or none, generated passwords given out once and
 * good for a device's sign-in, an export that imports back unchanged.
 */
@ExtendWith(TestServer.class)
class SiteImportIT {

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void aPreviewSaysWhatEachLineWouldDoAndChangesNothing() {
        String existing = TestData.unique("Kept site");
        assertEquals(
                201,
                admin.call("POST", "/api/admin/sites", AdminApi.site(existing, 5, null))
                        .statusCode());
        String same = TestData.unique("Same site");
        assertEquals(
                201,
                admin.call("POST", "/api/admin/sites", AdminApi.site(same, 5, null))
                        .statusCode());
        String store = TestData.unique("IMP");
        admin.createStore(store, "Import store");
        String fresh = TestData.unique("New site");

        JsonObject plan = json(importing(
                "name,sync_interval_minutes,store_codes,password\r\n"
                        + fresh + ",10," + store + ",\r\n"
                        + existing + ",15,,\r\n"
                        + same + ",5,,\r\n",
                false));
        assertEquals(1, plan.getInt("creates"), plan.toString());
        assertEquals(1, plan.getInt("updates"));
        assertEquals(1, plan.getInt("unchanged"));
        assertEquals(0, plan.getInt("errors"));
        JsonArray lines = plan.getJsonArray("lines");
        assertEquals("CREATE", lines.getJsonObject(0).getString("action"));
        assertEquals(2, lines.getJsonObject(0).getInt("line"), "lines are numbered as in the file, header first");
        assertTrue(lines.getJsonObject(0).getJsonArray("changes").toString().contains(store), lines.toString());
        assertTrue(
                lines.getJsonObject(1)
                        .getJsonArray("changes")
                        .toString()
                        .contains("syncIntervalMinutes: '5' becomes '15'"),
                lines.toString());
        assertFalse(
                admin.call("GET", "/api/admin/sites?filter=" + fresh.replace(" ", "%20"), null)
                        .body()
                        .contains(fresh),
                "a preview creates nothing");
    }

    @Test
    void aFileWithAWrongLineIsRefusedWholeWithEveryLinesProblemAndNothingChanges() {
        String good = TestData.unique("Good line");
        String csv = "name,store_codes,password,sync_interval_minutes\n"
                + good + ",,good-password-1,5\n"
                + TestData.unique("Bad store") + ",NO-SUCH-STORE,,5\n"
                + TestData.unique("Bad number") + ",,,often\n"
                + TestData.unique("Bad password") + ",,short,5\n"
                + good + ",,,5\n";
        JsonObject plan = json(importing(csv, false));
        assertEquals(4, plan.getInt("errors"), plan.toString());
        String lines = plan.getJsonArray("lines").toString();
        assertTrue(
                lines.contains("NO-SUCH-STORE") && lines.contains("often") && lines.contains("more than one line"),
                lines);

        HttpResponse<String> refused = importing(csv, true);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(
                refused.body().contains("\"field\":\"line 3\"")
                        && refused.body().contains("\"field\":\"line 6\""),
                refused.body());
        assertFalse(
                admin.call("GET", "/api/admin/sites?filter=" + good.replace(" ", "%20"), null)
                        .body()
                        .contains(good),
                "nothing of the file was applied");

        HttpResponse<String> noHeader = importing("just,some,words\nmore,words,here\n", false);
        assertEquals(400, noHeader.statusCode());
        assertTrue(noHeader.body().contains("first line"), noHeader.body());
    }

    @Test
    void appliedSitesAreCreatedWithTheirStoresAndAGeneratedPasswordThatSignsADeviceIn() {
        String store = TestData.unique("IMQ");
        admin.createStore(store, "Applied store");
        String generated = TestData.unique("Generated");
        String given = TestData.unique("Given");
        HttpResponse<String> applied = importing(
                "name;code;store_codes;password\n"
                        + generated + ";GEN1;" + store + ";\n"
                        + given + ";;;given-password-1\n",
                true);
        assertEquals(200, applied.statusCode(), applied.body());
        JsonObject result = json(applied);
        assertEquals(2, result.getJsonObject("plan").getInt("creates"), result.toString());
        JsonObject passwords = result.getJsonObject("generatedPasswords");
        assertEquals(1, passwords.size(), "only the site without a password gets one: " + passwords);
        String password = passwords.getString(generated);

        assertEquals(
                200,
                new RemoteSite(generated, password, "device-" + generated)
                        .get("site")
                        .statusCode(),
                "a device signs in with the generated password");
        assertEquals(
                200,
                new RemoteSite(given, "given-password-1", "device-" + given)
                        .get("site")
                        .statusCode());
        String site = admin.call("GET", "/api/admin/sites?filter=" + generated.replace(" ", "%20"), null)
                .body();
        assertTrue(site.contains("\"code\":\"GEN1\""), site);
        long id = AdminApi.id(site.substring(site.indexOf("\"rows\"")));
        assertTrue(admin.call("GET", "/api/admin/sites/" + id, null).body().contains(store), "the store moved to it");
        String audit = admin.call("GET", "/api/admin/audit?limit=200", null).body();
        assertTrue(audit.contains(generated) && audit.contains("SITE_CREATED"), "audited as in the site window");
        assertFalse(
                admin.call("GET", "/api/admin/sites/" + id, null).body().contains(password),
                "the password is given out once, in the import's answer only");

        String sites = admin.get("/api/admin/sites/export.csv?filter=" + generated.replace(" ", "%20"), "text/csv")
                .body();
        assertTrue(sites.startsWith("id,code,name,type,stores,store_codes,"), sites);
        assertTrue(
                sites.contains("," + generated + ",") && sites.contains("," + store + ","),
                "the export names the site's stores, as the import reads them: " + sites);
        String stores = admin.get("/api/admin/stores/export.csv?filter=" + store, "text/csv")
                .body();
        assertTrue(
                stores.startsWith(
                        "id,code,name,site,on_central_site,records,mode,disabled,legacy_id,legacy_name_id\r\n"),
                stores);
        assertTrue(stores.contains("," + store + ",Applied store," + generated + ",false,"), stores);
    }

    @Test
    void importedPasswordsAreStoredQuicklyAndBecomeBcryptAtTheSitesFirstSignIn() {
        String first = TestData.unique("Quick");
        String second = TestData.unique("Quick");
        HttpResponse<String> applied =
                importing("name,password\n" + first + ",first-password-1\n" + second + ",second-password-1\n", true);
        assertEquals(200, applied.statusCode(), applied.body());
        assertTrue(
                admin.call("GET", "/api/admin/audit?action=SITE_CREATED&entity=" + first, null)
                        .body()
                        .contains("\"source\":\"import\""),
                "the audit trail says the site came from a file import");
        TestData database = TestData.fromOutside();
        String sql = "SELECT password_hash FROM site WHERE name = ?";
        String quick = (String) database.rows(sql, first).get(0)[0];
        assertTrue(quick.startsWith("$keyed$"), "an imported password waits for the site's sign-in: " + quick);
        assertFalse(quick.contains(RemoteSite.sha256Hex("first-password-1")), quick);

        RemoteSite site = new RemoteSite(first, "first-password-1", "device-" + first);
        HttpResponse<String> wrong = site.withPassword("first-password-2").get("site");
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertTrue(wrong.body().contains("site_incorrect_password"), wrong.body());
        // no device bound yet: counted as the device's failure (it waits after five), as against bcrypt
        assertEquals(
                1,
                ((Number) database.rows(
                                        "SELECT g.failures FROM site_device_sign_in_guard g JOIN site s ON "
                                                + "s.id = g.site_id WHERE s.name = ? AND g.hardware_id = ?",
                                        first,
                                        "device-" + first)
                                .get(0)[0])
                        .intValue(),
                "a wrong password counts as against bcrypt");
        assertEquals(quick, database.rows(sql, first).get(0)[0], "a wrong password leaves the hash as it is");

        assertEquals(200, site.get("site").statusCode(), "the imported password signs the device in");
        String after = (String) database.rows(sql, first).get(0)[0];
        assertTrue(after.startsWith("$2a$10$"), "the first sign-in stored bcrypt: " + after);
        assertEquals(200, site.get("site").statusCode(), "and signs it in again");
        assertEquals(401, site.withPassword("first-password-2").get("site").statusCode());

        assertEquals(
                200,
                new RemoteSite(second, "second-password-1", "device-" + second)
                        .get("site")
                        .statusCode(),
                "each site's quick hash is its own");
    }

    @Test
    void aPasswordImportedUnderAnotherServersKeyIsNotedAsUncheckableAndAnsweredAsAnUnknownName() {
        String name = TestData.unique("Other key");
        assertEquals(
                200,
                importing("name,password\n" + name + ",other-key-password-1\n", true)
                        .statusCode());
        TestData database = TestData.fromOutside();
        // as another cluster node with a sign-in key of its own would have stored it
        database.update(
                "UPDATE site SET password_hash = ? WHERE name = ?",
                "$keyed$0123456789abcdef$00112233445566778899aabbccddeeff$" + "0".repeat(64),
                name);

        HttpResponse<String> refused = new RemoteSite(name, "other-key-password-1", "device-" + name).get("site");
        HttpResponse<String> unknown =
                new RemoteSite("No such " + name, "other-key-password-1", "device-" + name).get("site");
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals(unknown.body(), refused.body(), "nothing tells a stranger that the site exists");
        assertTrue(
                new RemoteSite(name, "any-password-1", "device-" + name)
                        .get("check_connection")
                        .body()
                        .contains("\"credentials\":\"rejected\""),
                "nor does a connection check");
        assertEquals(
                0,
                ((Number) database.rows("SELECT failed_login_count FROM site WHERE name = ?", name)
                                .get(0)[0])
                        .intValue(),
                "not counted as a wrong password: the site is not blocked for it");
        List<Object[]> noted = database.rows(
                "SELECT h.error_code, h.message FROM sync_session h JOIN site s "
                        + "ON s.id = h.site_id WHERE s.name = ?",
                name);
        assertEquals(1, noted.size(), "the site's sync history");
        assertEquals("password_not_checkable_here", noted.get(0)[0], "the administrators learn why");
    }

    @Test
    void anExportImportsBackUnchangedAndOnlyEditorsImport() {
        HttpResponse<String> export = admin.get("/api/admin/sites/export.csv", "text/csv");
        assertEquals(200, export.statusCode());
        JsonObject plan = json(importing(export.body(), false));
        assertEquals(0, plan.getInt("errors"), plan.toString());
        assertEquals(0, plan.getInt("creates") + plan.getInt("updates"), "every site of the export is unchanged");
        assertTrue(plan.getInt("unchanged") >= 1);

        String viewer = TestData.unique("viewer").toLowerCase();
        assertEquals(
                201,
                admin.call(
                                "POST",
                                "/api/admin/users",
                                "{\"username\":\"" + viewer
                                        + "\",\"fullName\":\"V\",\"password\":\"viewer-password-1\"}")
                        .statusCode());
        HttpResponse<String> viewing =
                AdminApi.as(viewer, "viewer-password-1").postCsv("/api/admin/sites/import", "name\nX\n");
        assertEquals(403, viewing.statusCode(), "a viewer may not import: " + viewing.body());
        HttpResponse<String> refused = new Browserless()
                .send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/admin/sites/import"))
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString("name\nX\n"))
                        .build());
        assertEquals(401, refused.statusCode(), "not signed in");
    }

    @Test
    void storesAreCreatedRenamedAndMovedFromAFileInOneGoAndEverySiteLearnsTheNewName() {
        String prefix = TestData.unique("ST").replace("-", "");
        String renamed = prefix + "A";
        String moved = prefix + "B";
        String kept = prefix + "C";
        String fresh = prefix + "N";
        long renamedId = admin.createStore(renamed, "Old name");
        admin.createStore(moved, "Moving store");
        admin.createStore(kept, "Kept store");
        String site = TestData.unique("Store file site");
        assertEquals(
                201,
                admin.call("POST", "/api/admin/sites", AdminApi.site(site, 5, null))
                        .statusCode());
        String central = exportedStores(kept).split("\r\n")[1].split(",")[3];

        String file = "code,name,site\n" + fresh + ",New store," + site + "\n" + renamed + ",New name,\n"
                + moved + ",," + site + "\n" + kept + ",Kept store,\n" + ",Without code,\n"
                + prefix + "X,Nowhere,No such site\n";
        JsonObject plan = json(importingStores(file, false));
        assertEquals(
                List.of(1, 2, 1, 2),
                List.of(
                        plan.getInt("creates"),
                        plan.getInt("updates"),
                        plan.getInt("unchanged"),
                        plan.getInt("errors")),
                plan.toString());
        String lines = plan.getJsonArray("lines").toString();
        assertTrue(lines.contains("name: 'Old name' becomes 'New name'"), lines);
        assertTrue(lines.contains("site: '" + central + "' becomes '" + site + "'"), lines);
        assertTrue(lines.contains("There is no site named 'No such site'"), lines);
        assertTrue(lines.contains("Enter a store code of 1 to 20 characters"), lines);

        HttpResponse<String> refused = importingStores(file, true);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("line 6"), refused.body());
        assertTrue(
                exportedStores(prefix).contains("Old name")
                        && !exportedStores(prefix).contains(fresh),
                "a file with a wrong line changes nothing");

        String right = "code,name,site\n" + fresh + ",New store," + site + "\n" + renamed + ",New name,\n" + moved
                + ",," + site + "\n" + kept + ",Kept store,\n";
        JsonObject applied = json(importingStores(right, true));
        assertEquals(1, applied.getInt("creates"), applied.toString());
        assertEquals(2, applied.getInt("updates"));
        String stores = exportedStores(prefix);
        assertTrue(stores.contains("," + fresh + ",New store," + site + ",false,"), stores);
        assertTrue(stores.contains("," + renamed + ",New name," + central + ",true,"), stores);
        assertTrue(stores.contains("," + moved + ",Moving store," + site + ",false,"), stores);
        assertTrue(stores.contains("," + kept + ",Kept store," + central + ",true,"), stores);
        String directory = (String) TestData.fromOutside()
                .rows("SELECT data FROM master_record WHERE table_name = " + "'store' AND record_id = ?", renamed)
                .get(0)[0];
        assertTrue(directory.contains("\"name\":\"New name\""), "every site learns the new name: " + directory);
        String audit = admin.call("GET", "/api/admin/audit?limit=200", null).body();
        assertTrue(audit.contains("STORE_RENAMED") && audit.contains("STORE_MOVED"), "audited as on the pages");

        JsonObject again = json(importingStores(stores, false));
        assertEquals(4, again.getInt("unchanged"), "an export imports back unchanged: " + again);
        assertEquals(0, again.getInt("creates") + again.getInt("updates") + again.getInt("errors"));
        String otherCode = json(importingStores("id,code\n" + renamedId + "," + kept + "\n", false))
                .getJsonArray("lines")
                .toString();
        assertTrue(otherCode.contains("cannot change"), "a store's code never changes: " + otherCode);
        json(importingStores("code,site\n" + moved + "," + central + "\n", true));
        assertTrue(
                exportedStores(moved).contains("," + moved + ",Moving store," + central + ",true,"),
                "a store goes back to the central site: " + exportedStores(moved));
    }

    @Test
    void aStoreFileThatWouldGiveAMobileSiteASecondStoreSaysSoOnTheLinesThatBringThem() {
        String prefix = TestData.unique("MB").replace("-", "");
        String mobile = TestData.unique("Mobile site");
        long mobileId = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(mobile, 5, null))
                .body());
        TestData.fromOutside().deviceSynced(mobileId, "MOBILE");
        admin.createStore(prefix + "A", "First store");
        admin.createStore(prefix + "B", "Second store");

        String both = "code,site\n" + prefix + "A," + mobile + "\n" + prefix + "B," + mobile + "\n";
        JsonObject plan = json(importingStores(both, false));
        assertEquals(2, plan.getInt("errors"), "both lines bring a store to it: " + plan);
        assertTrue(plan.getJsonArray("lines").toString().contains("single store to a mobile"), plan.toString());
        HttpResponse<String> refused = importingStores(both, true);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("line 2") && refused.body().contains("line 3"), refused.body());

        assertEquals(
                0,
                json(importingStores("code,site\n" + prefix + "A," + mobile + "\n", true))
                        .getInt("errors"),
                "one store is what a mobile site holds");
        String swap = "code,site\n" + prefix + "B," + mobile + "\n" + prefix + "A,\n";
        assertEquals(1, json(importingStores(swap, false)).getInt("errors"), "A stays (no site given): B is a second");
        String central = exportedStores(prefix + "B").split("\r\n")[1].split(",")[3];
        String swapped = "code,site\n" + prefix + "B," + mobile + "\n" + prefix + "A," + central + "\n";
        assertEquals(
                0,
                json(importingStores(swapped, false)).getInt("errors"),
                "A leaves as B arrives, in the same file: " + json(importingStores(swapped, false)));
    }

    private String exportedStores(String filter) {
        return admin.get("/api/admin/stores/export.csv?filter=" + filter, "text/csv")
                .body();
    }

    private HttpResponse<String> importingStores(String csv, boolean apply) {
        return admin.postCsv("/api/admin/stores/import" + (apply ? "?apply=true" : ""), csv);
    }

    private HttpResponse<String> importing(String csv, boolean apply) {
        return admin.postCsv("/api/admin/sites/import" + (apply ? "?apply=true" : ""), csv);
    }

    private static JsonObject json(HttpResponse<String> answer) {
        assertTrue(answer.statusCode() == 200, answer.statusCode() + ": " + answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }
}
