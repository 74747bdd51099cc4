package org.syncsites.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A remote site that syncs as open-mSupply does (docs/open-msupply-data.md, from open-mSupply's
 * {@code server/service/src/sync/}): it pushes first, in POSTs of changelog order, where a line may come before its
 * invoice and a parent and its lines in separate requests; times as {@code "HH:MM:SS"}, dates as
 * {@code "YYYY-MM-DDT00:00:00"}, deletes with {@code recordData: null}; then it waits for the integration, pulls the
 * central change log and its queue, acknowledges, and keeps every record it received by record ID (as open-mSupply's
 * sync buffer does). It checks what open-mSupply needs of a store record: its own stores are the {@code store}
 * records whose {@code sync_id_remote_site} is its site ID, each with its {@code name} record.
 */
public final class OpenMSupplySite {

    /** How long a sync waits for the central to be idle (its integration of the push done) before it fails. */
    private static final Duration INTEGRATION_WAIT = Duration.ofSeconds(60);

    private final RemoteSite remote;
    /** The changes not pushed yet, in changelog order; each pushed batch leaves it (open-mSupply's push cursor). */
    private final Set<String> changelog = new LinkedHashSet<>();

    private final Map<String, String> pendingTable = new HashMap<>();
    private final Map<String, JsonObject> pendingData = new HashMap<>();
    /** Everything received, by record ID: (table, data or null for a delete). */
    public final Map<String, Map.Entry<String, JsonObject>> received = new HashMap<>();

    private long centralCursor;
    private long siteId;
    private boolean initialised;

    public OpenMSupplySite(String name, String password) {
        this(new RemoteSite(name, password, "oms-" + UUID.randomUUID()).asApp("Open mSupply Desktop"));
    }

    private OpenMSupplySite(RemoteSite remote) {
        this.remote = remote;
    }

    /**
     * A new site that syncs through another address (e.g. a {@link FaultyLink}), trying each request three times
     * when no answer comes, as open-mSupply does.
     */
    public static OpenMSupplySite over(String serverUrl, String name, String password) {
        return new OpenMSupplySite(
                new OpenMSupplySite(name, password).remote.at(serverUrl).retrying());
    }

    public RemoteSite remote() {
        return remote;
    }

    /** A local change, pushed at the next sync in the order made (a later change of the same record moves it last). */
    public void change(String table, String id, JsonObject data) {
        changelog.remove(id);
        changelog.add(id);
        pendingTable.put(id, table);
        pendingData.put(id, data);
    }

    /**
     * Outbound shipments entered in the store ({@code storeId}), each with its lines: invoice {@code prefix + i} and its
     * lines {@code prefix + i + "-L" + n}, changed in that order.
     */
    public void enterInvoices(String prefix, String storeId, int invoices, int linesEach) {
        for (int i = 0; i < invoices; i++) {
            String invoice = prefix + i;
            change("transact", invoice, invoice(invoice, storeId, "NAME-OF-A-CUSTOMER"));
            for (int line = 0; line < linesEach; line++) {
                String id = invoice + "-L" + line;
                change("trans_line", id, invoiceLine(id, invoice));
            }
        }
    }

    public void delete(String table, String id) {
        change(table, id, null);
    }

    /**
     * A whole sync: the first initialises and pulls; later ones push (in requests of {@code perRequest} records), wait
     * for the integration, then pull and acknowledge.
     */
    public void sync(int perRequest) {
        JsonObject site = json(ok(remote.get("site")).body());
        siteId = site.getJsonNumber("siteId").longValue();
        if (!initialised) {
            // the first sync initialises and pulls only: nothing is pushed before (open-mSupply skips the push)
            if (!site.getString("initialisationStatus").equals("started")) {
                ok(remote.post("initialise", "{}"));
            }
        } else {
            push(perRequest);
        }
        HttpResponse<String> polled;
        long deadline = System.nanoTime() + INTEGRATION_WAIT.toNanos();
        while ((polled = remote.get("site_status")).statusCode() == 200
                && !polled.body().contains("\"idle\"")) {
            if (System.nanoTime() > deadline) {
                throw new IntegrationTimedOut(polled.body());
            }
            pause(Duration.ofMillis(50));
        }
        String status = ok(polled).body();
        if (!status.contains("\"idle\"")) {
            throw new AssertionError("site_status: " + status);
        }
        while (true) {
            JsonObject batch = json(ok(remote.get("central_records?cursor=" + centralCursor + "&limit=500"))
                    .body());
            JsonArray data = batch.getJsonArray("data");
            if (data.isEmpty()) {
                break;
            }
            for (JsonValue value : data) {
                JsonObject record = value.asJsonObject();
                keep(record);
                centralCursor = record.getJsonNumber("ID").longValue();
            }
        }
        while (true) {
            JsonArray data =
                    json(ok(remote.get("queued_records?limit=500")).body()).getJsonArray("data");
            if (data.isEmpty()) {
                break;
            }
            var ack = Json.createArrayBuilder();
            for (JsonValue value : data) {
                keep(value.asJsonObject());
                ack.add(value.asJsonObject().getString("syncOutId"));
            }
            HttpResponse<String> acknowledged = remote.post(
                    "acknowledged_records",
                    Json.createObjectBuilder().add("syncIDs", ack).build().toString());
            if (acknowledged.statusCode() / 100 != 2) {
                throw new AssertionError("acknowledged_records: " + acknowledged.body());
            }
        }
        initialised = true;
    }

