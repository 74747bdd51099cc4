package org.syncsites.it.integrity;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.As;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;
import org.syncsites.it.support.WildFlyProcess;

/**
 * The whole system under a seeded random workload, over HTTP as real users meet it: 20 simulated remote sites
 * sync in parallel (pull the central change log, push what their users enter — invoices, lines that name only their
 * invoice, transfers to other stores, patients made visible to their stores —, pull and acknowledge their queue;
 * now and then a batch is sent twice or an acknowledgement is lost, as on a flaky network), while an admin moves
 * stores between sites and the central, changes passwords, resets hardware IDs and the central writes master data
 * and store data. At the end every site syncs until nothing moves, and the invariants are checked:
 * <ul>
 *   <li>each site holds exactly the records of the stores it holds now (content and deletions as on the central)
 *       plus the global master data;</li>
 *   <li>every record a site pushed and the central accepted is in the central data with its last content, or set aside
 *   for an admin because its store had moved to another site when it was pushed;</li>
 *   <li>no record of a store reached a site outside the time it held the store, and no queue entry ever named
 *       a store its site did not hold.</li>
 * </ul>
 * {@code -Dsyncsites.it.seed=N} replays a seed, {@code -Dsyncsites.it.wholeSystem.seconds=S} sets how long the
 * workload runs (60 by default; 1200 for the long variant). With {@code -Dsyncsites.it.wholeSystem.crash=true} the
 * test runs its own server (port 8380, a database of its own), kills it with SIGKILL half-way through the workload
 * and starts it again; the sites ride it out as over a network outage. A failure names the seed and the first
 * invariant broken.
 */
@ExtendWith(TestServer.class)
@Isolated("its 20 sites sign in at once, filling the password checks: nothing else may run meanwhile")
class WholeSystemIT {

    private static final int SITES = 20;
    private static final int STORES = 14;
    private static final String TABLE = "transact";
    /** Lines name no store but their invoice ({@code transaction_ID}), as open-mSupply pushes them. */
    private static final String LINES = "trans_line";
    /** A patient is a {@code name} record of type patient, kept apart from the stores' data. */
    private static final String PATIENTS = "name";
    /** A patient becomes visible to a store through a {@code name_store_join} of the store's. */
    private static final String JOINS = "name_store_join";

    private static final String SERVER = "whole-system";
    private static final String ADMIN_PASSWORD = "whole-system-admin-1";

    private final long seed = Long.getLong("syncsites.it.seed", System.nanoTime());
    private final long seconds = Long.getLong("syncsites.it.wholeSystem.seconds", 60);
    private final boolean crash = Boolean.getBoolean("syncsites.it.wholeSystem.crash");
    private String base = Browserless.BASE;
    private volatile AdminApi admin;
    private TestData data;
    private WildFlyProcess server;
    /** While the server is down (killed, restarting), requests find no answer: the sites wait and try again. */
    private volatile boolean serverDown;

    private final String run = TestData.unique("W");
    private final long started = System.nanoTime();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong operations = new AtomicLong();

    /** Store ID → code; and who held each store when (admin calls bracket each move). */
    private final Map<Long, String> storeCodes = new HashMap<>();

    private final Map<String, List<Holding>> holdings = new ConcurrentHashMap<>();
    private final List<SimulatedSite> sites = new ArrayList<>();
    /** Every invoice entered, by ID: the store it belongs to (its lines' store), for every site to look up. */
    private final Map<String, String> invoiceStores = new ConcurrentHashMap<>();
    /** Every line entered: its invoice. */
    private final Map<String, String> lineInvoices = new ConcurrentHashMap<>();
    /** Every transfer entered (an invoice to another store's name): the code of the store it is for. */
    private final Map<String, String> transferParty = new ConcurrentHashMap<>();
    /** The sites that pushed a transfer or one of its lines, by the transfer's ID. */
    private final Map<String, Set<Long>> transferPushers = new ConcurrentHashMap<>();
    /** The sites that pushed each patient's record. */
    private final Map<String, Set<Long>> patientPushers = new ConcurrentHashMap<>();
    /** When the push of each record's last accepted content started. */
    private final Map<String, Long> pushedAt = new ConcurrentHashMap<>();

    private long centralSiteId;

    private record Holding(long siteId, long from, long until) {}

    @Test
    void everySiteEndsWithExactlyWhatItShouldHold() throws Exception {
        System.out.println(
                "WholeSystemIT seed " + seed + ", " + seconds + " s of workload" + (crash ? ", one crash" : ""));
        if (crash) {
            String url = WildFlyProcess.ownDatabase(SERVER);
            server = WildFlyProcess.start(
                            SERVER, "standalone-full.xml", 300, Map.of("syncsites.db.url", url), ADMIN_PASSWORD)
                    .awaitHealthy();
            base = server.baseUrl();
            admin = AdminApi.at(base, As.ADMIN, ADMIN_PASSWORD);
            data = TestData.at(url);
        } else {
            admin = AdminApi.asAdmin();
            data = TestData.fromOutside();
        }
        try {
            runAndCheck();
        } finally {
            if (server != null) {
                server.kill();
            }
        }
    }

