package org.syncsites.syncv5;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one JSON codec of sync v5, for both sides: each wire shape written and read here, with the protocol's field
 * names, types and nulls (JSON-P). Reading is as strict as the protocol's clients are: a missing required field,
 * a wrong type or an unknown word is {@link Malformed}, whose message says which. Batches are written as a
 * stream, with each record's stored JSON text embedded as it is (it was JSON when it came in), so a batch of
 * thousands of records is never held as one String nor parsed again.
 */
public final class SyncV5Json {

    private static final JsonProvider JSON = JsonProvider.provider();

    private SyncV5Json() {}

    /** How much of a batch is built before it is handed to the Writer. */
    private static final int WRITE_CHUNK = 32 * 1024;

    /** A body that is not the protocol's shape; the message says what is wrong, in words a developer can act on. */
    public static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ GET site

    public static String siteInfo(SiteInfo site) {
        return JSON.createObjectBuilder()
                .add("id", site.id())
                .add("siteId", site.siteId())
                .add("code", site.code())
                .add("name", site.name())
                .add("initialisationStatus", site.initialisationStatus().wire())
                .add("omSupplyCentralServerUrl", site.omSupplyCentralServerUrl())
                .add("isOmSupplyCentralServer", site.isOmSupplyCentralServer())
                .add("mSupplyCentralSiteId", site.mSupplyCentralSiteId())
                .build()
                .toString();
    }

    /** The six fields the protocol requires; {@code code} and {@code name} are optional (null when absent). */
    public static SiteInfo readSiteInfo(String json) {
        JsonObject site = object(json);
        return new SiteInfo(
                text(site, "id"),
                whole(site, "siteId"),
                optionalText(site, "code"),
                optionalText(site, "name"),
                word(() -> InitialisationStatus.parse(text(site, "initialisationStatus"))),
                textAllowingEmpty(site, "omSupplyCentralServerUrl"),
                bool(site, "isOmSupplyCentralServer"),
                whole(site, "mSupplyCentralSiteId"));
    }

    // ------------------------------------------------------------------ GET site_status

    /** {@code {"code","message","data":null}}. */
    public static String siteStatus(OperationStatus status) {
        return JSON.createObjectBuilder()
                .add("code", status.wire())
                .add("message", status.message())
                .addNull("data")
                .build()
                .toString();
    }

    public static OperationStatus readSiteStatus(String json) {
        JsonObject status = object(json);
        text(status, "message");
        return word(() -> OperationStatus.parse(text(status, "code")));
    }

    // ------------------------------------------------------------------ batches: central_records, queued_records,
    // push, initialise

    /**
     * Writes {@code {"<count>":n,"data":[records]}} as the feed names them: the cursor a number ({@code ID}) or a
     * string ({@code syncOutId}); {@code recordData} embedded as it is, or {@code null} (a push's delete) or left
     * out (a pulled delete).
     */
    public static void writeBatch(Writer out, Feed feed, Batch batch) throws IOException {
        // built in a buffer of its own and handed over in large pieces: a Writer locks on every call
        StringBuilder json = new StringBuilder(WRITE_CHUNK + 4096);
        json.append("{\"")
                .append(feed.countField())
                .append("\":")
                .append(batch.count())
                .append(",\"data\":[");
        boolean first = true;
        for (SyncRecord record : batch.records()) {
            json.append(first ? "{\"" : ",{\"").append(feed.cursorField()).append("\":");
            first = false;
            if (feed.numericCursor()) {
                json.append(Long.parseLong(record.cursor()));
            } else {
                quote(json, record.cursor());
            }
            json.append(",\"tableName\":");
            quote(json, record.tableName());
            json.append(",\"recordId\":");
            quote(json, record.recordId());
            json.append(",\"action\":\"").append(feed.spell(record.action())).append('"');
            if (record.recordData() != null) {
                json.append(",\"recordData\":").append(record.recordData());
            } else if (feed == Feed.PUSH) {
                json.append(",\"recordData\":null");
            }
            json.append('}');
            if (json.length() >= WRITE_CHUNK) {
                out.append(json);
                json.setLength(0);
            }
        }
        out.append(json.append("]}"));
    }

