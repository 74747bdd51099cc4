package org.syncsites.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Remote sites running full sync v5 cycles, as open-mSupply's synchroniser runs them (the call order of
 * docs/sync-v5.md, section 4.3): {@code site}; push of the site's new records, then the empty push that starts
 * integration; {@code site_status} after a second until idle; the central change log from the site's cursor until
 * an empty page; the site's queue, each page acknowledged, until an empty page.
 * <p>
 * Each virtual user is one site with its own device and connection. A site starts a cycle every {@code load.pace}
 * seconds (3 by default: 1,000 sites then send what 100,000 sites syncing every 5 minutes send, 333 cycles/s), or as
 * soon as the last one ended when a cycle takes longer. With several nodes ({@code load.nodes}, comma-separated)
 * each cycle goes to the next node in turn, as a load balancer without stickiness sends it.
 * <p>
 * Before the run, the network is generated on the first node (see {@link LoadNetwork}). The sites are a network in
 * use, not new ones: each has pulled the central change log before, up to the last {@code load.centralRecords}
 * records. So each site's first cycle (group "first sync" in the report) pulls those and its store's queued
 * records; the later ones (group "sync cycle") push 5 records and find nothing new, as most cycles of a network.
 * Properties: load.nodes, load.sites (1000), load.pace (3 s), load.seconds (120), load.adminPassword,
 * load.recordsPerStore (50), load.centralRecords (100), load.pushPerCycle (5).
 */
public class SyncCycleSimulation extends Simulation {

    private static final List<String> NODES = Arrays.asList(
            System.getProperty("load.nodes", "http://127.0.0.1:8080").split(","));
    private static final int SITES = Integer.getInteger("load.sites", 1000);
    private static final int PACE_SECONDS = Integer.getInteger("load.pace", 3);
    private static final int SECONDS = Integer.getInteger("load.seconds", 120);
    private static final int RECORDS_PER_STORE = Integer.getInteger("load.recordsPerStore", 50);
    private static final int CENTRAL_RECORDS = Integer.getInteger("load.centralRecords", 100);
    private static final int PUSH_PER_CYCLE = Integer.getInteger("load.pushPerCycle", 5);
    private static final String PAGE = "500"; // open-mSupply's default batch size
    /** Short, so that store codes stay within 20 characters. */
    private static final String PREFIX = "L" + Long.toString(System.currentTimeMillis() / 1000 % 10_000_000, 36);

    private static final AtomicLong CYCLES = new AtomicLong();
    private static volatile long loadStarted;
    private static final AtomicLong INTEGRATION_WAITS_OVER_30_S = new AtomicLong();
    private static final AtomicLong RECORDS_PULLED = new AtomicLong();
    private static final AtomicLong RECORDS_PUSHED = new AtomicLong();

    private final HttpProtocolBuilder protocol = http
            .disableWarmUp() // its warm-up request would leave this machine
            .acceptEncodingHeader("gzip") // what open-mSupply's HTTP client sends
            .header("Authorization", "#{authorization}")
            .header("msupply-site-uuid", "#{device}")
            .headers(LoadNetwork.CLIENT_HEADERS);

    private final ChainBuilder push = exec(session -> session.set("pushBody", pushBody(session)))
            .exec(http("push").post("#{node}/sync/v5/queued_records").body(StringBody("#{pushBody}"))
                    .check(status().is(200), jsonPath("$.integrationStarted").ofBoolean().is(false)))
            .exec(http("push end").post("#{node}/sync/v5/queued_records")
                    .body(StringBody("{\"queueLength\":0,\"data\":[]}"))
                    .check(status().is(200), jsonPath("$.integrationStarted").ofBoolean().is(true)))
            .exec(session -> session.set("status", "").set("polls", 0))
            .asLongAs(session -> !"idle".equals(session.getString("status")) && session.getInt("polls") < 30).on(
                    pause(Duration.ofSeconds(1))
                            .exec(http("site_status").get("#{node}/sync/v5/site_status")
                                    .check(status().is(200), jsonPath("$.code").saveAs("status")))
                            .exec(session -> session.set("polls", session.getInt("polls") + 1)))
            .exec(session -> {
                if (!"idle".equals(session.getString("status"))) {
                    INTEGRATION_WAITS_OVER_30_S.incrementAndGet();
                }
                return session;
            });

    private final ChainBuilder centralPull = exec(session -> session.set("more", true))
            .asLongAs("#{more}").on(
                    exec(http("central_records").get("#{node}/sync/v5/central_records?cursor=#{cursor}&limit=" + PAGE)
                            .check(status().is(200), jsonPath("$.maxCursor").ofLong().saveAs("maxCursor"),
                                    jsonPath("$.data[*].ID").ofLong().findAll().optional().saveAs("ids")))
                            .exec(SyncCycleSimulation::nextCentralPage));

    private final ChainBuilder queuePull = exec(session -> session.set("more", true))
            .asLongAs("#{more}").on(
                    exec(http("queued_records").get("#{node}/sync/v5/queued_records?limit=" + PAGE)
                            .check(status().is(200), jsonPath("$.queueLength").ofLong().exists(),
                                    jsonPath("$.data[*].syncOutId").findAll().optional().saveAs("syncIds")))
                            .doIfOrElse(session -> session.contains("syncIds")).then(
                                    exec(session -> session.set("ackBody", acknowledgement(session)))
                                            .exec(http("acknowledged_records")
                                                    .post("#{node}/sync/v5/acknowledged_records")
                                                    .body(StringBody("#{ackBody}"))
                                                    .check(status().in(200, 204)))
                                            .exec(session -> session.remove("syncIds")))
                            .orElse(exec(session -> session.set("more", false))));

