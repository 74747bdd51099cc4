package org.syncsites.it.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncsites.it.support.AdminApi.id;
import static org.syncsites.it.support.AdminApi.site;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Eventually;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * One action on every site a filtered list shows: counted, confirmed with that number, done in the background with
 * its progress readable, each site's change audited under the admin's name; refused for viewers, for a number that
 * no longer holds, and for a value out of range.
 */
@ExtendWith(TestServer.class)
class BulkActionsIT {

    private static final String BULK = "/api/admin/sites/bulk-actions";

    private final AdminApi admin = AdminApi.asAdmin();

    @Test
    void anAdminPausesTheSitesAListShowsAndSetsTheirIntervalEachChangeAudited() {
        String prefix = TestData.unique("Bulk");
        List<Long> chosen = List.of(newSite(prefix + " a"), newSite(prefix + " b"), newSite(prefix + " c"));
        long other = newSite(TestData.unique("Unbulked"));
        String filter = "filter=" + encoded(prefix);

        assertEquals(3, count(filter));
        assertEquals(0, count(filter + "&state=PAUSED"));
        assertEquals(0, count(filter + "&appVersion=9.9.9-none"), "no device said it runs that version");

        // the number confirmed must still hold
        HttpResponse<String> stale = start(prefix, null, "PAUSE_SYNC", null, 2);
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("now matches 3"), stale.body());

        HttpResponse<String> started = start(prefix, null, "PAUSE_SYNC", null, 3);
        assertEquals(202, started.statusCode(), started.body());
        assertTrue(
                started.headers().firstValue("Location").orElse("").contains(BULK + "/"),
                started.headers().toString());
        JsonObject done = finished(id(started.body()));
        assertEquals(3, done.getInt("total"));
        assertEquals(3, done.getInt("done"));
        assertEquals(0, done.getInt("failed"), done.toString());
        assertEquals(As.ADMIN, done.getString("requestedBy"));

        for (long siteId : chosen) {
            assertTrue(siteDetails(siteId).get("syncPausedAt") != null, "site " + siteId + " paused");
        }
        assertTrue(siteDetails(other).get("syncPausedAt") == null, "a site the filter did not show is left alone");
        assertEquals(3, count(filter + "&state=PAUSED"));
        assertEquals(3, audited(prefix, "SITE_SYNC_PAUSED"), "one audited change per site");
        String paused = admin.call("GET", "/api/admin/audit?action=SITE_SYNC_PAUSED&entity=" + encoded(prefix), null)
                .body();
        assertEquals(3, paused.split("\"source\":\"bulk action " + done.getInt("id") + "\"", -1).length - 1, paused);
        assertEquals(1, audited(prefix, "BULK_ACTION_STARTED"), "the action itself, with its selection");

        // the paused ones, their sync interval set
        HttpResponse<String> interval = start(prefix, "PAUSED", "SET_SYNC_INTERVAL", "15", 3);
        assertEquals(202, interval.statusCode(), interval.body());
        assertEquals(0, finished(id(interval.body())).getInt("failed"));
        for (long siteId : chosen) {
            assertEquals(
                    15, siteDetails(siteId).getJsonObject("settings").getInt("syncIntervalMinutes"), "site " + siteId);
        }
        assertEquals(5, siteDetails(other).getJsonObject("settings").getInt("syncIntervalMinutes"));

        // alerts muted for two days, then the sites resumed
        String until = Instant.now().plus(Duration.ofDays(2)).toString();
        HttpResponse<String> mute = start(prefix, null, "MUTE_ALERTS", until, 3);
        assertEquals(202, mute.statusCode(), mute.body());
        finished(id(mute.body()));
        assertTrue(siteDetails(chosen.get(1)).get("alertsMutedUntil") != null);
        HttpResponse<String> resume = start(prefix, "PAUSED", "RESUME_SYNC", null, 3);
        JsonObject resumed = finished(id(resume.body()));
        assertEquals(0, count(filter + "&state=PAUSED"));
        assertEquals(3, audited(prefix, "SITE_SYNC_RESUMED"));

