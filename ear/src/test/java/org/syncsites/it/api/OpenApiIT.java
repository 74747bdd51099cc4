package org.syncsites.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.TestServer;

/**
 * The OpenAPI 3 document of the administration API, as the server serves it ({@code GET /openapi}): every resource
 * and operation of /api is in it, with its request and answer schemas and the error body, and nothing of the sync
 * protocol.
 */
@ExtendWith(TestServer.class)
class OpenApiIT {

    /** Every path of the API, as README lists them. */
    private static final List<String> PATHS = List.of(
            "/api/health",
            "/api/health/live",
            "/api/health/ready",
            "/api/admin/me",
            "/api/admin/me/password",
            "/api/admin/me/tokens",
            "/api/admin/me/tokens/{id}",
            "/api/admin/audit",
            "/api/admin/audit/export.csv",
            "/api/admin/network",
            "/api/admin/sites/import",
            "/api/admin/stores/export.csv",
            "/api/admin/network/settings",
            "/api/admin/backups",
            "/api/admin/network/minimum-app-versions",
            "/api/admin/network/minimum-app-versions/{appName}",
            "/api/admin/network/sites-ahead",
            "/api/admin/remote",
            "/api/admin/remote/trusted-certificate",
            "/api/admin/sites",
            "/api/admin/sites/export.csv",
            "/api/admin/sites/{id}",
            "/api/admin/sites/{id}/warnings",
            "/api/admin/sites/{id}/hardware-id/reset",
            "/api/admin/sites/{id}/devices",
            "/api/admin/devices",
            "/api/admin/sites/{id}/initialisation-preview",
            "/api/admin/sites/bulk-actions",
            "/api/admin/sites/bulk-actions/count",
            "/api/admin/sites/bulk-actions/{id}",
            "/api/admin/sites/bulk-actions/{id}/continue",
            "/api/admin/sites/{id}/unblock",
            "/api/admin/sites/{id}/pause",
            "/api/admin/sites/{id}/alert-mute",
            "/api/admin/sites/{id}/resume",
            "/api/admin/sites/{id}/reinitialise",
            "/api/admin/sites/{id}/resyncs",
            "/api/admin/sites/{id}/resyncs/{jobId}/retry",
            "/api/admin/sites/{id}/queue",
            "/api/admin/sites/{id}/history",
            "/api/admin/sites/{id}/oms-central",
            "/api/admin/sites/{id}/integration-failure",
            "/api/admin/sites/{id}/integration-failure/retry",
            "/api/admin/stores",
            "/api/admin/users",
            "/api/admin/users/{id}/password",
            "/api/admin/users/{id}/disable",
            "/api/admin/users/{id}/enable");

    @Test
    void theDocumentDescribesEveryResourceOfTheApiWithItsSchemasAndErrors() {
        HttpResponse<String> answer = new Browserless().get("/openapi?format=JSON");
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject document = Json.createReader(new StringReader(answer.body())).readObject();
        assertTrue(document.getString("openapi").startsWith("3."), document.getString("openapi"));
        // validated by swagger-parser; WildFly 39 writes the host document's info.license and externalDocs as empty
        // objects when the server configures none, which strict validators flag: everything else must be valid
        List<String> problems = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(answer.body(), null, null).getMessages().stream()
                        .filter(m -> !m.startsWith("attribute info.license.")
                                && !m.equals("attribute externalDocs.url is missing"))
                        .toList();
        assertEquals(List.of(), problems, "the document is valid OpenAPI " + document.getString("openapi"));
        assertEquals(
                "Sync Sites administration API",
                document.getJsonObject("info").getString("title", null),
                "the document's own words: " + document.getJsonObject("info") + " "
                        + document.getJsonObject("paths").keySet());

        JsonObject paths = document.getJsonObject("paths");
        Set<String> missing = new TreeSet<>(PATHS);
        missing.removeAll(paths.keySet());
        assertEquals(Set.of(), missing, "paths of the API not in the document");
        assertFalse(paths.keySet().stream().anyMatch(p -> p.startsWith("/sync")), "the sync protocol is not described");
        assertTrue(
                paths.keySet().stream().allMatch(p -> p.startsWith("/api/") || p.startsWith("/demo/api/")),
                "every path as a client calls it (/demo/api: the generators of the demo application the tests deploy): "
                        + paths.keySet());

        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        for (String schema : List.of(
                "Error",
                "SiteDetails",
                "SiteSummary",
                "SiteChangeSet",
                "HealthSettings",
                "Dashboard",
                "SyncSession",
                "QueuedGroup")) {
            assertTrue(schemas.containsKey(schema), "schema " + schema + " in " + schemas.keySet());
        }
        assertTrue(
                schemas.getJsonObject("SiteDetails").getJsonObject("properties").containsKey("hardwareId"));

        int operations = 0;
        for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue; // the demo application's generators are described as they are
            }
            for (Map.Entry<String, JsonValue> operation :
                    path.getValue().asJsonObject().entrySet()) {
                if (!List.of("get", "put", "post", "delete").contains(operation.getKey())) {
                    continue;
                }
                operations++;
                JsonObject responses = operation.getValue().asJsonObject().getJsonObject("responses");
                assertTrue(
                        responses.containsKey("default")
                                && responses.getJsonObject("default").toString().contains("#/components/schemas/Error"),
                        path.getKey() + " " + operation.getKey() + " says how it refuses: " + responses);
                assertTrue(
                        responses.keySet().stream().anyMatch(code -> code.startsWith("2")),
                        path.getKey() + " " + operation.getKey() + " says what it answers: " + responses);
            }
        }
        assertTrue(operations >= 40, operations + " operations");
        JsonObject create = paths.getJsonObject("/api/admin/sites").getJsonObject("post");
        assertTrue(create.getJsonObject("requestBody").toString().contains("SiteChangeSet"), create.toString());

        // a client reads how large a page can be, and what it gets by default, from the document
        for (String list :
                List.of("/api/admin/sites", "/api/admin/stores", "/api/admin/audit", "/api/admin/sites/{id}/history")) {
            JsonObject limit = paths
                    .getJsonObject(list)
                    .getJsonObject("get")
                    .getJsonArray("parameters")
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(p -> p.getString("name").equals("limit"))
                    .findFirst()
                    .orElseThrow()
                    .getJsonObject("schema");
            assertEquals("integer", limit.getString("type"), list + " limit " + limit);
            assertEquals(1, limit.getInt("minimum"), list + " limit " + limit);
            assertEquals(1000, limit.getInt("maximum"), list + " limit " + limit);
            assertEquals(list.endsWith("history") ? 50 : 100, limit.getInt("default"), list + " limit " + limit);
        }
    }
}
