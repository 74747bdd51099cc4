package org.syncsites.it.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.Browserless;
import org.syncsites.it.support.RemoteSite;
import org.syncsites.it.support.TestData;
import org.syncsites.it.support.TestServer;

/**
 * Benchmark, not a test of speed: a network of sites signing in at once, as after an outage or every morning.
 * <ol>
 *   <li>10,000 sites (-Dbenchmark.sites=N) that signed in before, but not in the last hour, each send one
 *       authenticated {@code site_status} over 20 connections: how long until all are signed in (goal: within 60 s).
 *       Their first sign-ins, which made the digest, are done first (their benchmark password is hashed at bcrypt's
 *       lowest cost, so that this takes seconds).</li>
 *   <li>Baseline in the same run: 200 sites with real passwords (bcrypt cost 10) signing in for the first time,
 *       which is what every sign-in cost before the digest lasted until the password changes.</li>
 *   <li>Warm: {@code site_status} of one signed-in site against {@code /api/health}, the same number of requests
 *       over the same 20 connections (goal: at least 1.1 x health's rate).</li>
 *   <li>Warm, as devices send them: the same number of {@code site_status} over the same 20 connections, each
 *       connection one site's (a site's device sends one request at a time), so that what the requests of one site
 *       made together wait for (its session's row in the sync history) is told apart from what a request costs.</li>
 * </ol>
 * Run: {@code mvn verify -Pbenchmark -Dit.test=SignInStormBenchmark} (add -Ppostgresql), or all: {@code ./benchmark.sh}
 */
@ExtendWith(TestServer.class)
class SignInStormBenchmark {

    private static final int SITES = Integer.getInteger("benchmark.sites", 10_000);
    private static final int BCRYPT_SITES = 200;
    private static final int CONNECTIONS = 20;
    private static final String PASSWORD = "storm-password";