    public static String batch(Feed feed, Batch batch) {
        StringWriter out = new StringWriter(64 + batch.records().size() * 160);
        try {
            writeBatch(out, feed, batch);
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
        return out.toString();
    }

    /**
     * A batch as the feed names its fields. {@code data} is optional (an empty list); each record's
     * {@code recordData} is kept as JSON text when it is an object, null when absent, null or a delete's.
     */
    public static Batch readBatch(String json, Feed feed) {
        JsonObject batch = object(json);
        if (!(batch.get(feed.countField()) instanceof JsonNumber count)
                || !count.isIntegral()
                || count.longValue() < 0) {
            throw new Malformed(feed.countField() + " must be a whole number of at least 0.");
        }
        JsonValue data = batch.getOrDefault("data", JsonValue.EMPTY_JSON_ARRAY);
        if (!(data instanceof JsonArray array)) {
            throw new Malformed("data must be an array of records.");
        }
        List<SyncRecord> records = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            records.add(record(value, feed));
        }
        return new Batch(count.longValue(), records);
    }

    private static SyncRecord record(JsonValue value, Feed feed) {
        if (!(value instanceof JsonObject record)) {
            throw new Malformed("Every record in data must be an object.");
        }
        String cursor;
        if (feed.numericCursor()) {
            if (!(record.get(feed.cursorField()) instanceof JsonNumber id) || !id.isIntegral()) {
                throw new Malformed("Every record needs " + feed.cursorField() + " as a whole number.");
            }
            cursor = id.bigIntegerValue().toString();
        } else {
            cursor = text(record, feed.cursorField(), "Every record needs ");
        }
        String tableName = text(record, "tableName", "Every record needs ");
        String recordId = text(record, "recordId", "Every record needs ");
        JsonValue actionValue = record.get("action");
        Action action;
        try {
            action = Action.parse(actionValue instanceof JsonString s ? s.getString() : String.valueOf(actionValue));
        } catch (IllegalArgumentException e) {
            throw new Malformed("Record " + recordId + ": unknown action " + actionValue
                    + ". Use Insert, Update or Delete (or Merge, from the central).");
        }
        JsonValue data = record.getOrDefault("recordData", JsonValue.NULL);
        if (action == Action.DELETE || data.getValueType() == JsonValue.ValueType.NULL) {
            return new SyncRecord(cursor, tableName, recordId, action, null, null);
        }
        if (!(data instanceof JsonObject object)) {
            throw new Malformed("Record " + recordId + ": recordData must be an object.");
        }
        String storeCode = object.get("store_ID") instanceof JsonString store ? store.getString() : null;
        return new SyncRecord(cursor, tableName, recordId, action, object.toString(), storeCode);
    }

    /** The body of {@code initialise}: {@code {}}. */
    public static String initialiseRequest() {
        return "{}";
    }

    /** An {@code initialise} body must be a JSON object; nothing in it is used. @return null */
    public static Void readInitialiseRequest(String json) {
        object(json);
        return null;
    }

    /** The answer to {@code initialise}: the site's queue length, no records. */
    public static String initialiseAnswer(long queueLength) {
        return batch(Feed.QUEUE, new Batch(queueLength, List.of()));
    }

    // ------------------------------------------------------------------ POST acknowledged_records

    public static String acknowledgement(Collection<String> syncOutIds) {
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        syncOutIds.forEach(ids::add);
        return JSON.createObjectBuilder().add("syncIDs", ids).build().toString();
    }

    /** The {@code syncIDs}, strings as received. */
    public static List<String> readAcknowledgement(String json) {
        if (!(object(json).get("syncIDs") instanceof JsonArray ids)) {
            throw new Malformed("Send {\"syncIDs\": [...]} with the syncOutId of every record received.");
        }
        List<String> syncOutIds = new ArrayList<>(ids.size());
        for (JsonValue id : ids) {
            if (!(id instanceof JsonString text)) {
                throw new Malformed("Every syncID must be a syncOutId string as received, e.g. \"42\".");
            }
            syncOutIds.add(text.getString());
        }
        return syncOutIds;
    }

