package org.syncsites.remote;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.syncsites.remote.http.ConnectionFailed;
import org.syncsites.remote.http.HttpReply;
import org.syncsites.remote.http.SyncTransport;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A remote site's side of mSupply's sync v5 protocol (shared/protocol/msupply-sync-v5.md), as open-mSupply's
 * client speaks it: Basic credentials of the site name and the SHA-256 hex of its password, the device's
 * hardware ID in {@code msupply-site-uuid}, routes resolved against the server URL's root, and up to three
 * attempts (connect timeouts 2, 5 and 10 s) when the server cannot be reached, does not answer in time or
 * answers 408. Other error answers are not retried: they become {@link SyncApiError}.
 */
public class SyncClient {

    /** The sync API version this client speaks (open-mSupply's SYNC_V5_VERSION at the fact sheet's snapshot). */
    public static final int SYNC_VERSION = 14;
    public static final String APP_NAME = "Sync Sites";
    public static final String APP_VERSION = "1.0.0";

    private static final Duration[] CONNECT_TIMEOUTS = {Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final SyncTransport transport;
    private final URI server;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public SyncClient(SyncTransport transport, String serverUrl, String siteName, String passwordSha256,
                      String hardwareId) {
        this.transport = transport;
        this.server = URI.create(serverUrl.strip());
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (siteName + ":" + passwordSha256.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)));
        headers.put("msupply-site-uuid", hardwareId);
        headers.put("app-version", APP_VERSION);
        headers.put("app-name", APP_NAME);
        headers.put("version", Integer.toString(SYNC_VERSION));
        headers.put("Content-Type", "application/json");
    }

    public String transportName() {
        return transport.name();
    }

    public CentralSiteInfo site() {
        JsonObject site = object(get("/sync/v5/site"), "/sync/v5/site");
        return new CentralSiteInfo(text(site, "id"), site.getJsonNumber("siteId").longValue(),
                text(site, "initialisationStatus"), site.getJsonNumber("mSupplyCentralSiteId").longValue());
    }

    /** The central's status code for this site: idle, or e.g. initialisation_in_progress. */
    public String siteStatus() {
        return text(object(get("/sync/v5/site_status"), "/sync/v5/site_status"), "code");
    }

    public long initialise() {
        String route = "/sync/v5/initialise";
        return object(expectSuccess(send("POST", route, "{}"), route), route).getJsonNumber("queueLength").longValue();
    }

    public ReceivedBatch centralRecords(long cursor, int limit) {
        String route = "/sync/v5/central_records";
        JsonObject batch = object(get(route + "?cursor=" + cursor + "&limit=" + limit), route);
        return new ReceivedBatch(batch.getJsonNumber("maxCursor").longValue(), records(batch, "ID"));
    }

    public ReceivedBatch queuedRecords(int limit) {
        String route = "/sync/v5/queued_records";
        JsonObject batch = object(get(route + "?limit=" + limit), route);
        return new ReceivedBatch(batch.getJsonNumber("queueLength").longValue(), records(batch, "syncOutId"));
    }

    public void acknowledge(List<String> syncOutIds) {
        var ids = Json.createArrayBuilder();
        syncOutIds.forEach(ids::add);
        String route = "/sync/v5/acknowledged_records";
        expectSuccess(send("POST", route, Json.createObjectBuilder().add("syncIDs", ids).build().toString()), route);
    }

    /** @return the central's {@code integrationStarted} */
    public boolean push(long queueLength, List<OutgoingRecord> records) {
        StringBuilder body = new StringBuilder(256 + records.size() * 200)
                .append("{\"queueLength\":").append(queueLength).append(",\"data\":[");
        for (int i = 0; i < records.size(); i++) {
            OutgoingRecord record = records.get(i);
            body.append(i == 0 ? "" : ",").append("{\"syncOutId\":").append(Json.createValue(
                            Long.toString(record.serial())))
                    .append(",\"tableName\":").append(Json.createValue(record.tableName()))
                    .append(",\"recordId\":").append(Json.createValue(record.recordId()))
                    .append(",\"action\":\"").append(record.deleted() ? "Delete" : "Update")
                    .append("\",\"recordData\":").append(record.deleted() ? "null" : record.recordData()).append('}');
        }
        String route = "/sync/v5/queued_records";
        JsonObject reply = object(expectSuccess(send("POST", route, body.append("]}").toString()), route), route);
        return reply.getBoolean("integrationStarted");
    }

    /**
     * Sync Sites' connection check ({@code GET /sync/v5/check_connection}), which never counts as a failed
     * sign-in. @return the raw answer: a central that is not Sync Sites answers 404.
     */
    public HttpReply checkConnection() {
        return send("GET", "/sync/v5/check_connection", null);
    }

    // ------------------------------------------------------------------ HTTP

    private String get(String route) {
        return expectSuccess(send("GET", route, null), route);
    }

    private HttpReply send(String method, String route, String body) {
        URI uri = server.resolve(route);
        ConnectionFailed last = null;
        for (Duration connectTimeout : CONNECT_TIMEOUTS) {
            try {
                HttpReply reply = transport.send(method, uri, headers, body, connectTimeout, READ_TIMEOUT);
                if (reply.status() != 408) {
                    return reply;
                }
                last = new ConnectionFailed("The central server timed out the request (HTTP 408)", true, null);
            } catch (ConnectionFailed e) {
                last = e;
            }
        }
        throw last;
    }

    private static String expectSuccess(HttpReply reply, String route) {
        if (!reply.successful()) {
            throw SyncApiError.of(reply, route);
        }
        return reply.body();
    }

    private static JsonObject object(String body, String route) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new SyncApiError(200, null, "The central server's answer to " + route + " is not the sync "
                    + "protocol's JSON (" + e.getMessage() + "). Check the server URL.");
        }
    }

    private static List<ReceivedRecord> records(JsonObject batch, String cursorField) {
        JsonArray data = batch.getJsonArray("data");
        List<ReceivedRecord> records = new ArrayList<>(data.size());
        for (JsonValue value : data) {
            JsonObject record = value.asJsonObject();
            JsonValue cursor = record.get(cursorField);
            String action = text(record, "action").toLowerCase(Locale.ROOT);
            action = action.equals("insert") ? "update" : action;
            JsonValue recordData = record.getOrDefault("recordData", JsonValue.NULL);
            String storeCode = recordData instanceof JsonObject object && object.get("store_ID") instanceof JsonString s
                    ? s.getString() : null;
            records.add(new ReceivedRecord(cursor instanceof JsonNumber number ? number.toString()
                    : ((JsonString) cursor).getString(), text(record, "tableName"), text(record, "recordId"), action,
                    recordData == JsonValue.NULL ? null : recordData.toString(), storeCode));
        }
        return records;
    }

    private static String text(JsonObject object, String field) {
        return object.getString(field);
    }
}
