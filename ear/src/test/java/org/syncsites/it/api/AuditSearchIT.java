package org.syncsites.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncsites.it.support.AdminApi.id;
import static org.syncsites.it.support.AdminApi.site;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.As;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * The audit trail searched as an admin asks it: by what was changed, what was done, who did it and when, a page at a
 * time from the newest, and exported as CSV with the same filter; a filter it cannot read is refused in words.
 */
@ExtendWith(TestServer.class)
class AuditSearchIT {

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void anAdminFindsASitesChangesByWhatWhoAndWhenPageByPageAndExportsThem() {
        String name = TestData.unique("Audited");
        long siteId =
                id(admin.call("POST", "/api/admin/sites", site(name, 5, null)).body());
        admin.call("PUT", "/api/admin/sites/" + siteId, site(name + " renamed", 10, "\"expectedVersion\":0"));
        String entity = "entity=" + encoded(name);

        List<JsonObject> ofTheSite = search(entity);
        assertTrue(ofTheSite.size() >= 3, "created, renamed, interval changed: " + ofTheSite);
        assertTrue(
                ofTheSite.stream().allMatch(e -> e.getJsonNumber("entityId").longValue() == siteId),
                ofTheSite.toString());
        assertEquals("SITE_CREATED", ofTheSite.get(ofTheSite.size() - 1).getString("action"), "the newest first");
        assertTrue(
                ofTheSite.stream().allMatch(e -> e.getString("source").equals("api")),
                "each made through the API: " + ofTheSite);
        assertTrue(search("entity=" + siteId).size() >= ofTheSite.size(), "found by its ID too");

        List<JsonObject> updates = search(entity + "&action=SITE_UPDATED");
        assertTrue(updates.stream().allMatch(e -> e.getString("action").equals("SITE_UPDATED")), updates.toString());
        assertEquals(
                ofTheSite.stream()
                        .filter(e -> e.getString("action").equals("SITE_UPDATED"))
                        .count(),
                updates.size());
        assertTrue(updates.size() >= 2, "its name and its interval: " + updates);
        assertEquals(ofTheSite.size(), search(entity + "&actor=" + As.ADMIN).size());
        assertEquals(0, search(entity + "&actor=somebody-else").size());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(
                ofTheSite.size(),
                search(entity + "&from=" + today + "&to=" + today).size(),
                "made today (UTC)");
        assertEquals(0, search(entity + "&to=" + today.minusDays(1)).size(), "nothing before today");

        // a page at a time: the next one starts below the last ID read
        List<JsonObject> first = search(entity + "&limit=1");
        assertEquals(1, first.size());
        List<JsonObject> next = search(
                entity + "&limit=1&before=" + first.get(0).getJsonNumber("id").longValue());
        assertEquals(ofTheSite.get(1).getJsonNumber("id"), next.get(0).getJsonNumber("id"));

        HttpResponse<String> csv = admin.get("/api/admin/audit/export.csv?" + entity, "text/csv");
        assertEquals(200, csv.statusCode(), csv.body());
        String[] lines = csv.body().split("\r\n");
        assertTrue(lines[0].startsWith("id,at,actor,action,entity_type,entity_id,entity"), lines[0]);
        assertEquals(ofTheSite.size() + 1, lines.length, csv.body());
        assertTrue(lines[lines.length - 1].contains("SITE_CREATED") && lines[1].contains(name), csv.body());
    }

    @Test
    void aFilterThatCannotBeReadIsRefusedInWords() {
        HttpResponse<String> action = admin.call("GET", "/api/admin/audit?action=SITE_DANCED", null);
        assertEquals(400, action.statusCode(), action.body());
        assertTrue(
                action.body().contains("\"field\":\"action\"") && action.body().contains("SITE_DANCED"), action.body());
        HttpResponse<String> day = admin.call("GET", "/api/admin/audit?from=yesterday", null);
        assertEquals(400, day.statusCode(), day.body());
        assertTrue(day.body().contains("\"field\":\"from\""), day.body());
    }

    private List<JsonObject> search(String query) {
        HttpResponse<String> answer = admin.call("GET", "/api/admin/audit?" + query, null);
        assertEquals(200, answer.statusCode(), query + ": " + answer.body());
        JsonArray entries = Json.createReader(new StringReader(answer.body())).readArray();
        return entries.getValuesAs(JsonObject.class);
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