    private final ChainBuilder cycle = exec(SyncCycleSimulation::nextNode)
            .exec(group("#{phase}").on(
                    exec(http("site").get("#{node}/sync/v5/site").check(status().is(200)))
                            .exec(push)
                            .exec(centralPull)
                            .exec(queuePull)))
            .exec(session -> {
                CYCLES.incrementAndGet();
                return session;
            });

    private final ScenarioBuilder sites = scenario("remote sites")
            .feed(sites())
            .during(Duration.ofSeconds(SECONDS), false).on( // false: a cycle under way ends
                    pace(Duration.ofSeconds(PACE_SECONDS)).exec(cycle));

    {
        setUp(sites.injectOpen(rampUsers(SITES).during(Duration.ofSeconds(PACE_SECONDS)))).protocols(protocol)
                .assertions(global().failedRequests().count().is(0L),
                        global().responseTime().percentile(99.0).lte(500));
    }

    @Override
    public void before() {
        System.out.printf("Generating %,d sites, each with a store of %,d records queued for it, and %,d central "
                + "records, on %s...%n", SITES, RECORDS_PER_STORE, CENTRAL_RECORDS, NODES.get(0));
        long start = System.nanoTime();
        try {
            new LoadNetwork(NODES.get(0), System.getProperty("load.adminPassword", "admin"))
                    .generate(PREFIX, SITES, RECORDS_PER_STORE, CENTRAL_RECORDS);
            firstCursor = Math.max(0, LoadNetwork.maxCursor(NODES.get(0), PREFIX + "-1", "load-device-" + PREFIX + "-1")
                    - CENTRAL_RECORDS);
        } catch (Exception e) {
            throw new IllegalStateException("The network could not be generated: " + e.getMessage(), e);
        }
        loadStarted = System.nanoTime();
        System.out.printf("Generated in %.1f s. %,d sites now sync every %d s for %d s against %s%n",
                (loadStarted - start) / 1e9, SITES, PACE_SECONDS, SECONDS, String.join(" and ", NODES));
    }

    @Override
    public void after() {
        double seconds = (System.nanoTime() - loadStarted) / 1e9;
        System.out.printf("LOAD RESULT|%d node(s)|sync cycles completed: %,d in %.0f s = %.1f cycles/s (offered: %.1f "
                        + "cycles/s, %,d sites every %d s; 100,000 sites every 5 minutes: 333 cycles/s)|records "
                        + "pulled: %,d|records pushed: %,d|integration not idle within 30 s: %d%n", NODES.size(),
                CYCLES.get(), seconds, CYCLES.get() / seconds, (double) SITES / PACE_SECONDS, SITES, PACE_SECONDS,
                RECORDS_PULLED.get(), RECORDS_PUSHED.get(), INTEGRATION_WAITS_OVER_30_S.get());
    }

    /** Site n: its name, credentials, device, store, and its own place in the central change log. */
    private static volatile long firstCursor;

    private static Iterator<Map<String, Object>> sites() {
        return IntStream.rangeClosed(1, SITES).mapToObj(n -> {
            Map<String, Object> site = new HashMap<>();
            String name = PREFIX + "-" + n;
            site.put("site", n);
            site.put("authorization", LoadNetwork.siteAuthorization(name));
            site.put("device", "load-device-" + name);
            site.put("store", LoadNetwork.storeCodePrefix(PREFIX) + n);
            site.put("cursor", firstCursor);
            site.put("cycle", 0);
            return site;
        }).iterator();
    }

    private static Session nextNode(Session session) {
        int cycle = session.getInt("cycle");
        String node = NODES.get((session.getInt("site") + cycle) % NODES.size());
        return session.set("cycle", cycle + 1).set("node", node)
                .set("phase", cycle == 0 ? "first sync" : "sync cycle");
    }

    /** open-mSupply's rule (docs/sync-v5.md §3.4): last ID received; +1 on an empty page below maxCursor; else done. */
    private static Session nextCentralPage(Session session) {
        long cursor = session.getLong("cursor");
        long max = session.getLong("maxCursor");
        if (session.contains("ids")) {
            List<Long> ids = session.getList("ids");
            RECORDS_PULLED.addAndGet(ids.size());
            return session.set("cursor", ids.get(ids.size() - 1)).remove("ids");
        }
        return cursor < max ? session.set("cursor", cursor + 1) : session.set("more", false);
    }

    private static final AtomicInteger PUSHED_ID = new AtomicInteger();

    /** The site's new records: {@code load.pushPerCycle} transactions of its store. */
    private static String pushBody(Session session) {
        StringBuilder body = new StringBuilder("{\"queueLength\":").append(PUSH_PER_CYCLE).append(",\"data\":[");
        String store = session.getString("store");
        for (int i = 0; i < PUSH_PER_CYCLE; i++) {
            String record = store + "-T" + PUSHED_ID.incrementAndGet();
            body.append(i == 0 ? "" : ",").append("{\"syncOutId\":\"").append(i + 1)
                    .append("\",\"tableName\":\"transact\",\"recordId\":\"").append(record)
                    .append("\",\"action\":\"Update\",\"recordData\":{\"ID\":\"").append(record)
                    .append("\",\"store_ID\":\"").append(store).append("\",\"total\":12.5}}");
        }
        RECORDS_PUSHED.addAndGet(PUSH_PER_CYCLE);
        return body.append("]}").toString();
    }

    private static String acknowledgement(Session session) {
        List<String> ids = session.getList("syncIds");
        RECORDS_PULLED.addAndGet(ids.size());
        return "{\"syncIDs\":[\"" + String.join("\",\"", ids) + "\"]}";
    }
}