        // a job that is done cannot be continued; the list of jobs holds it
        HttpResponse<String> again = admin.call("POST", BULK + "/" + resumed.getInt("id") + "/continue", null);
        assertEquals(400, again.statusCode(), again.body());
        assertTrue(admin.call("GET", BULK, null).body().contains("\"id\":" + resumed.getInt("id")));
    }

    /** A job whose node went down (its heartbeat stopped) shows as stopped, and is continued from where it was. */
    @Test
    void aJobThatStoppedWithItsNodeIsContinuedFromWhereItWas() {
        String prefix = TestData.unique("Stopped");
        List<Long> chosen = List.of(newSite(prefix + " a"), newSite(prefix + " b"));
        HttpResponse<String> started = start(prefix, null, "PAUSE_SYNC", null, 2);
        long jobId = id(started.body());
        finished(jobId);
        // as a node that died after taking the job and before dealing with any site would leave it
        HttpResponse<String> resumed = start(prefix, null, "RESUME_SYNC", null, 2);
        finished(id(resumed.body()));
        TestData.fromOutside()
                .update(
                        "UPDATE bulk_job SET state = 'RUNNING', heartbeat_at = ?, cursor_id = 0, done_count = 0, "
                                + "finished_at = NULL WHERE id = ?",
                        OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(3),
                        jobId);
        JsonObject stopped = json(admin.call("GET", BULK + "/" + jobId, null).body());
        assertEquals("STOPPED", stopped.getString("state"), stopped.toString());

        HttpResponse<String> continued = admin.call("POST", BULK + "/" + jobId + "/continue", null);
        assertEquals(200, continued.statusCode(), continued.body());
        JsonObject done = finished(jobId);
        assertEquals("DONE", done.getString("state"));
        assertEquals(2, done.getInt("done"), done.toString());
        for (long siteId : chosen) {
            assertTrue(siteDetails(siteId).get("syncPausedAt") != null, "site " + siteId + " paused again");
        }
    }

    @Test
    void whatCannotBeDoneIsRefusedBeforeAnySiteIsTouched() {
        String prefix = TestData.unique("Refused");
        newSite(prefix + " a");

        HttpResponse<String> size = start(prefix, null, "SET_REQUEST_SIZE", "5", 1);
        assertEquals(400, size.statusCode(), size.body());
        assertTrue(size.body().contains("\"field\":\"value\"") && size.body().contains("5,000"), size.body());
        HttpResponse<String> mute = start(prefix, null, "MUTE_ALERTS", "next week", 1);
        assertEquals(400, mute.statusCode(), mute.body());
        HttpResponse<String> unknown = start(prefix, null, "DANCE", null, 1);
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("PAUSE_SYNC"), "names the actions: " + unknown.body());
        HttpResponse<String> none = start(TestData.unique("Nothing"), null, "PAUSE_SYNC", null, 0);
        assertEquals(400, none.statusCode(), none.body());
        assertEquals(0, audited(prefix, "SITE_UPDATED"));

        String viewer = TestData.unique("bulkviewer").toLowerCase();
        admin.createUser(viewer, "", "viewer-password", false);
        AdminApi asViewer = AdminApi.as(viewer, "viewer-password");
        HttpResponse<String> counted = asViewer.call("GET", BULK + "/count?filter=" + encoded(prefix), null);
        assertEquals(200, counted.statusCode(), counted.body());
        HttpResponse<String> refused = asViewer.call("POST", BULK, request(prefix, null, "PAUSE_SYNC", null, 1));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Edit sync settings"), refused.body());
    }

    private long newSite(String name) {
        HttpResponse<String> created = admin.call("POST", "/api/admin/sites", site(name, 5, null));
        assertEquals(201, created.statusCode(), created.body());
        return id(created.body());
    }

    private long count(String query) {
        HttpResponse<String> answer = admin.call("GET", BULK + "/count?" + query, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer.body()).getJsonNumber("sites").longValue();
    }

    private HttpResponse<String> start(String filter, String state, String action, String value, long expected) {
        return admin.call("POST", BULK, request(filter, state, action, value, expected));
    }

    private static String request(String filter, String state, String action, String value, long expected) {
        return "{\"filter\":\"" + filter + "\"" + (state == null ? "" : ",\"state\":\"" + state + "\"")
                + ",\"action\":\"" + action + "\"" + (value == null ? "" : ",\"value\":\"" + value + "\"")
                + ",\"expectedCount\":" + expected + "}";
    }

    private JsonObject finished(long jobId) {
        return Eventually.await(
                "bulk action " + jobId + " done",
                Duration.ofSeconds(60),
                () -> json(admin.call("GET", BULK + "/" + jobId, null).body()),
                job -> !job.getString("state").equals("RUNNING"));
    }

    private JsonObject siteDetails(long siteId) {
        return json(admin.call("GET", "/api/admin/sites/" + siteId, null).body());
    }

    private long audited(String entity, String action) {
        String body = admin.call(
                        "GET", "/api/admin/audit?limit=500&action=" + action + "&entity=" + encoded(entity), null)
                .body();
        return Json.createReader(new StringReader(body)).readArray().size();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
