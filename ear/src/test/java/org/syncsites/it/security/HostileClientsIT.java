package org.syncsites.it.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Deployments;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a careless or hostile client sends, and what it must get back. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileClientsIT {

    @Deployment(testable = false)
    static EnterpriseArchive application() {
        return Deployments.application();
    }

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void malformedJsonOnTheAdminApiIsA400WithTheErrorBodyNotAServerError() {
        for (String body : List.of("{not json", "{\"code\":\"X\",\"name\":", "[1,2", "{\"storeRecords\":\"many\"}")) {
            HttpResponse<String> answer = admin.call("POST", body.contains("storeRecords")
                    ? "/api/admin/stores/1/generated-records" : "/api/admin/stores", body);
            assertEquals(400, answer.statusCode(), body + " -> " + answer.body());
            JsonObject error = json(answer.body()).getJsonObject("error");
            assertEquals("malformed_json", error.getString("code"));
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
    }

    @Test
    void aSiteNameWithAColonIsRefusedAndOneMadeBeforeStillSignsIn() {
        HttpResponse<String> refused = admin.call("POST", "/api/admin/sites", AdminApi.site("Clinic:7", 5, null));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("cannot contain ':'"), refused.body());

        String name = TestData.unique("Old");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null)).body());
        String withColon = name + ":east";
        TestData.fromOutside().update("UPDATE site SET name = ?, name_key = ? WHERE id = ?", withColon,
                withColon.toLowerCase(), id); // as made by an older version
        HttpResponse<String> signedIn = new RemoteSite(withColon, "api-password-1", "device-" + name).get("site");
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals(withColon, json(signedIn.body()).getString("name"));
    }

    @Test
    void theAdminApiAnswersACallerWhoIsNotSignedInWith401AndTheErrorBodyWhilePagesStillShowTheForm() {
        org.syncsites.it.support.Browserless anonymous = new org.syncsites.it.support.Browserless();
        for (String path : List.of("/api/admin/sites", "/api/admin/audit", "/api/admin/remote")) {
            HttpResponse<String> answer = anonymous.get(path);
            assertEquals(401, answer.statusCode(), path + " -> " + answer.body());
            assertEquals("sign_in_required", json(answer.body()).getJsonObject("error").getString("code"));
        }
        assertTrue(anonymous.get("/sites.xhtml").body().contains("j_security_check"), "pages lead to the form");
        assertEquals(200, admin.call("GET", "/api/admin/sites", null).statusCode(), "signed in, it answers");
    }

    @Test
    void fiftyWrongPasswordsAtOnceAreNotAllCheckedAndBlockTheSiteOnce() {
        String name = TestData.unique("Guessed");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null)).body());
        RemoteSite guesser = new RemoteSite(name, "wrong-password", "device-" + name);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> guesses = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(50);
        for (int i = 0; i < 50; i++) {
            guesses.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> guesser.get("site"), threads));
        }
        guesses.forEach(g -> assertEquals(401, g.join().statusCode()));
        threads.shutdown();
        TestData data = TestData.fromOutside();
        assertEquals(5, data.count("SELECT failed_login_count FROM site WHERE id = ?", id),
                "each check was reserved before it was made: 5 checked, 45 refused unchecked");
        assertEquals(1, data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", id));
        assertEquals(1, data.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'SITE_BLOCKED' AND entity_id = ?", id));
    }

    @Test
    void aStrangersHundredWrongPasswordsFromAnotherDeviceDoNotLockTheSitesDeviceOut() {
        String name = TestData.unique("Targeted");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null)).body());
        RemoteSite device = new RemoteSite(name, "api-password-1", "device-" + name);
        assertEquals(200, device.get("site").statusCode(), "the site's device is bound");
        RemoteSite stranger = new RemoteSite(name, "guess", "stranger-laptop");
        for (int i = 0; i < 100; i++) {
            assertEquals(401, stranger.withPassword("guess-" + i).get("site").statusCode());
        }
        TestData data = TestData.fromOutside();
        assertEquals(0, data.count("SELECT COUNT(*) FROM site WHERE id = ? AND blocked = TRUE", id), "not blocked");
        data.update("UPDATE site SET sync_credential_digest = NULL WHERE id = ?", id); // a new sync session: bcrypt
        assertEquals(200, device.get("site").statusCode(), "the real device still syncs");
        assertEquals(1, data.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'OTHER_DEVICES_WAIT' AND entity_id = ?",
                id), "the stranger's attempts made other devices wait, audited once");
        assertEquals(401, stranger.withPassword("api-password-1").get("site").statusCode(),
                "while other devices wait, even the right password from another device is not checked");
    }

    @Test
    void aCopyOfTheDatabaseAloneCannotTestAPasswordGuessAgainstTheSignInDigest() throws Exception {
        String name = TestData.unique("Dumped");
        long id = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null)).body());
        assertEquals(200, new RemoteSite(name, "api-password-1", "device-" + name).get("site").statusCode());
        List<Object[]> dump = TestData.fromOutside().rows("SELECT password_hash, sync_credential_digest FROM site "
                + "WHERE id = ?", id);
        String hash = (String) dump.get(0)[0];
        String digest = (String) dump.get(0)[1];
        assertTrue(digest != null && !digest.isBlank(), "a digest is kept for the sync session");
        // the right guess, tested the way the digest was made before it was keyed: it must not verify
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update(hash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(RemoteSite.sha256Hex("api-password-1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(java.util.HexFormat.of().formatHex(sha.digest()).equals(digest),
                "the digest is keyed with a secret that is not in the database");
        javax.crypto.Mac unkeyed = javax.crypto.Mac.getInstance("HmacSHA256");
        unkeyed.init(new javax.crypto.spec.SecretKeySpec(hash.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        assertFalse(java.util.HexFormat.of().formatHex(unkeyed.doFinal((hash + '\u0000' + RemoteSite.sha256Hex(
                "api-password-1")).getBytes(java.nio.charset.StandardCharsets.UTF_8))).equals(digest));
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
