package org.syncsites.it.siteusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.OpenMSupplyDevice;
import org.syncsites.it.support.OpenMSupplyDevice.Outcome;
import org.syncsites.it.support.OpenMSupplySite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The people at the sites sign in to open-mSupply's devices through the central ({@link OpenMSupplyDevice}, which
 * reads the answer as strictly as open-mSupply and applies its rules), with the store access and permissions an admin
 * gave them here.
 */
@ExtendWith(TestServer.class)
class SiteUsersIT {

    private static final String PASSWORD = "site-password-1";
    private static final String USER_PASSWORD = "pharmacist-secret-9";

    private final AdminApi admin = AdminApi.asAdmin();
    private String store;
    private String otherStore;
    private String siteName;
    private OpenMSupplySite site;
    private OpenMSupplyDevice device;

    @BeforeEach
    void aFreshSiteWithAStoreInitialised() {
        store = TestData.unique("SU");
        otherStore = TestData.unique("SX");
        long storeId = admin.createStore(store, "Clinic " + store);
        admin.createStore(otherStore, "Elsewhere " + otherStore);
        siteName = TestData.unique("Users");
        admin.call(
                "POST",
                "/api/admin/sites",
                "{\"settings\":{\"code\":\"\",\"name\":\"" + siteName
                        + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},\"newPassword\":\""
                        + PASSWORD + "\",\"storesToAdd\":[" + storeId + "]}");
        site = new OpenMSupplySite(siteName, PASSWORD);
        site.sync(500);
        device = new OpenMSupplyDevice(site, siteName);
    }

    @Test
    void aNewUserSignsInOnAFreshSiteWithTheStoresAndPermissionsGivenThem() {
        String username = TestData.unique("ana");
        long id = createUser(username);
        assertEquals(
                Outcome.NO_SITE_ACCESS, device.signIn(username, USER_PASSWORD).outcome(), "no store of this site yet");
        HttpResponse<String> access = admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\""
                        + store + "\",\"canLogin\":true,\"isDefault\":true,\"template\":\"Dispensary\"},{\"store\":\""
                        + otherStore + "\",\"canLogin\":true,\"isDefault\":false,\"permissions\":[190]}]");
        assertEquals(200, access.statusCode(), access.body());

        OpenMSupplyDevice.SignIn signIn = device.signIn(username, USER_PASSWORD);
        assertEquals(Outcome.SIGNED_IN, signIn.outcome());
        assertEquals(List.of(store), signIn.stores(), "the stores of this site only, as open-mSupply keeps them");
        assertTrue(
                signIn.permissions().get(0).containsAll(List.of(42, 43, 46, 190)),
                signIn.permissions().toString());
        assertFalse(signIn.permissions().get(0).contains(157), "not the server administration");
        assertEquals(1, signIn.language(), "French, as mSupply numbers it");

        site.sync(500);
        JsonObject record = site.got(uidOf(id));
        assertEquals(username, record.getString("name"), "the user record reaches the site");
        assertEquals(true, record.getBoolean("active"));
        assertFalse(record.containsKey("password"), "no password travels");

        String details = admin.call("GET", "/api/admin/site-users/" + id, null).body();
        assertTrue(details.contains("\"outcome\":\"SIGNED_IN\"") && details.contains(siteName), details);
    }

    @Test
    void aChangeOfStoreAccessShowsAtTheNextSignInAndCanBeCopiedToOthers() {
        String username = TestData.unique("bo");
        long id = createUser(username);
        admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\"" + store + "\",\"canLogin\":true," + "\"isDefault\":true,\"template\":\"Read only\"}]");
        assertFalse(device.signIn(username, USER_PASSWORD).permissions().get(0).contains(42));
        admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\"" + store + "\",\"canLogin\":true,"
                        + "\"isDefault\":true,\"template\":\"Store manager\"}]");
        assertTrue(device.signIn(username, USER_PASSWORD).permissions().get(0).contains(42));
        admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\"" + store + "\",\"canLogin\":false,"
                        + "\"isDefault\":true,\"template\":\"Store manager\"}]");
        assertEquals(
                Outcome.NO_SITE_ACCESS, device.signIn(username, USER_PASSWORD).outcome(), "may not sign in there");

        String other = TestData.unique("cy");
        long otherId = createUser(other);
        admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\"" + store + "\",\"canLogin\":true,"
                        + "\"isDefault\":true,\"template\":\"Dispensary\"}]");
        assertEquals(
                200,
                admin.call("POST", "/api/admin/site-users/" + id + "/copy-access", "{\"to\":[" + otherId + "]}")
                        .statusCode());
        assertEquals(Outcome.SIGNED_IN, device.signIn(other, USER_PASSWORD).outcome());
        assertTrue(admin.call("GET", "/api/admin/site-users?store=" + store + "&template=Dispensary", null)
                .body()
                .contains(other));
    }

    @Test
    void aWrongPasswordIs401AndRepeatedFailuresLockTheUserOutWithTheTimeLeft() {
        String username = TestData.unique("di");
        long id = createUser(username);
        admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\"" + store + "\",\"canLogin\":true," + "\"isDefault\":true,\"template\":\"Read only\"}]");
        assertEquals(
                Outcome.INVALID_CREDENTIALS,
                device.signIn("nobody-" + username, USER_PASSWORD).outcome());
        for (int i = 0; i < 4; i++) {
            assertEquals(
                    Outcome.INVALID_CREDENTIALS,
                    device.signIn(username, "wrong-password-" + i).outcome());
        }
        assertEquals(Outcome.SIGNED_IN, device.signIn(username, USER_PASSWORD).outcome(), "four failures: not yet");
        for (int i = 0; i < 5; i++) {
            device.signIn(username, "wrong-password-" + i);
        }
        OpenMSupplyDevice.SignIn locked = device.signIn(username, USER_PASSWORD);
        assertEquals(Outcome.ACCOUNT_BLOCKED, locked.outcome(), "even the right password waits");
        assertTrue(
                locked.timeoutRemaining() > 14 * 60_000 && locked.timeoutRemaining() <= 15 * 60_000,
                "milliseconds left: " + locked.timeoutRemaining());
    }

    /**
     * Failures count per name and address: a stranger guessing from elsewhere makes only their own address wait, the
     * user signs in at their site, and a name no user has waits the same way, so the answers tell no name apart.
     */
    @Test
    void aStrangerGuessingFromElsewhereMakesOnlyTheirAddressWaitAndNoNameIsToldApart() {
        String username = TestData.unique("gu");
        long id = createUser(username);
        admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\"" + store + "\",\"canLogin\":true," + "\"isDefault\":true,\"template\":\"Read only\"}]");
        OpenMSupplyDevice stranger = device.from("127.0.0.2");
        String nobody = "nobody-" + username;
        for (String name : List.of(username, nobody)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(
                        Outcome.INVALID_CREDENTIALS,
                        stranger.signIn(name, "guess-" + i).outcome(),
                        name);
            }
            assertEquals(
                    Outcome.ACCOUNT_BLOCKED,
                    stranger.signIn(name, "guess-5").outcome(),
                    name + ": waits there, known or not");
        }
        assertEquals(
                Outcome.ACCOUNT_BLOCKED,
                stranger.signIn(username, USER_PASSWORD).outcome());
        assertEquals(
                Outcome.SIGNED_IN,
                device.signIn(username, USER_PASSWORD).outcome(),
                "the user, at their own site, is not kept out by a stranger");
    }

    @Test
    void aDisabledUserIsRefusedByTheDeviceAndReachesTheSiteInactive() {
        String username = TestData.unique("ed");
        long id = createUser(username);
        admin.call(
                "PUT",
                "/api/admin/site-users/" + id + "/stores",
                "[{\"store\":\"" + store + "\",\"canLogin\":true," + "\"isDefault\":true,\"template\":\"Read only\"}]");
        assertEquals(Outcome.SIGNED_IN, device.signIn(username, USER_PASSWORD).outcome());
        HttpResponse<String> disabled = admin.call("PUT", "/api/admin/site-users/" + id, "{\"active\":false}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertEquals(Outcome.INACTIVE, device.signIn(username, USER_PASSWORD).outcome());
        site.sync(500);
        assertEquals(false, site.got(uidOf(id)).getBoolean("active"), "the device refuses even its offline sign-in");
    }

    @Test
    void usersAreCheckedAsTheAdminAccountsAreAndAudited() {
        String username = TestData.unique("fa");
        assertEquals(
                400,
                admin.call(
                                "POST",
                                "/api/admin/site-users",
                                "{\"username\":\"" + username + "\",\"password\":\"password\"}")
                        .statusCode(),
                "the admin accounts' password policy");
        long id = createUser(username);
        assertEquals(
                400,
                admin.call(
                                "POST",
                                "/api/admin/site-users",
                                "{\"username\":\"" + username.toUpperCase() + "\",\"password\":\"" + USER_PASSWORD
                                        + "\"}")
                        .statusCode(),
                "names are unique ignoring case");
        assertEquals(
                400,
                admin.call("PUT", "/api/admin/site-users/" + id, "{\"language\":\"xx\"}")
                        .statusCode());
        assertEquals(
                400,
                admin.call(
                                "PUT",
                                "/api/admin/site-users/" + id + "/stores",
                                "[{\"store\":\"" + store
                                        + "\",\"canLogin\":true,\"isDefault\":false,\"permissions\":[999]}]")
                        .statusCode());
        assertEquals(
                204, admin.call("DELETE", "/api/admin/site-users/" + id, null).statusCode());
        assertEquals(
                Outcome.INVALID_CREDENTIALS,
                device.signIn(username, USER_PASSWORD).outcome());
        String audit = admin.call("GET", "/api/admin/audit?limit=200", null).body();
        assertTrue(audit.contains("SITE_USER_CREATED") && audit.contains("SITE_USER_DELETED"), audit);
    }

    /** Users and their store access move as CSV: checked line by line first, then applied all at once. */
    @Test
    void usersAndTheirStoreAccessAreImportedAndExportedAsCsv() {
        String first = TestData.unique("gi");
        String second = TestData.unique("ha");
        String csv = "username,first_name,last_name,language,password,store,can_login,default,template,permissions\n"
                + first + ",Gina,Mabote,pt," + USER_PASSWORD + "," + store + ",true,true,Dispensary,\n"
                + first + ",,,,," + otherStore + ",true,false,,190\n"
                + second + ",Hélio,Nhantumbo,en," + USER_PASSWORD + "," + store + ",true,true,Read only,\n";
        String wrong = csv + "ivo,,,,," + "NO-SUCH-STORE" + ",true,false,,\n";
        HttpResponse<String> checked = admin.postCsv("/api/admin/site-users/import", wrong);
        assertEquals(200, checked.statusCode(), checked.body());
        assertTrue(checked.body().contains("Line 5") && checked.body().contains("NO-SUCH-STORE"), checked.body());
        assertEquals(
                400,
                admin.postCsv("/api/admin/site-users/import?apply=true", wrong).statusCode(),
                "all or nothing");
        assertFalse(admin.call("GET", "/api/admin/site-users?filter=" + first, null)
                .body()
                .contains(first));

        HttpResponse<String> applied = admin.postCsv("/api/admin/site-users/import?apply=true", csv);
        assertEquals(200, applied.statusCode(), applied.body());
        assertTrue(applied.body().contains("\"created\":2"), applied.body());
        OpenMSupplyDevice.SignIn signIn = device.signIn(first, USER_PASSWORD);
        assertEquals(Outcome.SIGNED_IN, signIn.outcome());
        assertEquals(5, signIn.language(), "Portuguese, as mSupply numbers it");

        String exported =
                admin.get("/api/admin/site-users/export.csv", "text/csv").body();
        assertTrue(
                exported.startsWith("username,first_name,last_name,email,phone,job_title,language,active,store,"
                        + "can_login,default,template,permissions"),
                exported);
        assertTrue(exported.contains(first + ",Gina,Mabote,,,,pt,true," + store + ",true,true,Dispensary,"), exported);
        assertTrue(exported.contains(first + ",Gina,Mabote,,,,pt,true," + otherStore + ",true,false,,190"), exported);
        HttpResponse<String> again = admin.postCsv("/api/admin/site-users/import", exported);
        assertTrue(
                again.body().contains("\"created\":0") && again.body().contains("\"problems\":[]"),
                "the export reads back as it is: " + again.body());
    }

    private long createUser(String username) {
        HttpResponse<String> created = admin.call(
                "POST",
                "/api/admin/site-users",
                "{\"username\":\"" + username
                        + "\",\"firstName\":\"Ana\",\"lastName\":\"Sitoe\",\"jobTitle\":\"Pharmacist\",\"language\":\"fr\","
                        + "\"password\":\"" + USER_PASSWORD + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body()).getJsonObject("user").getJsonNumber("id").longValue();
    }

    private String uidOf(long id) {
        return json(admin.call("GET", "/api/admin/site-users/" + id, null).body())
                .getJsonObject("user")
                .getString("uid");
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