    @Test
    void aNetworkSigningInAtOnce() throws Exception {
        AdminApi admin = AdminApi.asAdmin();
        String prefix = TestData.unique("Storm");
        HttpResponse<String> generated = admin.call(
                "POST",
                "/demo/api/sites/generated",
                "{\"prefix\":\"" + prefix + "\",\"count\":" + SITES + ",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(200, generated.statusCode(), generated.body());
        IntFunction<HttpRequest> siteStatus =
                i -> new RemoteSite(prefix + "-" + (i + 1), PASSWORD, "device-" + prefix + "-" + (i + 1))
                        .getRequest("site_status");

        double first = run(SITES, (connection, i) -> siteStatus.apply(i));
        print(
                "first sign-in of %,d sites (binds each device; benchmark hash at bcrypt cost 4): %.1f s, %,d requests "
                        + "turned away for a turn to check the password (429) and sent again",
                SITES, first, turnedAway.get());
        TestData.fromOutside()
                .update(
                        "UPDATE site SET last_connection_at = ? WHERE name_key LIKE ?",
                        Timestamp.from(Instant.now().minusSeconds(3600)),
                        prefix.toLowerCase() + "-%");
        double storm = run(SITES, (connection, i) -> siteStatus.apply(i));

        String bcryptPrefix = TestData.unique("Cold");
        List<RemoteSite> cold = new ArrayList<>();
        for (int i = 0; i < BCRYPT_SITES; i++) {
            String name = bcryptPrefix + "-" + i;
            HttpResponse<String> created = admin.call(
                    "POST",
                    "/api/admin/sites",
                    "{\"settings\":{\"code\":\"\","
                            + "\"name\":\"" + name
                            + "\",\"syncIntervalMinutes\":5,\"syncRequestSize\":500,\"serverUrl\":\"\"},"
                            + "\"newPassword\":\"" + PASSWORD + "\"}");
            assertEquals(201, created.statusCode(), created.body());
            cold.add(new RemoteSite(name, PASSWORD, "device-" + name));
        }
        double bcrypt = run(BCRYPT_SITES, (connection, i) -> cold.get(i).getRequest("site_status"));

        HttpRequest warmStatus =
                new RemoteSite(prefix + "-1", PASSWORD, "device-" + prefix + "-1").getRequest("site_status");
        HttpRequest health = HttpRequest.newBuilder(URI.create(Browserless.BASE + "/api/health"))
                .GET()
                .build();
        run(2_000, (connection, i) -> warmStatus); // warm-up of both paths, not counted
        run(2_000, (connection, i) -> health);
        int warmRequests = 20_000;
        double warm = run(warmRequests, (connection, i) -> warmStatus);
        double healthSeconds = run(warmRequests, (connection, i) -> health);
        List<HttpRequest> devices = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            devices.add(siteStatus.apply(c));
        }
        double warmDevices = run(warmRequests, (connection, i) -> devices.get(connection));

        print(
                "%,d sites that signed in before, not in the last hour, all at once over %d connections: %.1f s = "
                        + "%,.0f sign-ins/s (goal: all within 60 s)",
                SITES, CONNECTIONS, storm, SITES / storm);
        print(
                "baseline, %d first sign-ins at bcrypt cost 10 (what every sign-in after 10 minutes cost before): "
                        + "%.1f s = %,.0f sign-ins/s",
                BCRYPT_SITES, bcrypt, BCRYPT_SITES / bcrypt);
        String database =
                System.getProperty("syncsites.it.db.url").startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
        print(
                "RESULT|sign-in storm, %s: distinct sites signed in per second (%,d sites, %d connections) vs first "
                        + "sign-ins at bcrypt cost 10|%.0f|%.0f|%.1f|all %,d within 60 s (%.1f s)",
                database,
                SITES,
                CONNECTIONS,
                SITES / storm,
                BCRYPT_SITES / bcrypt,
                (SITES / storm) / (BCRYPT_SITES / bcrypt),
                SITES,
                storm);
        print(
                "authenticated site_status, warm: %,.0f req/s (one site over %d connections), %,.0f req/s (%d sites, "
                        + "one connection each); /api/health: %,.0f req/s",
                warmRequests / warm,
                CONNECTIONS,
                warmRequests / warmDevices,
                CONNECTIONS,
                warmRequests / healthSeconds);
        print(
                "RESULT|authenticated site_status, warm, %s (req/s) vs /api/health|%.0f|%.0f|%.2f|at least 1.1 x health",
                database, warmRequests / warm, warmRequests / healthSeconds, healthSeconds / warm);
        print(
                "RESULT|authenticated site_status, warm, %s, %d sites with one connection each (req/s) vs /api/health|%.0f"
                        + "|%.0f|%.2f|at least 1.1 x health",
                database,
                CONNECTIONS,
                warmRequests / warmDevices,
                warmRequests / healthSeconds,
                healthSeconds / warmDevices);
    }

    /**
     * Sends request {@code 0 .. count-1} over {@link #CONNECTIONS} connections of their own (numbered from 0), each
     * answered 200.
     * @return the seconds it took
     */
    private static final AtomicInteger turnedAway = new AtomicInteger();

    private static double run(int count, BiFunction<Integer, Integer, HttpRequest> request) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < CONNECTIONS; w++) {
                int connection = w;
                done.add(workers.submit(() -> {
                    HttpClient client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10))
                            .build();
                    int failed = 0;
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        HttpResponse<String> answer =
                                client.send(request.apply(connection, i), HttpResponse.BodyHandlers.ofString());
                        while (answer.statusCode() == 429) {
                            // no turn to check the password (a bounded number are checked at once): as a device
                            // would, again, though sooner than Retry-After says, so that the time measured is the
                            // server's
                            turnedAway.incrementAndGet();
                            Thread.sleep(20);
                            answer = client.send(request.apply(connection, i), HttpResponse.BodyHandlers.ofString());
                        }
                        if (answer.statusCode() != 200) {
                            failed++;
                            System.out.println(
                                    "BENCHMARK unexpected answer " + answer.statusCode() + ": " + answer.body());
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (Future<Integer> worker : done) {
                failed += worker.get();
            }
            assertEquals(0, failed, "every request is answered 200");
        } finally {
            workers.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String format, Object... values) {
        System.out.println("BENCHMARK " + String.format(format, values));
    }
}
