package org.syncsites.it.site;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sites created and updated from a CSV file (issue 14, item 5), through the API as a script sends it: a preview
 * that changes nothing, every line applied in one transaction or none, generated passwords given out once and
 * good for a device's sign-in, an export that imports back unchanged.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SiteImportIT {

    @Deployment(testable = false)
    static EnterpriseArchive application() {
        return Deployments.application();
    }

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void aPreviewSaysWhatEachLineWouldDoAndChangesNothing() {
        String existing = TestData.unique("Kept site");
        assertEquals(201, admin.call("POST", "/api/admin/sites", AdminApi.site(existing, 5, null)).statusCode());
        String same = TestData.unique("Same site");
        assertEquals(201, admin.call("POST", "/api/admin/sites", AdminApi.site(same, 5, null)).statusCode());
        String store = TestData.unique("IMP");
        admin.createStore(store, "Import store");
        String fresh = TestData.unique("New site");

        JsonObject plan = json(importing("name,sync_interval_minutes,store_codes,password\r\n"
                + fresh + ",10," + store + ",\r\n"
                + existing + ",15,,\r\n"
                + same + ",5,,\r\n", false));
        assertEquals(1, plan.getInt("creates"), plan.toString());
        assertEquals(1, plan.getInt("updates"));
        assertEquals(1, plan.getInt("unchanged"));
        assertEquals(0, plan.getInt("errors"));
        JsonArray lines = plan.getJsonArray("lines");
        assertEquals("CREATE", lines.getJsonObject(0).getString("action"));
        assertEquals(2, lines.getJsonObject(0).getInt("line"), "lines are numbered as in the file, header first");
        assertTrue(lines.getJsonObject(0).getJsonArray("changes").toString().contains(store), lines.toString());
        assertTrue(lines.getJsonObject(1).getJsonArray("changes").toString().contains("syncIntervalMinutes: '5' becomes '15'"),
                lines.toString());
        assertFalse(admin.call("GET", "/api/admin/sites?filter=" + fresh.replace(" ", "%20"), null).body()
                .contains(fresh), "a preview creates nothing");
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
        assertTrue(lines.contains("NO-SUCH-STORE") && lines.contains("often") && lines.contains("more than one line"),
                lines);

        HttpResponse<String> refused = importing(csv, true);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"field\":\"line 3\"") && refused.body().contains("\"field\":\"line 6\""),
                refused.body());
        assertFalse(admin.call("GET", "/api/admin/sites?filter=" + good.replace(" ", "%20"), null).body().contains(good),
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
        HttpResponse<String> applied = importing("name;code;store_codes;password\n"
                + generated + ";GEN1;" + store + ";\n"
                + given + ";;;given-password-1\n", true);
        assertEquals(200, applied.statusCode(), applied.body());
        JsonObject result = json(applied);
        assertEquals(2, result.getJsonObject("plan").getInt("creates"), result.toString());
        JsonObject passwords = result.getJsonObject("generatedPasswords");
        assertEquals(1, passwords.size(), "only the site without a password gets one: " + passwords);
        String password = passwords.getString(generated);

        assertEquals(200, new RemoteSite(generated, password, "device-" + generated).get("site").statusCode(),
                "a device signs in with the generated password");
        assertEquals(200, new RemoteSite(given, "given-password-1", "device-" + given).get("site").statusCode());
        String site = admin.call("GET", "/api/admin/sites?filter=" + generated.replace(" ", "%20"), null).body();
        assertTrue(site.contains("\"code\":\"GEN1\""), site);
        long id = AdminApi.id(site.substring(site.indexOf("\"rows\"")));
        assertTrue(admin.call("GET", "/api/admin/sites/" + id, null).body().contains(store), "the store moved to it");
        String audit = admin.call("GET", "/api/admin/audit?limit=200", null).body();
        assertTrue(audit.contains(generated) && audit.contains("SITE_CREATED"), "audited as in the site window");
        assertFalse(admin.call("GET", "/api/admin/sites/" + id, null).body().contains(password),
                "the password is given out once, in the import's answer only");

        String sites = admin.get("/api/admin/sites/export.csv?filter=" + generated.replace(" ", "%20"), "text/csv").body();
        assertTrue(sites.startsWith("id,code,name,type,stores,store_codes,"), sites);
        assertTrue(sites.contains("," + generated + ",") && sites.contains("," + store + ","),
                "the export names the site's stores, as the import reads them: " + sites);
        String stores = admin.get("/api/admin/stores/export.csv?filter=" + store, "text/csv").body();
        assertTrue(stores.startsWith("id,code,name,site,on_central_site,records\r\n"), stores);
        assertTrue(stores.contains("," + store + ",Applied store," + generated + ",false,"), stores);
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
        assertEquals(201, admin.call("POST", "/api/admin/users", "{\"username\":\"" + viewer
                + "\",\"fullName\":\"V\",\"password\":\"viewer-password-1\"}").statusCode());
        HttpResponse<String> viewing = AdminApi.as(viewer, "viewer-password-1").postCsv("/api/admin/sites/import",
                "name\nX\n");
        assertEquals(403, viewing.statusCode(), "a viewer may not import: " + viewing.body());
        HttpResponse<String> refused = new Browserless().send(HttpRequest.newBuilder(URI.create(Browserless.BASE
                + "/api/admin/sites/import")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("name\nX\n")).build());
        assertEquals(401, refused.statusCode(), "not signed in");
    }

    private HttpResponse<String> importing(String csv, boolean apply) {
        return admin.postCsv("/api/admin/sites/import" + (apply ? "?apply=true" : ""), csv);
    }

    private static JsonObject json(HttpResponse<String> answer) {
        assertTrue(answer.statusCode() == 200, answer.statusCode() + ": " + answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject();
    }
}
