package org.syncsites.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Personal API tokens (issue 14, item 2): created by a user signed in with their password, shown once, kept only
 * as a hash; a request with {@code Authorization: Bearer} acts as the user with the permissions they have at that
 * moment, and a revoked or expired token, a disabled account, a password that must change, stop it at once.
 */
@ExtendWith(TestServer.class)
class ApiTokensIT {

    private final AdminApi admin = AdminApi.asAdmin();
    private final TestData database = TestData.fromOutside();

    @Test
    void aTokenIsShownOnceKeptOnlyAsItsHashAndActsAsItsUserWithoutASession() throws Exception {
        String user = newUser("tokens-1");
        AdminApi session = AdminApi.as(user, "tokens-1-password");
        JsonObject created = create(session, "{\"name\":\"nightly export\",\"validDays\":30}");
        String token = created.getString("token");
        assertTrue(token.startsWith("sst_") && token.length() >= 40, token);
        assertTrue(token.startsWith(created.getString("tokenStart")), created.toString());
        Instant expires = Instant.parse(created.getString("expiresAt"));
        assertTrue(
                expires.isAfter(Instant.now().plusSeconds(29L * 86_400))
                        && expires.isBefore(Instant.now().plusSeconds(31L * 86_400)),
                "valid 30 days: " + expires);

        String listed = session.call("GET", "/api/admin/me/tokens", null).body();
        assertTrue(
                listed.contains("nightly export") && !listed.contains(token), "listed, never shown again: " + listed);
        assertFalse(listed.contains("lastUsedAt"), "not used yet: " + listed);
        List<Object[]> stored = database.rows(
                "SELECT * FROM api_token WHERE id = ?",
                created.getJsonNumber("id").longValue());
        assertEquals(1, stored.size());
        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertTrue(
                Arrays.stream(stored.get(0))
                        .anyMatch(v -> sha256.equals(String.valueOf(v).strip())),
                "its hash is kept");
        assertFalse(
                Arrays.stream(stored.get(0)).anyMatch(v -> String.valueOf(v).contains(token.substring(12))),
                "the token itself is not kept");

        HttpResponse<String> me = bearer(token, "GET", "/api/admin/me", null);
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"username\":\"" + user + "\""), me.body());
        HttpResponse<String> sites = bearer(token, "GET", "/api/admin/sites", null);
        assertEquals(200, sites.statusCode(), sites.body());
        assertTrue(
                sites.headers().allValues("Set-Cookie").isEmpty(),
                "no session is made for a token: " + sites.headers().allValues("Set-Cookie"));
        HttpResponse<String> edit = bearer(token, "POST", "/api/admin/stores", "{\"code\":\"\",\"name\":\"By token\"}");
        assertEquals(403, edit.statusCode(), "a viewer's token only views: " + edit.body());

        String after = session.call("GET", "/api/admin/me/tokens", null).body();
        assertTrue(after.contains("\"lastUsedAt\":\""), "the last use is shown: " + after);
        HttpResponse<String> page = bearer(token, "GET", "/sites.xhtml", null);
        assertFalse(page.body().contains("id=\"sites\""), "a token opens no page, only the API");
    }

    @Test
    void anEditorsTokenEditsAsTheEditorAndCreatingAndRevokingAreAudited() {
        String user = newUser("tokens-2");
        assertEquals(
                200,
                admin.call("PUT", "/api/admin/users/" + idOf(user) + "/permissions/EDIT_SYNC_SETTINGS", "{}")
                        .statusCode());
        AdminApi session = AdminApi.as(user, "tokens-2-password");
        JsonObject created = create(session, "{\"name\":\"store import\"}");
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(created.getString("expiresAt")));
        assertTrue(
                lifetime.toDays() >= 89 && lifetime.toDays() <= 90,
                "without validDays a token lasts 90 days: " + created);
        String token = created.getString("token");

        String storeName = TestData.unique("Token store");
        HttpResponse<String> store = bearer(
                token,
                "POST",
                "/api/admin/stores",
                "{\"code\":\"" + TestData.unique("TK") + "\",\"name\":\"" + storeName + "\"}");
        assertEquals(201, store.statusCode(), store.body());
        assertEquals(
                204,
                session.call("DELETE", "/api/admin/me/tokens/" + created.getJsonNumber("id"), null)
                        .statusCode());

        String audit = admin.call("GET", "/api/admin/audit?limit=500", null).body();
        JsonObject storeEntry = entries(audit).stream()
                .filter(e -> e.getString("entityLabel", "").startsWith(storeName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("store not audited: " + audit));
        assertEquals(user, storeEntry.getString("actor"), "the token's user is the actor: " + storeEntry);
        assertEquals(
                "api token " + created.getJsonNumber("id"),
                storeEntry.getString("source"),
                "and the token is where the change came from: " + storeEntry);
        List<String> tokenActions = entries(audit).stream()
                .filter(e -> user.equals(e.getString("entityLabel", null)))
                .map(e -> e.getString("action"))
                .toList();
        assertTrue(
                tokenActions.contains("API_TOKEN_CREATED") && tokenActions.contains("API_TOKEN_REVOKED"),
                tokenActions.toString());
    }

    @Test
    void aRevokedTokenIsRefusedFromItsNextRequestAndOnlyItsOwnerRevokesIt() {
        String user = newUser("tokens-3");
        AdminApi session = AdminApi.as(user, "tokens-3-password");
        JsonObject created = create(session, "{\"name\":\"to revoke\",\"validDays\":7}");
        String token = created.getString("token");
        assertEquals(200, bearer(token, "GET", "/api/admin/sites", null).statusCode());

        HttpResponse<String> othersRevoke =
                admin.call("DELETE", "/api/admin/me/tokens/" + created.getJsonNumber("id"), null);
        assertEquals(404, othersRevoke.statusCode(), "another user cannot revoke it: " + othersRevoke.body());
        assertEquals(200, bearer(token, "GET", "/api/admin/sites", null).statusCode());

        assertEquals(
                204,
                session.call("DELETE", "/api/admin/me/tokens/" + created.getJsonNumber("id"), null)
                        .statusCode());
        HttpResponse<String> refused = bearer(token, "GET", "/api/admin/sites", null);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"token_invalid\""), refused.body());
        assertFalse(session.call("GET", "/api/admin/me/tokens", null).body().contains("to revoke"));
    }

    @Test
    void expiredUnknownAndDisabledAreRefusedWithTheirReasonAndPermissionsFollowTheUserNow() {
        String user = newUser("tokens-4");
        long userId = idOf(user);
        AdminApi session = AdminApi.as(user, "tokens-4-password");
        JsonObject expiring = create(session, "{\"name\":\"expiring\",\"validDays\":1}");
        String token = create(session, "{\"name\":\"kept\"}").getString("token");

        database.update(
                "UPDATE api_token SET expires_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)),
                expiring.getJsonNumber("id").longValue());
        assertRefused(expiring.getString("token"), 401, "token_expired");
        assertRefused("sst_" + "A".repeat(43), 401, "token_invalid");
        assertRefused("not-a-token", 401, "token_invalid");

        HttpResponse<String> viewerEdit = bearer(token, "POST", "/api/admin/stores", "{\"code\":\"\",\"name\":\"x\"}");
        assertEquals(403, viewerEdit.statusCode(), viewerEdit.body());
        assertEquals(
                200,
                admin.call("PUT", "/api/admin/users/" + userId + "/permissions/EDIT_SYNC_SETTINGS", "{}")
                        .statusCode());
        assertEquals(
                200,
                bearer(token, "GET", "/api/admin/audit", null).statusCode(),
                "a permission granted counts at once");
        assertEquals(
                200,
                admin.call("DELETE", "/api/admin/users/" + userId + "/permissions/EDIT_SYNC_SETTINGS", null)
                        .statusCode());
        assertEquals(
                403,
                bearer(token, "GET", "/api/admin/audit", null).statusCode(),
                "a permission revoked counts at once");

        assertEquals(
                200,
                admin.call("POST", "/api/admin/users/" + userId + "/disable", "{}")
                        .statusCode());
        assertRefused(token, 401, "token_invalid");
        assertEquals(
                200,
                admin.call("POST", "/api/admin/users/" + userId + "/enable", "{}")
                        .statusCode());
        assertRefused(token, 401, "token_invalid");
        assertEquals(
                0,
                database.count("SELECT COUNT(*) FROM api_token WHERE user_id = ?", userId),
                "disabling the user ended their tokens: enabling them again does not bring them back");
        token = create(AdminApi.as(user, "tokens-4-password"), "{\"name\":\"after\"}")
                .getString("token");
        assertEquals(200, bearer(token, "GET", "/api/admin/sites", null).statusCode());

        assertEquals(
                200,
                admin.call("PUT", "/api/admin/users/" + userId + "/password", "{\"password\":\"set-by-admin-1\"}")
                        .statusCode());
        assertRefused(token, 403, "password_change_required");
        assertEquals(200, bearer(token, "GET", "/api/admin/me", null).statusCode(), "it may still read its account");
    }

    @Test
    void aTokenCannotMakeTokensAndBadRequestsSayWhatToFix() {
        String user = newUser("tokens-5");
        AdminApi session = AdminApi.as(user, "tokens-5-password");
        String token = create(session, "{\"name\":\"first\"}").getString("token");
        HttpResponse<String> byToken = bearer(token, "POST", "/api/admin/me/tokens", "{\"name\":\"second\"}");
        assertEquals(403, byToken.statusCode(), byToken.body());
        assertTrue(byToken.body().contains("token_cannot_create_tokens"), byToken.body());

        HttpResponse<String> noName = session.call("POST", "/api/admin/me/tokens", "{\"name\":\"  \"}");
        assertEquals(400, noName.statusCode(), noName.body());
        assertTrue(noName.body().contains("\"field\":\"name\""), noName.body());
        HttpResponse<String> tooLong =
                session.call("POST", "/api/admin/me/tokens", "{\"name\":\"x\",\"validDays\":5000}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("\"field\":\"validDays\""), tooLong.body());

        HttpResponse<String> anonymous = new Browserless()
                .send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/admin/sites"))
                        .header("Accept", "application/json")
                        .GET()
                        .build());
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.body().contains("Bearer"), "the refusal says how to use a token: " + anonymous.body());
    }

    private void assertRefused(String token, int status, String code) {
        HttpResponse<String> refused = bearer(token, "GET", "/api/admin/sites", null);
        assertEquals(status, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"" + code + "\""), refused.body());
    }

    private static HttpResponse<String> bearer(String token, String method, String path, String json) {
        return Browserless.withToken(Browserless.BASE, token, method, path, json);
    }

    private static JsonObject create(AdminApi session, String json) {
        HttpResponse<String> created = session.call("POST", "/api/admin/me/tokens", json);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject body = Json.createReader(new StringReader(created.body())).readObject();
        assertNotNull(body.getString("token", null), created.body());
        return body;
    }

    private String newUser(String prefix) {
        String name = TestData.unique(prefix).toLowerCase();
        HttpResponse<String> created = admin.call(
                "POST",
                "/api/admin/users",
                "{\"username\":\"" + name + "\",\"fullName\":\"Token User\",\"password\":\"" + prefix + "-password\"}");
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    private long idOf(String username) {
        String users = admin.call("GET", "/api/admin/users", null).body();
        return Json.createReader(new StringReader(users)).readArray().getValuesAs(JsonObject.class).stream()
                .filter(u -> username.equals(u.getString("username")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(username + " not in " + users))
                .getJsonNumber("id")
                .longValue();
    }

    private static List<JsonObject> entries(String auditJson) {
        return Json.createReader(new StringReader(auditJson)).readArray().getValuesAs(JsonObject.class);
    }
}