    private void runAndCheck() throws Exception {
        setUp();
        ExecutorService threads = Executors.newFixedThreadPool(SITES + 1);
        List<Future<?>> running = new ArrayList<>();
        for (SimulatedSite site : sites) {
            running.add(threads.submit(() -> {
                while (!stop.get() && violations.isEmpty()) {
                    try {
                        site.syncOnce(true);
                    } catch (AssertionError noAnswer) {
                        if (!serverDown) {
                            throw noAnswer;
                        }
                        sleep(500); // the server is down: like a site on a network outage, try again later
                    }
                    sleep(site.random.nextInt(400)); // sites sync at their own pace: queues fill meanwhile
                }
                return null;
            }));
        }
        running.add(threads.submit(() -> {
            Random random = new Random(seed);
            boolean crashed = !crash;
            while (System.nanoTime() - started < seconds * 1_000_000_000L && violations.isEmpty()) {
                adminActs(random);
                Thread.sleep(random.nextInt(150));
                if (!crashed && System.nanoTime() - started > seconds * 500_000_000L) {
                    crashed = true;
                    crashAndRestart();
                }
            }
            stop.set(true);
            return null;
        }));
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            stop.set(true); // a failing thread stops the others
            threads.shutdown();
            threads.awaitTermination(3, TimeUnit.MINUTES);
        }
        check();
        quiesce();
        check();
        checkFinalState();
        System.out.println("WholeSystemIT seed " + seed + ": " + operations.get() + " operations, no invariant broken");
    }

    // ------------------------------------------------------------------ the admin and the central

    /** kill -9 of the server between two admin actions, then a start on the same data. */
    private void crashAndRestart() throws Exception {
        serverDown = true;
        server.kill();
        System.out.println("WholeSystemIT seed " + seed + ": server killed after " + operations.get() + " operations");
        server = server.restart().awaitHealthy();
        admin = AdminApi.at(base, As.ADMIN, ADMIN_PASSWORD); // sessions died with the server
        serverDown = false;
        System.out.println("WholeSystemIT seed " + seed + ": server restarted");
    }

    private void setUp() {
        centralSiteId =
                AdminApi.id(admin.call("GET", "/api/admin/sites?limit=1", null).body());
        for (int i = 0; i < STORES; i++) {
            String code = run + "S" + i;
            long id = admin.createStore(code, "Store " + i);
            storeCodes.put(id, code);
            holdings.put(code, new CopyOnWriteArrayList<>(List.of(new Holding(centralSiteId, 0, Long.MAX_VALUE))));
            admin.call(
                    "POST",
                    "/demo/api/stores/" + id + "/generated-records",
                    "{\"storeRecords\":" + (300 + i * 100) + ",\"storeSpecificCentralRecords\":3}");
        }
        for (int i = 0; i < SITES; i++) {
            String name = run + "-site" + i;
            long id = AdminApi.id(admin.call(
                            "POST",
                            "/api/admin/sites",
                            AdminApi.site(name, 5, null).replace("api-password-1", "pw-" + name + "-0"))
                    .body());
            sites.add(new SimulatedSite(id, name, "pw-" + name + "-0", new Random(seed + i)));
        }
    }

    private void adminActs(Random random) {
        operations.incrementAndGet();
        int choice = random.nextInt(100);
        List<Long> storeIds = new ArrayList<>(storeCodes.keySet());
        long storeId = storeIds.get(random.nextInt(storeIds.size()));
        SimulatedSite site = sites.get(random.nextInt(sites.size()));
        if (choice < 35) {
            moveStore(storeId, random.nextInt(5) == 0 ? null : site);
        } else if (choice < 45) {
            String password = "pw-" + site.name + "-" + random.nextInt(1_000_000);
            if (setSite(site.id, null, password)) {
                site.password = password;
            }
        } else if (choice < 52) {
            call("POST", "/api/admin/sites/" + site.id + "/hardware-id/reset", null);
        } else if (choice < 70) {
            call("POST", "/demo/api/master-data/generated-records", "{\"count\":" + (1 + random.nextInt(20)) + "}");
        } else if (choice < 92) {
            call(
                    "POST",
                    "/demo/api/stores/" + storeId + "/generated-records",
                    "{\"storeRecords\":" + (1 + random.nextInt(40)) + "}");
        } else {
            call(
                    "POST",
                    "/demo/api/stores/" + storeId + "/generated-records",
                    "{\"storeSpecificCentralRecords\":" + (1 + random.nextInt(5)) + "}");
        }
        long strays = data.count(
                "SELECT COUNT(*) FROM sync_queue q JOIN store st ON st.id = q.store_id "
                        + "JOIN site s ON s.id = q.site_id WHERE st.site_id <> q.site_id AND s.name LIKE ?",
                run + "-site%");
        if (strays > 0) {
            violate("a queue holds " + strays + " entries of stores its site does not hold");
        }
    }

    /** Moves the store to the site (null: back to the central), noting when it changed hands. */
    private void moveStore(long storeId, SimulatedSite to) {
        String code = storeCodes.get(storeId);
        long callStart = now();
        boolean moved;
        if (to == null) {
            Holding current = current(code);
            if (current.siteId == centralSiteId) {
                return;
            }
            moved = setStores(current.siteId, "\"storesToRemove\":[" + storeId + "]");
        } else {
            moved = setStores(to.id, "\"storesToAdd\":[" + storeId + "]");
        }
        long callEnd = now();
        if (moved) {
            List<Holding> history = holdings.get(code);
            Holding last = history.remove(history.size() - 1);
            history.add(new Holding(last.siteId, last.from, callEnd));
            history.add(new Holding(to == null ? centralSiteId : to.id, callStart, Long.MAX_VALUE));
        }
    }

    private Holding current(String code) {
        List<Holding> history = holdings.get(code);
        return history.get(history.size() - 1);
    }

    private boolean setStores(long siteId, String storeChange) {
        JsonObject details =
                json(call("GET", "/api/admin/sites/" + siteId, null).body());
        JsonObject settings = details.getJsonObject("settings");
        HttpResponse<String> saved = call(
                "PUT",
                "/api/admin/sites/" + siteId,
                "{\"expectedVersion\":" + details.getJsonNumber("version").longValue() + ",\"settings\":" + settings
                        + "," + storeChange + "}");
        return saved.statusCode() == 200;
    }

    private boolean setSite(long siteId, String storeChange, String password) {
        JsonObject details =
                json(call("GET", "/api/admin/sites/" + siteId, null).body());
        HttpResponse<String> saved = call(
                "PUT",
                "/api/admin/sites/" + siteId,
                "{\"expectedVersion\":"
                        + details.getJsonNumber("version").longValue() + ",\"settings\":"
                        + details.getJsonObject("settings")
                        + ",\"newPassword\":\"" + password + "\"}");
        return saved.statusCode() == 200;
    }

    private HttpResponse<String> call(String method, String path, String json) {
        HttpResponse<String> response = admin.call(method, path, json);
        if (response.statusCode() >= 500) {
            violate("the admin API failed: " + method + " " + path + " -> " + response.statusCode() + " "
                    + response.body());
        }
        return response;
    }

    // ------------------------------------------------------------------ a simulated remote site

    private final class SimulatedSite {
        final long id;
        final String name;
        volatile String password;
        final Random random;
        final String device;
        long centralCursor;
        int created;
        /** What this site holds: table/recordId → record (store code, data, deleted). */
        final Map<String, Held> records = new HashMap<>();

        final Map<String, JsonValue> master = new HashMap<>();
        /** Store code → site ID, from the store directory. */
        final Map<String, Long> directory = new HashMap<>();
        /** A line's invoice, by the line's ID: the line's store is the invoice's. */
        final Map<String, String> invoiceOfLine = new HashMap<>();
        /** The patients it knows (made here, or sent as visible to a store it held): ID → name record. */
        final Map<String, JsonObject> patients = new HashMap<>();
        /** Transfers (and their lines) received for a store it held then: table/recordId → content. */
        final Map<String, JsonObject> transfersIn = new HashMap<>();
        /** Records entered here and not yet accepted by the central; and the last accepted content of each. */
        final Map<String, Held> unsent = new HashMap<>();

        final Map<String, Held> accepted = new HashMap<>();
        /** A batch was accepted and the push's last request (which starts the integration) not yet. */
        boolean integrationOwed;

        SimulatedSite(long id, String name, String password, Random random) {
            this.id = id;
            this.name = name;
            this.password = password;
            this.random = random;
            this.device = "device-" + name;
        }

        RemoteSite remote() {
            return new RemoteSite(name, password, device).at(base);
        }

        /** One sync as open-mSupply does it; @return whether anything moved */
        boolean syncOnce(boolean enterData) {
            operations.incrementAndGet();
            RemoteSite remote = remote();
            HttpResponse<String> site = served(remote.get("site"));
            if (site.statusCode() != 200) {
                if (!triesAgainLater(site)) {
                    violate(name + ": signing in failed: " + site.body());
                }
                return true; // its password is changing, or the server had no turn to check it: try again
            }
            boolean moved = pullCentral(remote);
            if (enterData) {
                enter();
            }
            moved |= push(remote);
            if (!awaitIdle(remote)) {
                return true;
            }
            return pullQueue(remote) | moved;
        }

        private boolean pullCentral(RemoteSite remote) {
            boolean any = false;
            while (true) {
                HttpResponse<String> response =
                        served(remote.get("central_records?cursor=" + centralCursor + "&limit=200"));
                if (response.statusCode() != 200) {
                    return true;
                }
                JsonArray batch = json(response.body()).getJsonArray("data");
                for (JsonValue value : batch) {
                    JsonObject record = value.asJsonObject();
                    String key = record.getString("tableName") + "/" + record.getString("recordId");
                    boolean deleted = record.getString("action").equalsIgnoreCase("delete");
                    master.put(key, deleted ? JsonValue.NULL : record.get("recordData"));
                    if (record.getString("tableName").equals("store") && !deleted) {
                        JsonObject store = record.getJsonObject("recordData");
                        long holder = store.getJsonNumber("site_ID").longValue();
                        directory.put(store.getString("code"), holder);
                        if (holder != id) { // it left this site: its data goes
                            records.values().removeIf(h -> h.store.equals(store.getString("code")));
                        }
                    }
                    centralCursor = record.getJsonNumber("ID").longValue();
                    any = true;
                }
                if (batch.isEmpty()) {
                    return any;
                }
            }
        }

        /** Its users enter, change and delete records of the stores it holds. */
        private void enter() {
            List<String> mine = directory.entrySet().stream()
                    .filter(e -> e.getValue() == id)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            if (mine.isEmpty()) {
                return;
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                String store = mine.get(random.nextInt(mine.size()));
                int choice = random.nextInt(10);
                List<String> own = records.keySet().stream()
                        .filter(k -> k.startsWith(TABLE + "/" + name + "-") || k.startsWith(LINES + "/" + name + "-"))
                        .filter(k -> mine.contains(records.get(k).store))
                        .sorted()
                        .toList();
                // an invoice the central has: a line may be entered for it, pushed before or after it
                List<String> invoices = accepted.entrySet().stream()
                        .filter(e -> e.getValue().table.equals(TABLE)
                                && !e.getValue().deleted
                                && mine.contains(e.getValue().store))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList();
                List<String> others = storeCodes.values().stream()
                        .filter(c -> !mine.contains(c))
                        .sorted()
                        .toList();
                if (choice == 5 && !invoices.isEmpty()) {
                    String invoice = invoices.get(random.nextInt(invoices.size()));
                    String line = name + "-L" + (++created);
                    invoiceOfLine.put(line, invoice);
                    lineInvoices.put(line, invoice);
                    enterRecord(LINES, line, accepted.get(invoice).store, false);
                } else if (choice == 3) {
                    List<String> known = patients.keySet().stream().sorted().toList();
                    if (!known.isEmpty() && random.nextBoolean()) {
                        String patient = known.get(random.nextInt(known.size()));
                        if (random.nextBoolean()) {
                            enterPatient(patient, store); // an edit: set aside when no store of the site sees them
                        } else {
                            enterJoin(patient, store); // another of its stores sees them
                        }
                    } else {
                        String patient = name + "-P" + (++created);
                        enterPatient(patient, store);
                        enterJoin(patient, store);
                    }
                } else if (choice == 4 && !others.isEmpty()) {
                    // a transfer: an invoice to another store's name, which its site receives too
                    String recordId = name + "-T" + (++created);
                    transferParty.put(recordId, others.get(random.nextInt(others.size())));
                    enterRecord(TABLE, recordId, store, false);
                } else if (choice < 6 || own.isEmpty()) {
                    String recordId = name + "-" + (++created);
                    enterRecord(TABLE, recordId, store, false);
                } else {
                    String key = own.get(random.nextInt(own.size()));
                    String table = key.substring(0, key.indexOf('/'));
                    enterRecord(table, key.substring(table.length() + 1), records.get(key).store, choice == 9);
                }
            }
        }

        private void enterRecord(String table, String recordId, String store, boolean delete) {
            var content = Json.createObjectBuilder().add("ID", recordId).add("version", random.nextInt(1_000_000));
            if (table.equals(LINES)) {
                content.add("transaction_ID", invoiceOfLine.get(recordId));
            } else {
                content.add("store_ID", store);
                invoiceStores.put(recordId, store);
                if (transferParty.containsKey(recordId)) {
                    content.add("name_ID", "NAME_" + transferParty.get(recordId).toUpperCase(Locale.ROOT));
                }
            }
            Held held = new Held(table, store, delete ? null : content.build(), delete);
            records.put(table + "/" + recordId, held);
            unsent.put(recordId, held);
        }

        /** A patient's name record, as open-mSupply pushes it (a store's data only through its joins). */
        private void enterPatient(String patient, String store) {
            JsonObject content = Json.createObjectBuilder()
                    .add("ID", patient)
                    .add("type", "patient")
                    .add("name", "Doe, " + patient)
                    .add("first", patient)
                    .add("last", "Doe")
                    .add("code", patient)
                    .add("version", random.nextInt(1_000_000))
                    .add("supplying_store_id", store)
                    .add("customer", true)
                    .add("supplier", false)
                    .add("female", true)
                    .add("manufacturer", false)
                    .add("donor", false)
                    .add("hold", false)
                    .add("isDeceased", false)
                    .add("date_of_birth", "1990-01-31T00:00:00")
                    .build();
            patients.put(patient, content);
            unsent.put(patient, new Held(PATIENTS, store, content, false));
        }

        /** The patient made visible to the store: a join, the store's data. */
        private void enterJoin(String patient, String store) {
            String recordId = patient + "@" + store;
            Held held = new Held(
                    JOINS,
                    store,
                    Json.createObjectBuilder()
                            .add("ID", recordId)
                            .add("name_ID", patient)
                            .add("store_ID", store)
                            .add("inactive", false)
                            .add("om_name_is_customer", true)
                            .add("om_name_is_supplier", false)
                            .build(),
                    false);
            records.put(JOINS + "/" + recordId, held);
            unsent.put(recordId, held);
        }

        private boolean push(RemoteSite remote) {
            if (unsent.isEmpty() && !integrationOwed) {
                return false;
            }
            List<Map.Entry<String, Held>> all = new ArrayList<>(unsent.entrySet());
            int batchSize = 1 + random.nextInt(5);
            for (int from = 0; from < all.size(); from += batchSize) {
                List<Map.Entry<String, Held>> batch = all.subList(from, Math.min(all.size(), from + batchSize));
                StringBuilder body = new StringBuilder("{\"queueLength\":" + (all.size() - from) + ",\"data\":[");
                for (int i = 0; i < batch.size(); i++) {
                    Map.Entry<String, Held> e = batch.get(i);
                    body.append(i == 0 ? "" : ",")
                            .append("{\"syncOutId\":\"")
                            .append(from + i)
                            .append("\",\"tableName\":\"")
                            .append(e.getValue().table)
                            .append("\",\"recordId\":\"")
                            .append(e.getKey())
                            .append("\",\"action\":\"")
                            .append(e.getValue().deleted ? "Delete" : "Update")
                            .append("\",\"recordData\":")
                            .append(
                                    e.getValue().deleted
                                            ? "null"
                                            : e.getValue().data.toString())
                            .append("}");
                }
                body.append("]}");
                int times = random.nextInt(8) == 0 ? 2 : 1; // a timeout: the batch is sent again
                long pushStart = now();
                HttpResponse<String> response = null;
                boolean kept = false;
                for (int t = 0; t < times; t++) {
                    response = served(remote.post("queued_records", body.toString()));
                    kept |= response.statusCode() == 200;
                }
                if (kept) {
                    // kept by the central, even when the copy sent again was refused (its password changed meanwhile)
                    for (Map.Entry<String, Held> e : batch) {
                        accepted.put(e.getKey(), e.getValue());
                        pushedAt.put(e.getKey(), pushStart);
                        if (e.getValue().table.equals(PATIENTS)) {
                            patientPushers
                                    .computeIfAbsent(e.getKey(), p -> ConcurrentHashMap.newKeySet())
                                    .add(id);
                        }
                        String transfer = lineInvoices.getOrDefault(e.getKey(), e.getKey());
                        if (transferParty.containsKey(transfer)) {
                            transferPushers
                                    .computeIfAbsent(transfer, t -> ConcurrentHashMap.newKeySet())
                                    .add(id);
                        }
                    }
                    integrationOwed = true;
                }
                if (response.statusCode() != 200) {
                    if (!triesAgainLater(response)) {
                        violate(name + ": a push was refused: " + response.body());
                    }
                    return true;
                }
            }
            HttpResponse<String> last = served(remote.post("queued_records", "{\"queueLength\":0,\"data\":[]}"));
            if (last.statusCode() == 200) {
                all.forEach(e -> unsent.remove(e.getKey(), e.getValue()));
                integrationOwed = false;
            }
            return true;
        }

        private boolean awaitIdle(RemoteSite remote) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                HttpResponse<String> status = served(remote.get("site_status"));
                if (status.statusCode() != 200) {
                    if (!triesAgainLater(status)) {
                        violate(name + ": site_status answered " + status.body());
                    }
                    return false;
                }
                if (json(status.body()).getString("code").equals("idle")) {
                    return true;
                }
                sleep(100);
            }
            violate(name + ": its integration did not end within 120 s");
            return false;
        }

        private boolean pullQueue(RemoteSite remote) {
            boolean any = false;
            while (true) {
                long asked = now();
                HttpResponse<String> response =
                        served(remote.get("queued_records?limit=" + (50 + random.nextInt(300))));
                long answered = now();
                if (response.statusCode() != 200) {
                    return true;
                }
                JsonArray batch = json(response.body()).getJsonArray("data");
                if (batch.isEmpty()) {
                    return any;
                }
                any = true;
                List<String> ids = new ArrayList<>();
                for (JsonValue value : batch) {
                    JsonObject record = value.asJsonObject();
                    ids.add("\"" + record.getString("syncOutId") + "\"");
                    receive(record, asked, answered);
                }
                if (random.nextInt(10) == 0) {
                    continue; // the acknowledgement is lost: the batch comes again
                }
                served(remote.post("acknowledged_records", "{\"syncIDs\":" + ids + "}"));
            }
        }

        private void receive(JsonObject record, long asked, long answered) {
            String key = record.getString("tableName") + "/" + record.getString("recordId");
            boolean deleted = record.getString("action").equalsIgnoreCase("delete");
            JsonObject content = deleted || record.isNull("recordData") ? null : record.getJsonObject("recordData");
            String recordId = record.getString("recordId");
            if (record.getString("tableName").equals(PATIENTS)) {
                if (deleted) {
                    patients.remove(recordId);
                } else {
                    patients.put(recordId, content);
                }
                return;
            }
            String store = content == null
                    ? (records.containsKey(key)
                            ? records.get(key).store
                            : storeOfInvoice(lineInvoices.getOrDefault(recordId, recordId)))
                    : content.containsKey("transaction_ID")
                            ? storeOfInvoice(content.getString("transaction_ID"))
                            : content.getString("store_ID", null);
            if (store == null || !storeCodes.containsValue(store)) {
                return; // a delete of a record it never had, or data of another test's store
            }
            boolean held = holdings.get(store).stream()
                    .anyMatch(h -> h.siteId == id && h.from <= answered && h.until >= asked);
            if (!held) {
                // a transfer, or a line of one, for a store it held then
                String party = transferParty.get(lineInvoices.getOrDefault(recordId, recordId));
                if (party != null
                        && holdings.get(party).stream()
                                .anyMatch(h -> h.siteId == id && h.from <= answered && h.until >= asked)) {
                    if (deleted) {
                        transfersIn.remove(key);
                    } else {
                        transfersIn.put(key, content);
                    }
                    return;
                }
                if (deleted && !records.containsKey(key)) {
                    return; // a delete of a record it never had
                }
                violate(name + " received " + key + " of store " + store + ", which it did not hold at the time");
            }
            if (deleted) {
                records.remove(key);
            } else {
                records.put(key, new Held(record.getString("tableName"), store, content, false));
            }
        }
    }

    /** The store of an invoice of this run (an invoice never changes store); null for any other. */
    private String storeOfInvoice(String invoice) {
        return invoiceStores.get(invoice);
    }

    private record Held(String table, String store, JsonObject data, boolean deleted) {}

    // ------------------------------------------------------------------ the end

    /** Every site syncs, without entering anything, until a whole round moves nothing. */
    private void quiesce() {
        long deadline = System.currentTimeMillis() + 300_000;
        for (SimulatedSite site : sites) {
            data.update("UPDATE site SET blocked = FALSE, failed_login_count = 0 WHERE id = ?", site.id);
        }
        int quietRounds = 0;
        while (quietRounds < 2) {
            if (System.currentTimeMillis() > deadline) {
                violate("the sites did not settle within 5 minutes");
                return;
            }
            boolean moved = data.count("SELECT COUNT(*) FROM resync_job WHERE state IN ('REQUESTED', 'RUNNING')") > 0;
            for (SimulatedSite site : sites) {
                moved |= site.syncOnce(false);
            }
            quietRounds = moved ? 0 : quietRounds + 1;
            if (moved) {
                sleep(200);
            }
        }
    }

    private void checkFinalState() {
        // what is kept counted, not counted on each read, must equal the count
        for (Object[] row : data.rows(
                "SELECT s.name, s.queue_length, (SELECT COUNT(*) FROM sync_queue q WHERE q.site_id "
                        + "= s.id) FROM site s WHERE s.name LIKE ?",
                run + "-site%")) {
            if (((Number) row[1]).longValue() != ((Number) row[2]).longValue()) {
                violate(row[0] + "'s kept queue length is " + row[1] + " but its queue holds " + row[2] + " entries");
            }
        }
        long unreclaimed = data.count(
                "SELECT COUNT(*) FROM sync_out q JOIN site s ON s.id = q.site_id "
                        + "WHERE q.id < s.queue_reclaimed AND s.name LIKE ?",
                run + "-site%");
        if (unreclaimed > 0) {
            violate(unreclaimed
                    + " queue entries are still in the table below where their sites' queues were reclaimed");
        }
        long stores = data.count("SELECT COUNT(*) FROM store");
        long kept = data.count("SELECT stores FROM store_count");
        if (kept != stores) {
            violate("the kept count of stores is " + kept + " but there are " + stores);
        }
        Map<String, JsonValue> globalMaster = new HashMap<>();
        for (Object[] row :
                data.rows("SELECT table_name, record_id, data, deleted FROM master_record WHERE store_id IS NULL")) {
            globalMaster.put(
                    row[0] + "/" + row[1], Boolean.TRUE.equals(row[3]) ? JsonValue.NULL : parse((String) row[2]));
        }
        for (SimulatedSite site : sites) {
            if (!site.master.equals(globalMaster)) {
                Set<String> differing = new HashSet<>(globalMaster.keySet());
                differing.addAll(site.master.keySet());
                differing.removeIf(k -> Objects.equals(globalMaster.get(k), site.master.get(k)));
                violate(site.name + " does not hold the global master data as the central does: "
                        + differing.stream().limit(5).toList());
                break;
            }
            Map<String, JsonObject> expected = new HashMap<>();
            for (Object[] row : data.rows(
                    "SELECT r.table_name, r.record_id, r.data, r.deleted FROM store_record r "
                            + "JOIN store st ON st.id = r.store_id WHERE st.site_id = ? UNION ALL SELECT m.table_name, "
                            + "m.record_id, m.data, m.deleted FROM master_record m JOIN store st ON st.id = m.store_id "
                            + "WHERE st.site_id = ?",
                    site.id,
                    site.id)) {
                if (!Boolean.TRUE.equals(row[3])) {
                    expected.put(row[0] + "/" + row[1], parse((String) row[2]).asJsonObject());
                }
            }
            Map<String, JsonObject> actual = new HashMap<>();
            site.records.forEach((k, held) -> {
                if (!held.deleted && site.directory.getOrDefault(held.store, -1L) == site.id) {
                    actual.put(k, held.data);
                }
            });
            if (!actual.equals(expected)) {
                Set<String> missing = new HashSet<>(expected.keySet());
                missing.removeAll(actual.keySet());
                Set<String> extra = new HashSet<>(actual.keySet());
                extra.removeAll(expected.keySet());
                Set<String> stale = new HashSet<>(actual.keySet());
                stale.retainAll(expected.keySet());
                stale.removeIf(k -> actual.get(k).equals(expected.get(k)));
                violate(site.name + " does not hold exactly the records of its stores: missing " + missing.size() + " "
                        + missing.stream().limit(3).toList() + ", extra " + extra.size() + " "
                        + extra.stream().limit(3).toList() + ", stale " + stale.size() + " "
                        + stale.stream().limit(3).toList());
                break;
            }
            for (Map.Entry<String, Held> pushed : site.accepted.entrySet()) {
                Held held = pushed.getValue();
                boolean patient = held.table.equals(PATIENTS);
                if (patient && patientPushers.get(pushed.getKey()).size() > 1) {
                    continue; // several sites edited the patient: the last to arrive is kept (checked below)
                }
                List<Object[]> central = data.rows(
                        "SELECT data, deleted FROM " + (patient ? "shared_record" : "store_record")
                                + " WHERE table_name = ? AND record_id = ?",
                        held.table,
                        pushed.getKey());
                boolean ok = held.deleted
                        ? central.isEmpty() || Boolean.TRUE.equals(central.get(0)[1])
                        : central.size() == 1
                                && !Boolean.TRUE.equals(central.get(0)[1])
                                && parse((String) central.get(0)[0]).equals(held.data);
                if (!ok && setAsideAsAnotherStores(site, held.table, pushed.getKey())) {
                    continue;
                }
                if (!ok) {
                    violate(site.name + " pushed " + pushed.getKey() + " and the central accepted it, but holds "
                            + (central.isEmpty() ? "nothing" : central.get(0)[0] + " deleted=" + central.get(0)[1])
                            + " instead of " + (held.deleted ? "a deletion" : held.data));
                    break;
                }
            }
        }
        checkTransfers();
        checkPatients();
        check();
    }

    /**
     * Every transfer, with its lines, is held as the central holds it by the site that holds the store it is for, when
     * that store came to the site before the transfer's (or the line's) last content was pushed, by another site (a
     * line, too, when it came before the transfer was pushed again, but not before it was deleted). (A store that comes
     * to a site later brings its own data, not the transfers other stores made to it before.)
     */
    private void checkTransfers() {
        Map<Long, SimulatedSite> byId = new HashMap<>();
        sites.forEach(site -> byId.put(site.id, site));
        int checked = 0;
        for (Map.Entry<String, String> transfer : transferParty.entrySet()) {
            String invoice = transfer.getKey();
            List<Holding> history = holdings.get(transfer.getValue());
            SimulatedSite receiver = byId.get(history.get(history.size() - 1).siteId);
            Long invoicePushed = pushedAt.get(invoice);
            if (receiver == null
                    || invoicePushed == null
                    || transferPushers.getOrDefault(invoice, Set.of()).contains(receiver.id)
                    || holdings.get(invoiceStores.get(invoice)).stream().anyMatch(h -> h.siteId == receiver.id)) {
                continue; // for a store on the central; never taken; pushed by that site or its own store's once
            }
            long arrived = history.size() < 2 ? 0 : history.get(history.size() - 2).until;
            List<String> ids = new ArrayList<>(List.of(invoice));
            lineInvoices.forEach((line, of) -> {
                if (of.equals(invoice)) {
                    ids.add(line);
                }
            });
            if (data.count(
                            "SELECT COUNT(*) FROM sync_in WHERE record_id IN ("
                                    + String.join(",", Collections.nCopies(ids.size(), "?")) + ")",
                            ids.toArray())
                    > 0) {
                continue; // set aside (its store had moved away from the site that pushed it)
            }
            // the invoice's lines go with it when it is pushed again, not when its deletion is
            boolean invoiceKept = data.count(
                            "SELECT COUNT(*) FROM store_record WHERE table_name = ? AND record_id = ? "
                                    + "AND deleted = FALSE",
                            TABLE,
                            invoice)
                    > 0;
            for (String recordId : ids) {
                Long pushed = pushedAt.get(recordId);
                if (pushed == null || Math.max(pushed, invoiceKept ? invoicePushed : pushed) <= arrived) {
                    continue;
                }
                String table = recordId.equals(invoice) ? TABLE : LINES;
                List<Object[]> central = data.rows(
                        "SELECT data, deleted FROM store_record WHERE table_name = ? AND " + "record_id = ?",
                        table,
                        recordId);
                JsonObject expected = central.isEmpty() || Boolean.TRUE.equals(central.get(0)[1])
                        ? null
                        : parse((String) central.get(0)[0]).asJsonObject();
                JsonObject held = receiver.transfersIn.get(table + "/" + recordId);
                checked++;
                if (!Objects.equals(expected, held)) {
                    violate(receiver.name + ", which holds " + transfer.getValue() + ", holds " + held + " of the "
                            + "transfer's " + table + "/" + recordId + " instead of " + expected + " (pushed at "
                            + pushed
                            + " ms, the transfer at " + invoicePushed + " ms, kept: " + invoiceKept
                            + "; the store came at "
                            + arrived + " ms)");
                    return;
                }
            }
        }
        System.out.println("WholeSystemIT seed " + seed + ": " + transferParty.size() + " transfers entered, " + checked
                + " of their records checked at the sites of the stores they are for");
    }

    /**
     * A record the site pushed after its store moved away (before it learned so) is set aside, for an admin, with that
     * reason: it is not the site's to change any more.
     */
    private boolean setAsideAsAnotherStores(SimulatedSite site, String table, String recordId) {
        return data.count(
                        "SELECT COUNT(*) FROM sync_in "
                                + "WHERE site_id = ? AND table_name = ? AND record_id = ? AND failed_at IS NOT NULL AND (failure LIKE "
                                + "'%sync.setAside.anotherStore%' OR failure LIKE '%sync.setAside.deleteOfAnotherStore%' OR failure "
                                + "LIKE '%sync.setAside.patientNotVisible%')",
                        site.id, table, recordId)
                == 1;
    }

    /**
     * Every site holds every patient a store it holds sees, as the central holds them (a store that comes to a site
     * brings the patients it sees; an edit reaches every site whose stores see the patient).
     */
    private void checkPatients() {
        int checked = 0;
        for (SimulatedSite site : sites) {
            for (Object[] row : data.rows(
                    "SELECT r.record_id, r.data FROM shared_record r WHERE r.table_name = ? AND "
                            + "r.record_id LIKE ? AND r.deleted = FALSE AND EXISTS (SELECT 1 FROM patient_visibility v JOIN "
                            + "store st ON st.id = v.store_id WHERE v.patient_id = r.record_id AND st.site_id = ?) AND NOT "
                            + "EXISTS (SELECT 1 FROM sync_in i WHERE i.record_id = r.record_id)",
                    PATIENTS,
                    run + "-site%",
                    site.id)) {
                // (an edit set aside stays the pushing site's own: it differs from the central's until an admin acts)
                checked++;
                JsonValue expected = parse((String) row[1]);
                if (!expected.equals(site.patients.get((String) row[0]))) {
                    violate(site.name + " holds " + site.patients.get((String) row[0]) + " of patient " + row[0]
                            + ", whom a store of it sees, instead of " + expected);
                    return;
                }
            }
        }
        System.out.println("WholeSystemIT seed " + seed + ": " + patientPushers.size() + " patients pushed, " + checked
                + " held where their stores are checked");
    }

    private void check() {
        if (!violations.isEmpty()) {
            fail("WholeSystemIT seed " + seed + " (replay with -Dsyncsites.it.seed=" + seed + "): the first invariant "
                    + "broken: " + violations.get(0)
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        }
    }

    private void violate(String what) {
        if (violations.isEmpty()) {
            System.out.println("WholeSystemIT seed " + seed + ": " + what);
        }
        violations.add(what);
    }

    private long now() {
        return System.nanoTime() - started;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sync request the server could not serve (5xx: a deadlock, an unexpected error) breaks the run. */
    private HttpResponse<String> served(HttpResponse<String> response) {
        if (response.statusCode() >= 500 && !serverDown) {
            violate("the sync API answered " + response.statusCode() + " to "
                    + response.request().method() + " "
                    + response.request().uri().getPath() + ": " + response.body());
        }
        return response;
    }

    /**
     * Whether the refusal is one a site meets in normal life and tries again after: its password was changed
     * meanwhile, or the server had no turn to check it (sites signing in at once after a password change).
     */
    private static boolean triesAgainLater(HttpResponse<String> response) {
        return errorCode(response).equals("site_incorrect_password")
                || errorCode(response).equals("server_busy");
    }

    private static String errorCode(HttpResponse<String> response) {
        try {
            return json(response.body()).getJsonObject("error").getString("code");
        } catch (RuntimeException notAnError) {
            return "status " + response.statusCode();
        }
    }

    private static JsonValue parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static JsonObject json(String body) {
        return parse(body).asJsonObject();
    }
}