    // ------------------------------------------------------------------ the answer to a push

    public static String pushAnswer(boolean integrationStarted) {
        return JSON.createObjectBuilder()
                .add("integrationStarted", integrationStarted)
                .build()
                .toString();
    }

    public static boolean readPushAnswer(String json) {
        return bool(object(json), "integrationStarted");
    }

    // ------------------------------------------------------------------ errors

    public static String error(SyncError error) {
        return JSON.createObjectBuilder()
                .add(
                        "error",
                        JSON.createObjectBuilder()
                                .add("code", error.code())
                                .add("message", error.message())
                                .add("data", error.data()))
                .build()
                .toString();
    }

    /** The error of a body that is the protocol's error body; empty for any other body (HTML, text, empty). */
    public static Optional<SyncError> readError(String json) {
        try {
            if (object(json).get("error") instanceof JsonObject error
                    && error.get("message") instanceof JsonString message) {
                return Optional.of(new SyncError(
                        error.get("code") instanceof JsonString code ? code.getString() : null,
                        message.getString(),
                        error.getOrDefault("data", JsonValue.NULL)));
            }
        } catch (Malformed notTheProtocolsErrorBody) {
            // empty below
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ GET check_connection (Sync Sites' own)

    public static String connectionCheck(ConnectionCheck check) {
        return JSON.createObjectBuilder()
                .add("server", check.server())
                .add("minVersion", check.minVersion())
                .add("maxVersion", check.maxVersion())
                .add("versionCompatible", check.versionCompatible())
                .add("credentials", check.credentials().wire())
                .add("device", check.device().wire())
                .build()
                .toString();
    }

    public static ConnectionCheck readConnectionCheck(String json) {
        JsonObject check = object(json);
        return new ConnectionCheck(
                text(check, "server"),
                (int) whole(check, "minVersion"),
                (int) whole(check, "maxVersion"),
                bool(check, "versionCompatible"),
                word(() -> ConnectionCheck.Credentials.valueOf(
                        text(check, "credentials").toUpperCase(Locale.ROOT))),
                word(() -> ConnectionCheck.Device.valueOf(text(check, "device").toUpperCase(Locale.ROOT))));
    }

    // ------------------------------------------------------------------ reading helpers

    private static JsonObject object(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json == null ? "" : json))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new Malformed("The body is not a JSON object: " + e.getMessage());
        }
    }

    private static String text(JsonObject object, String field) {
        return text(object, field, "The body needs ");
    }

    private static String text(JsonObject object, String field, String needs) {
        if (!(object.get(field) instanceof JsonString text) || text.getString().isEmpty()) {
            throw new Malformed(needs + field + " as a string.");
        }
        return text.getString();
    }

    private static String textAllowingEmpty(JsonObject object, String field) {
        if (!(object.get(field) instanceof JsonString text)) {
            throw new Malformed("The body needs " + field + " as a string (it may be empty).");
        }
        return text.getString();
    }

    private static String optionalText(JsonObject object, String field) {
        return object.get(field) instanceof JsonString text ? text.getString() : null;
    }

    private static long whole(JsonObject object, String field) {
        if (!(object.get(field) instanceof JsonNumber number) || !number.isIntegral()) {
            throw new Malformed("The body needs " + field + " as a whole number.");
        }
        return number.longValue();
    }

    private static boolean bool(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null
                || (value.getValueType() != JsonValue.ValueType.TRUE
                        && value.getValueType() != JsonValue.ValueType.FALSE)) {
            throw new Malformed("The body needs " + field + " as true or false.");
        }
        return value.getValueType() == JsonValue.ValueType.TRUE;
    }

    private static <T> T word(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (Malformed e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Malformed(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ writing helpers

    /** A JSON string literal: the text as it is when nothing in it needs escaping (the usual case), in one write. */
    private static void quote(StringBuilder out, String value) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 ? String.format("\\u%04x", (int) c) : null;
            };
            if (escaped != null) {
                out.append(value, plain, i).append(escaped);
                plain = i + 1;
            }
        }
        out.append(value, plain, value.length()).append('"');
    }
}
