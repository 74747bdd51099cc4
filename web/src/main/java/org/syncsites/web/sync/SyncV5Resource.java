package org.syncsites.web.sync;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.syncsites.sync.AuthenticatedSite;
import org.syncsites.sync.ConnectionCheck;
import org.syncsites.sync.Batch;
import org.syncsites.sync.PushedRecord;
import org.syncsites.sync.SiteSignIn;
import org.syncsites.sync.SiteSyncState;
import org.syncsites.sync.SyncExchange;
import org.syncsites.sync.SyncRecord;
import org.syncsites.sync.SyncRefusal;
import org.syncsites.sync.SyncRequestHeaders;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The seven endpoints of mSupply's sync v5 protocol (see shared/protocol/msupply-sync-v5.md), as a legacy
 * central server answers them. Every request signs the site in first. Field names, types and actions are the
 * protocol's; POST bodies are accepted with or without a Content-Type; errors are
 * {@code {"error":{"code","message","data"}}} with a 4xx status, and nothing is written by a refused request.
 */
@Path("/v5")
@Produces(MediaType.APPLICATION_JSON)
public class SyncV5Resource {

    /** Largest request body accepted (bytes): a push of thousands of records fits easily. */
    static final int MAX_BODY = 8 * 1024 * 1024;
    /** The longest record the central keeps (store_record.data). */
    static final int MAX_RECORD = 1_000_000;
    /** How long {@code initialise} waits for the site's queue to be filled before answering. */
    static final long INITIALISE_WAIT_MILLIS = Long.getLong("syncsites.sync.initialiseWaitMillis", 120_000);

    @EJB
    private SiteSignIn signIn;

    @EJB
    private SyncExchange exchange;

    @Resource
    private ManagedScheduledExecutorService timer;

    @HeaderParam("Authorization")
    private String authorization;
    @HeaderParam("msupply-site-uuid")
    private String hardwareId;
    @HeaderParam("app-name")
    private String appName;
    @HeaderParam("app-version")
    private String appVersion;
    @HeaderParam("version")
    private String syncVersion;
    @HeaderParam("Content-Length")
    private Long contentLength;

    @GET
    @Path("site")
    public String site() {
        SiteSyncState state = exchange.state(signIn());
        return "{\"id\":" + JsonText.quote(Long.toString(state.siteId())) + ",\"siteId\":" + state.siteId()
                + ",\"code\":" + JsonText.quote(state.code()) + ",\"name\":" + JsonText.quote(state.name())
                + ",\"initialisationStatus\":" + JsonText.quote(state.initialisationStatus())
                // the truth: only the site an admin marked is the open-mSupply central; the others are told its URL
                + ",\"omSupplyCentralServerUrl\":" + JsonText.quote(state.omSupplyCentralServerUrl())
                + ",\"isOmSupplyCentralServer\":" + state.omSupplyCentralServer()
                + ",\"mSupplyCentralSiteId\":" + state.centralSiteId() + "}";
    }

    @GET
    @Path("site_status")
    public String siteStatus() {
        String code = exchange.operationStatus(signIn());
        String message = switch (code) {
            case "initialisation_in_progress" -> "Initialisation in progress";
            case "integration_in_progress" -> "Integration in progress";
            default -> "idle";
        };
        return "{\"code\":" + JsonText.quote(code) + ",\"message\":" + JsonText.quote(message) + ",\"data\":null}";
    }

    /**
     * Sync Sites' own addition to v5, for a remote site's "Check connection": answers 200 with what works and
     * what does not, and never counts as a failed sign-in (see {@link SiteSignIn#check}).
     */
    @GET
    @Path("check_connection")
    public String checkConnection() {
        ConnectionCheck check = signIn.check(headers());
        return "{\"server\":\"Sync Sites\",\"minVersion\":" + SiteSignIn.MIN_SYNC_VERSION + ",\"maxVersion\":"
                + SiteSignIn.MAX_SYNC_VERSION + ",\"versionCompatible\":" + check.versionCompatible()
                + ",\"credentials\":" + JsonText.quote(check.credentials().name().toLowerCase(java.util.Locale.ROOT))
                + ",\"device\":" + JsonText.quote(check.device().name().toLowerCase(java.util.Locale.ROOT)) + "}";
    }