    /**
     * Syncs as open-mSupply's timer does over a link that breaks: a sync that fails for want of an answer (after its
     * request's three attempts), or because the central's integration of its push outlasted the wait, is started
     * again, resuming where the last one stopped, until one completes.
     *
     * @return how many syncs failed before one completed
     */
    public int syncUntilDone(int perRequest, int mostFailures) {
        for (int failures = 0; ; failures++) {
            try {
                sync(perRequest);
                return failures;
            } catch (Browserless.NoAnswer | IntegrationTimedOut failed) {
                if (failures >= mostFailures) {
                    throw failed;
                }
            }
        }
    }

    private void push(int perRequest) {
        pushChanges(perRequest);
        endPush();
    }

    /**
     * Sends the changes not pushed yet, in requests of {@code perRequest} records, without the empty request that ends
     * the push: the central keeps them to integrate at its end.
     */
    public void pushChanges(int perRequest) {
        List<String> ids = new ArrayList<>(changelog);
        for (int from = 0; from < ids.size(); from += perRequest) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + perRequest));
            StringBuilder body = new StringBuilder("{\"queueLength\":" + (ids.size() - from) + ",\"data\":[");
            for (int i = 0; i < batch.size(); i++) {
                String id = batch.get(i);
                JsonObject data = pendingData.get(id);
                body.append(i == 0 ? "" : ",")
                        .append(Json.createObjectBuilder()
                                .add("syncOutId", id + "-" + from)
                                .add("tableName", pendingTable.get(id))
                                .add("recordId", id)
                                .add("action", data == null ? "Delete" : "Update")
                                .add("recordData", data == null ? JsonValue.NULL : data)
                                .build());
            }
            ok(remote.post("queued_records", body.append("]}").toString()));
            batch.forEach(changelog::remove);
        }
    }

    /** The empty push that ends the site's push: the central starts integrating what it was sent. */
    public void endPush() {
        ok(remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}"));
    }

    private void keep(JsonObject record) {
        JsonValue data = record.getOrDefault("recordData", JsonValue.NULL);
        received.put(
                record.getString("recordId"),
                Map.entry(
                        record.getString("tableName"),
                        data.getValueType() == JsonValue.ValueType.OBJECT
                                ? data.asJsonObject()
                                : JsonValue.EMPTY_JSON_OBJECT));
    }

    /** The record received with this ID, or null. */
    public JsonObject got(String id) {
        Map.Entry<String, JsonObject> found = received.get(id);
        return found == null ? null : found.getValue();
    }

    /** The IDs of this site's own stores, as open-mSupply finds them: stores whose sync_id_remote_site is its site. */
    public List<String> activeStores() {
        List<String> stores = new ArrayList<>();
        received.forEach((id, record) -> {
            JsonObject store = record.getValue();
            if (record.getKey().equals("store")
                    && store.containsKey("sync_id_remote_site")
                    && store.getJsonNumber("sync_id_remote_site").longValue() == siteId
                    && store.containsKey("name_ID")
                    && got(store.getString("name_ID")) != null
                    && (store.getString("store_mode").equals("store")
                            || store.getString("store_mode").equals("dispensary"))
                    && store.containsKey("disabled")) {
                stores.add(id);
            }
        });
        return stores;
    }

    // ------------------------------------------------------------------ records as open-mSupply pushes them

    /** A {@code transact} as open-mSupply pushes an outbound shipment (to the store whose name is {@code nameId}). */
    public static JsonObject invoice(String id, String storeId, String nameId) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("store_ID", storeId)
                .add("name_ID", nameId)
                .add("invoice_num", 1)
                .add("type", "ci")
                .add("status", "fn")
                .add("om_status", "SHIPPED")
                .add("om_type", "OUTBOUND_SHIPMENT")
                .add("hold", false)
                .add("currency_rate", 1.0)
                .add("insuranceDiscountAmount", 0)
                .add("insuranceDiscountRate", 0)
                .add("entry_date", "2026-12-06T00:00:00")
                .add("entry_time", "09:15:00")
                .add("confirm_time", "09:20:00")
                .add("finalised_time", "09:30:00")
                .add("mode", "store")
                .addNull("comment")
                .add("om_created_datetime", "2026-12-06T09:15:00.123456")
                .build();
    }

    /** A {@code trans_line}: it names its invoice, not its store. */
    public static JsonObject invoiceLine(String id, String invoiceId) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("transaction_ID", invoiceId)
                .add("item_ID", "ITEM-1")
                .add("item_name", "Paracetamol 500mg")
                .add("pack_size", 100)
                .add("quantity", 3)
                .add("expiry_date", "2028-01-31T00:00:00")
                .add("type", "stock_out")
                .add("cost_price", 1.5)
                .add("sell_price", 2.0)
                .addNull("batch")
                .build();
    }

    public static JsonObject stocktake(String id, String storeId) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("store_ID", storeId)
                .add("status", "sg")
                .add("Locked", false)
                .add("serial_number", 7)
                .add("created_by_ID", "USER-1")
                .add("stock_take_created_date", "2026-12-06T00:00:00")
                .add("stock_take_time", "10:00:00")
                .build();
    }

    public static JsonObject stocktakeLine(String id, String stocktakeId) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("stock_take_ID", stocktakeId)
                .add("item_ID", "ITEM-1")
                .add("item_name", "Paracetamol 500mg")
                .add("snapshot_qty", 10)
                .add("snapshot_packsize", 1)
                .add("stock_take_qty", 9)
                .add("is_edited", true)
                .add("cost_price", 1)
                .add("sell_price", 2)
                .add("volume_per_pack", 0)
                .build();
    }

    public static JsonObject message(String id, String fromStore, String toStore) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("fromStoreID", fromStore)
                .add("toStoreID", toStore)
                .add("body", Json.createObjectBuilder().add("text", "Please send more ORS"))
                .add("createdDate", "2026-12-06")
                .add("createdTime", "11:00:00")
                .add("status", "new")
                .add("type", "RequestFieldChange")
                .build();
    }

    public static JsonObject patient(String id, String homeStore, String lastName) {
        JsonObjectBuilder patient = Json.createObjectBuilder()
                .add("ID", id)
                .add("name", lastName + ", Ana")
                .add("code", "P-" + id)
                .add("type", "patient")
                .add("customer", true)
                .add("supplier", false)
                .add("female", true)
                .add("manufacturer", false)
                .add("donor", false)
                .add("hold", false)
                .add("isDeceased", false)
                .add("supplying_store_id", homeStore)
                .add("first", "Ana")
                .add("last", lastName)
                .add("date_of_birth", "1990-01-31T00:00:00")
                .addNull("phone");
        return patient.build();
    }

    public static JsonObject nameStoreJoin(String id, String nameId, String storeId) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("name_ID", nameId)
                .add("store_ID", storeId)
                .add("inactive", false)
                .add("om_name_is_customer", true)
                .add("om_name_is_supplier", false)
                .build();
    }

    public static JsonObject document(String id, String patientId) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("name", "Patient/" + patientId)
                .add("parent_IDs", "[]")
                .add("user_ID", "USER-1")
                .add("type", "Patient")
                .add("context_ID", "Patient")
                .add("datetime", "2026-12-06T11:30:00")
                .add("data", Json.createObjectBuilder().add("weight", 61))
                .add("status", "ACTIVE")
                .addNull("form_schema_ID")
                .add("owner_name_ID", patientId)
                .build();
    }

    public static JsonObject barcode(String id, String gtin) {
        return Json.createObjectBuilder()
                .add("ID", id)
                .add("barcode", gtin)
                .add("itemID", "ITEM-1")
                .addNull("manufacturerID")
                .addNull("parentID")
                .add("packSize", 10)
                .build();
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.request().method() + " "
                    + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static void pause(Duration length) {
        try {
            Thread.sleep(length.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The central was still integrating the site's push when the sync stopped waiting: the sync failed. */
    public static final class IntegrationTimedOut extends AssertionError {
        IntegrationTimedOut(String siteStatus) {
            super("site_status not idle after " + INTEGRATION_WAIT.toSeconds() + " s: " + siteStatus);
        }
    }
}
