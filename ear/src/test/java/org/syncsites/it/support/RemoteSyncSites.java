package org.syncsites.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Sync Sites server the tests run as a remote site of the one they deploy to, driven through its admin API: a sync
 * started and waited for, and its stores as it lists them.
 */
public final class RemoteSyncSites {

    private RemoteSyncSites() {}

    private static final Duration A_SYNC = Duration.ofMinutes(3);

    /** Starts a sync and waits for it (or for one the timer started meanwhile) to finish. */
    public static String syncNow(AdminApi remote) throws InterruptedException {
        return syncNow(remote, A_SYNC);
    }

    /** Starts a sync and waits at most {@code within} for it (or one the timer started meanwhile) to finish. */
    public static String syncNow(AdminApi remote, Duration within) throws InterruptedException {
        return syncNow(remote, remote.call("GET", "/api/admin/remote", null).body(), within);
    }

    private static String syncNow(AdminApi remote, String statusBefore, Duration within) throws InterruptedException {
        String before = field(statusBefore, "lastFinishedAt");
        HttpResponse<String> started = remote.call("POST", "/api/admin/remote/sync", null);
        if (started.statusCode() == 400 && started.body().contains("running already")) {
            // the timer's sync came first: then ours
            return syncNow(remote, awaitSyncAfter(remote, before, within), within);
        }
        assertEquals(202, started.statusCode(), started.body());
        return awaitSyncAfter(remote, before, within);
    }

    /** Waits until a sync finished after {@code previousFinish} (null: any sync) and none runs. */
    public static String awaitSyncAfter(AdminApi remote, String previousFinish) throws InterruptedException {
        return awaitSyncAfter(remote, previousFinish, A_SYNC);
    }

    private static String awaitSyncAfter(AdminApi remote, String previousFinish, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = remote.call("GET", "/api/admin/remote", null).body();
            String finished = field(status, "lastFinishedAt");
            if (finished != null && !finished.equals(previousFinish) && status.contains("\"running\":false")) {
                return status;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No sync finished within " + within.toSeconds() + " s: " + status);
    }

    /** A string field of a JSON object, or null. */
    public static String field(String json, String name) {
        JsonObject object = Json.createReader(new StringReader(json)).readObject();
        return object.get(name) instanceof JsonString text ? text.getString() : null;
    }

    public static JsonObject store(AdminApi api, String code) {
        String stores =
                api.call("GET", "/api/admin/stores?filter=" + code, null).body();
        for (JsonValue store :
                Json.createReader(new StringReader(stores)).readObject().getJsonArray("rows")) {
            if (store.asJsonObject().getString("code").equals(code)) {
                return store.asJsonObject();
            }
        }
        throw new AssertionError("no store " + code + " in " + stores);
    }

    public static long storeIdByCode(AdminApi api, String code) {
        return store(api, code).getJsonNumber("id").longValue();
    }

    public static long recordCount(AdminApi api, String code) {
        return store(api, code).getJsonNumber("recordCount").longValue();
    }
}