    /**
     * Queues the site's data and answers once it is queued, as the protocol's clients expect (an answer before that
     * would let them pull a half-filled queue and count the site as initialised). The wait holds no request thread:
     * the request is suspended and a managed timer looks every 200 ms, so a hundred sites initialising at once cost
     * no worker threads. After {@link #INITIALISE_WAIT_MILLIS} it answers 503 {@code initialisation_in_progress}; the
     * client then polls {@code site_status}, as it does when {@code site} says the initialisation has started.
     */
    @POST
    @Path("initialise")
    @Consumes(MediaType.WILDCARD)
    public void initialise(InputStream body, @Suspended AsyncResponse answer) {
        AuthenticatedSite site = signIn();
        String text = read(body);
        if (!text.isBlank()) {
            parseObject(text);
        }
        long queued = exchange.initialise(site);
        answerWhenQueued(answer, site, queued, System.currentTimeMillis() + INITIALISE_WAIT_MILLIS, 0);
    }

    private void answerWhenQueued(AsyncResponse answer, AuthenticatedSite site, long queued, long deadline, long delay) {
        SyncExchange exchange = this.exchange;
        timer.schedule(() -> {
            try {
                if (exchange.operationStatus(site).equals("idle")) {
                    long queueLength = Math.max(queued, exchange.queuedRecords(site, 1).count());
                    answer.resume("{\"queueLength\":" + queueLength + ",\"data\":[]}");
                } else if (System.currentTimeMillis() > deadline) {
                    answer.resume(new SyncRefusal(503, "initialisation_in_progress", "The site's data is still being "
                            + "queued. The remote site will wait for it and then pull it."));
                } else {
                    answerWhenQueued(answer, site, queued, deadline, 200);
                }
            } catch (RuntimeException e) {
                answer.resume(e);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    @GET
    @Path("central_records")
    public Response centralRecords(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        signIn();
        long from = number("cursor", cursor, 0, Long.MAX_VALUE);
        Batch batch = exchange.centralRecords(from, (int) number("limit", limit, 1, SyncExchange.MAX_BATCH));
        return streamed("maxCursor", batch, true);
    }

    @GET
    @Path("queued_records")
    public Response queuedRecords(@QueryParam("limit") String limit) {
        AuthenticatedSite site = signIn();
        Batch batch = exchange.queuedRecords(site, (int) number("limit", limit, 1, SyncExchange.MAX_BATCH));
        if (batch.records().isEmpty()) {
            exchange.syncCompleted(site);
        }
        return streamed("queueLength", batch, false);
    }

    /** A batch written straight to the response as it is serialised, never held as one String. */
    private static Response streamed(String countField, Batch batch, boolean central) {
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            out.append("{\"").append(countField).append("\":").append(Long.toString(batch.count())).append(",\"data\":[");
            appendRecords(out, batch.records(), central);
            out.append("]}");
            out.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("acknowledged_records")
    @Consumes(MediaType.WILDCARD)
    public Response acknowledge(InputStream body) {
        AuthenticatedSite site = signIn();
        JsonValue ids = parseObject(read(body)).get("syncIDs");
        if (!(ids instanceof JsonArray array)) {
            throw SyncRefusal.badRequest("Send {\"syncIDs\": [...]} with the syncOutId of every record received.");
        }
        if (array.size() > SyncExchange.MAX_BATCH) {
            throw SyncRefusal.badRequest("Acknowledge at most " + SyncExchange.MAX_BATCH + " records per request: "
                    + "the records of one pulled batch.");
        }
        Set<Long> syncOutIds = new LinkedHashSet<>();
        for (JsonValue id : array) {
            if (!(id instanceof JsonString text) || !text.getString().matches("\\d{1,18}")) {
                throw SyncRefusal.badRequest("Every syncID must be a syncOutId string as received, e.g. \"42\".");
            }
            syncOutIds.add(Long.parseLong(text.getString()));
        }
        exchange.acknowledge(site, syncOutIds);
        return Response.noContent().build();
    }

    @POST
    @Path("queued_records")
    @Consumes(MediaType.WILDCARD)
    public String push(InputStream body) {
        AuthenticatedSite site = signIn();
        JsonObject batch = parseObject(read(body));
        if (!(batch.get("queueLength") instanceof JsonNumber queueLength) || !queueLength.isIntegral()
                || queueLength.longValue() < 0) {
            throw SyncRefusal.badRequest("queueLength must be a whole number of at least 0.");
        }
        JsonValue data = batch.getOrDefault("data", JsonValue.EMPTY_JSON_ARRAY);
        if (!(data instanceof JsonArray records)) {
            throw SyncRefusal.badRequest("data must be an array of records.");
        }
        if (records.size() > SyncExchange.MAX_BATCH) {
            throw SyncRefusal.badRequest("Send at most " + SyncExchange.MAX_BATCH + " records per request.");
        }
        List<PushedRecord> pushed = new ArrayList<>(records.size());
        for (JsonValue record : records) {
            pushed.add(pushedRecord(record));
        }
        boolean last = queueLength.longValue() == 0;
        exchange.push(site, pushed, last);
        return "{\"integrationStarted\":" + last + "}";
    }

    // ------------------------------------------------------------------ helpers

    private AuthenticatedSite signIn() {
        if (contentLength != null && contentLength > MAX_BODY) {
            throw new SyncRefusal(413, "request_too_large", "The request body is larger than " + MAX_BODY
                    + " bytes. Send fewer records per request.");
        }
        return signIn.signIn(headers());
    }

    private SyncRequestHeaders headers() {
        return new SyncRequestHeaders(authorization, hardwareId, appName, appVersion, syncVersion);
    }

    private static void appendRecords(Writer json, List<SyncRecord> records, boolean central) throws IOException {
        boolean first = true;
        for (SyncRecord record : records) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('{');
            if (central) {
                json.append("\"ID\":").append(Long.toString(record.cursor()));
            } else {
                json.append("\"syncOutId\":\"").append(Long.toString(record.cursor())).append('"');
            }
            json.append(",\"tableName\":");
            JsonText.appendQuoted(json, record.tableName());
            json.append(",\"recordId\":");
            JsonText.appendQuoted(json, record.recordId());
            json.append(",\"action\":\"").append(record.action()).append('"');
            if (record.recordData() != null) {
                json.append(",\"recordData\":").append(record.recordData());
            }
            json.append('}');
        }
    }

    private static PushedRecord pushedRecord(JsonValue value) {
        if (!(value instanceof JsonObject record)) {
            throw SyncRefusal.badRequest("Every record in data must be an object.");
        }
        String syncOutId = text(record, "syncOutId", 40);
        String tableName = text(record, "tableName", 64);
        String recordId = text(record, "recordId", 64);
        String action = switch (text(record, "action", 10)) {
            case "insert", "Insert", "update", "Update" -> SyncRecord.UPDATE;
            case "delete", "Delete" -> SyncRecord.DELETE;
            case "merge", "Merge" -> throw SyncRefusal.badRequest("Record " + recordId + ": merges are made on the "
                    + "central server, not pushed.");
            default -> throw SyncRefusal.badRequest("Record " + recordId + ": unknown action '"
                    + record.getString("action") + "'. Use Insert, Update or Delete.");
        };
        JsonValue data = record.getOrDefault("recordData", JsonValue.NULL);
        if (SyncRecord.DELETE.equals(action)) {
            return new PushedRecord(syncOutId, tableName, recordId, action, null, null);
        }
        if (!(data instanceof JsonObject object)) {
            throw SyncRefusal.badRequest("Record " + recordId + ": recordData must be an object.");
        }
        String content = object.toString();
        if (content.length() > MAX_RECORD) {
            throw new SyncRefusal(413, "record_too_large", "Record " + tableName + "/" + recordId + " is "
                    + content.length() + " characters long; the central server keeps records of at most " + MAX_RECORD
                    + ". Nothing of this batch was kept.");
        }
        JsonValue store = object.get("store_ID");
        if (!(store instanceof JsonString storeCode)) {
            throw SyncRefusal.badRequest("Record " + recordId + ": recordData.store_ID must name the record's store.");
        }
        return new PushedRecord(syncOutId, tableName, recordId, action, storeCode.getString(), content);
    }

    private static String text(JsonObject record, String field, int maxLength) {
        JsonValue value = record.get(field);
        if (!(value instanceof JsonString string) || string.getString().isEmpty()
                || string.getString().length() > maxLength) {
            throw SyncRefusal.badRequest("Every record needs " + field + " as a string of 1 to " + maxLength
                    + " characters.");
        }
        return string.getString();
    }

    /**
     * The request body, read only now that the site has signed in (a body from anyone else is never read into
     * memory), and at most {@link #MAX_BODY} bytes of it, chunked or not: more is refused with 413.
     */
    private static String read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new SyncRefusal(413, "request_too_large", "The request body is larger than " + MAX_BODY
                        + " bytes. Send fewer records per request.");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SyncRefusal.badRequest("The request body could not be read: " + e.getMessage());
        }
    }

    private static JsonObject parseObject(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw SyncRefusal.badRequest("The request body is not a JSON object: " + e.getMessage());
        }
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value == null ? "" : value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SyncRefusal.badRequest(name + " must be a whole number from " + min + " to "
                + (max == Long.MAX_VALUE ? "any size" : max) + "; it was '" + value + "'.");
    }
}
