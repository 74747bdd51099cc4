package org.syncsites.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The administration API speaks the language its caller asks for ({@code Accept-Language}), as the pages and the
 * sync protocol do, in its refusals (before JAX-RS: the sign-in and browser checks; in it: rules, permissions,
 * addresses) and in the business's words inside its answers; its codes stay the same. Without the header, or in a
 * language the words are not written in, it speaks English, so that a script reads what it always read.
 */
@ExtendWith(TestServer.class)
class ApiLanguagesIT {

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void refusalsOfEveryKindAreSaidInTheAskedLanguageWithTheSameCode() {
        AdminApi french = admin.readingLanguages("fr-CH, fr;q=0.9, en;q=0.8");
        assertRefused(
                french.call("GET", "/api/admin/sites?limit=ten", null), 400, "rule_violation", "est un nombre entier");
        assertTrue(
                french.call("GET", "/api/admin/sites?limit=ten", null)
                        .body()
                        .contains("\"field\":\"limit\",\"message\":\"« limit » est un nombre entier"),
                "each problem too");
        assertRefused(french.call("GET", "/api/admin/nothing-here", null), 404, "http_404", "Il n'y a rien");
        assertRefused(
                french.call("POST", "/api/admin/stores", "{not json"), 400, "malformed_json", "n'est pas le JSON");

        assertRefused(request("/api/admin/sites", "es", null, null), 401, "sign_in_required", "Inicie sesión primero");
        assertRefused(
                request("/api/admin/sites", "pt", "Bearer not-a-token", null),
                401,
                "token_invalid",
                "desconhecido ou foi revogado");
        HttpResponse<String> crossSite = new Browserless()
                .send(HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/admin/stores"))
                        .header("Accept-Language", "fr")
                        .header("Origin", "http://evil.example")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        assertRefused(crossSite, 403, "cross_origin_refused", "venait d'un autre site web");

        String viewer = TestData.unique("lecteur").toLowerCase();
        assertEquals(
                201,
                admin.call(
                                "POST",
                                "/api/admin/users",
                                "{\"username\":\"" + viewer
                                        + "\",\"fullName\":\"Lecteur\",\"password\":\"viewer-password-1\"}")
                        .statusCode());
        AdminApi reader = AdminApi.as(viewer, "viewer-password-1").readingLanguages("fr");
        assertRefused(
                reader.call("POST", "/api/admin/stores", "{\"code\":\"" + TestData.unique("LG") + "\",\"name\":\"x\"}"),
                403,
                "permission_denied",
                "pas les modifier");
        TestData.fromOutside().update("UPDATE app_user SET must_change_password = TRUE WHERE username = ?", viewer);
        assertRefused(
                reader.call("GET", "/api/admin/sites", null),
                403,
                "password_change_required",
                "Choisissez d'abord votre propre mot de passe");
        HttpResponse<String> changed = reader.call(
                "PUT",
                "/api/admin/me/password",
                "{\"currentPassword\":" + "\"viewer-password-1\",\"newPassword\":\"viewer-password-2\"}");
        assertTrue(changed.statusCode() < 300, changed.body());
        assertRefused(
                reader.call("POST", "/api/admin/stores", "{\"code\":\"" + TestData.unique("LG") + "\",\"name\":\"x\"}"),
                403,
                "permission_denied",
                "pas les modifier");
    }

    @Test
    void theBusinesssWordsInAnAnswerAreSaidInTheAskedLanguage() {
        String name = TestData.unique("Langue");
        long siteId = AdminApi.id(admin.call("POST", "/api/admin/sites", AdminApi.site(name, 5, null))
                .body());
        assertEquals(
                401,
                new RemoteSite(name, "not-its-password", "device-" + name)
                        .get("site")
                        .statusCode());

        String history = "/api/admin/sites/" + siteId + "/history";
        assertTrue(
                admin.readingLanguages("fr")
                        .call("GET", history, null)
                        .body()
                        .contains("Le nom du site ou le mot de passe est incorrect"),
                "the sync's outcome, in French");
        HttpResponse<String> english = admin.call("GET", history, null);
        assertTrue(english.body().contains("The site name or password is not right"), "no Accept-Language: English");
        assertTrue(
                english.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Language")),
                "an answer with words varies by language: " + english.headers().map());
        assertTrue(
                admin.readingLanguages("de, ja;q=0.5")
                        .call("GET", history, null)
                        .body()
                        .contains("The site name or password is not right"),
                "languages the words are not written in: English");
    }

    private static HttpResponse<String> request(String path, String languages, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Browserless.BASE + path))
                .header("Accept", "application/json")
                .header("Accept-Language", languages);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Browserless()
                .send(request.method(
                                json == null ? "GET" : "POST",
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String code, String words) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertTrue(
                answer.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Language")),
                "a cache keeps each language apart: " + answer.headers().map());
        JsonObject error =
                Json.createReader(new StringReader(answer.body())).readObject().getJsonObject("error");
        assertEquals(code, error.getString("code"), answer.body());
        assertTrue(error.getString("message").contains(words), answer.body());
    }
}
