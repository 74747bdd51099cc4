package org.syncsites.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The application's metrics, counted on this node, in the registry of WildFly's micrometer subsystem, which serves
 * them to Prometheus (names there: dots become underscores, counters end in {@code _total}, timers in
 * {@code _seconds}; README, Metrics, lists them). What happens inside a transaction is counted when it commits,
 * so a rolled-back request counts nothing it did not do. The network's state (sites by state, queues) is not
 * counted here but read as gauges (networkhealth.NetworkGauges).
 * <p>
 * WildFly hands the deployment a registry that exports only meters made by name ({@code counter(name, tags)},
 * {@code timer(name, tags)}, {@code gauge(...)}); meters made by a builder stay in the deployment, unexported, and
 * timers get no histogram. The latency histogram is therefore counted as Prometheus reads one: one counter per
 * bucket, each request counted in every bucket it fits under ({@code le}, cumulative, "+Inf" the count).
 */
@ApplicationScoped
public class Meters {

    /** The latency buckets of the sync requests, in seconds, from a quick answer to one a device gives up on. */
    static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    @Inject
    private MeterRegistry registry;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** The meters made so far, by name and tags: finding one in the registry searches all of them. */
    private final Map<List<String>, Object> made = new ConcurrentHashMap<>();

    private final Map<String, Counter[]> latencyBuckets = new ConcurrentHashMap<>();

    /** One request of the sync protocol answered, by its endpoint and HTTP status, and how long it took. */
    public void syncRequest(String endpoint, String method, int status, long nanos) {
        timer("syncsites.sync.requests", "endpoint", endpoint, "method", method, "status", String.valueOf(status))
                .record(nanos, TimeUnit.NANOSECONDS);
        double seconds = nanos / 1e9;
        Counter[] buckets = latencyBuckets.computeIfAbsent(endpoint, this::bucketsOf);
        for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
            if (seconds <= LATENCY_BUCKETS[i]) {
                buckets[i].increment();
            }
        }
        buckets[LATENCY_BUCKETS.length].increment();
    }

    /** Every bucket of an endpoint, made together (at 0), as a histogram has them all; the last is "+Inf". */
    private Counter[] bucketsOf(String endpoint) {
        Counter[] buckets = new Counter[LATENCY_BUCKETS.length + 1];
        for (int i = 0; i <= LATENCY_BUCKETS.length; i++) {
            buckets[i] = counter(
                    "syncsites.sync.requests.latency",
                    "endpoint",
                    endpoint,
                    "le",
                    i < LATENCY_BUCKETS.length ? Double.toString(LATENCY_BUCKETS[i]) : "+Inf");
        }
        return buckets;
    }

    /**
     * A sign-in refused for its credentials: {@code kind} "site" (a device) or "user" (a person). Counted at once:
     * the refusal happened whatever becomes of the transaction.
     */
    public void signInFailed(String kind) {
        counter("syncsites.sign_ins.failed", "kind", kind).increment();
    }

    /** A site began a sync session. */
    public void syncSessionStarted() {
        afterCommit(() -> counter("syncsites.sync.sessions").increment());
    }

    /** A request of a known site was refused with this sync protocol error code. */
    public void syncRefused(String code) {
        afterCommit(() -> counter("syncsites.sync.refusals", "code", code).increment());
    }

    /** Records a site pulled, acknowledged or pushed in one answered request. */
    public void recordsMoved(long pulled, long acknowledged, long pushed) {
        afterCommit(() -> {
            moved("pulled", pulled);
            moved("acknowledged", acknowledged);
            moved("pushed", pushed);
        });
    }

    /** A store resync job requested, completed or failed (given up). */
    public void resyncJob(String outcome) {
        afterCommit(() -> counter("syncsites.resync.jobs", "outcome", outcome).increment());
    }

    /** Records a resync queued for a site. */
    public void resyncRecordsQueued(long records) {
        if (records > 0) {
            afterCommit(() -> counter("syncsites.resync.records.queued").increment(records));
        }
    }

    /** The integration of a site's pushed records completed, or was given up. */
    public void pushIntegration(String outcome) {
        afterCommit(
                () -> counter("syncsites.push.integrations", "outcome", outcome).increment());
    }

    private void moved(String direction, long records) {
        if (records > 0) {
            counter("syncsites.sync.records", "direction", direction).increment(records);
        }
    }

    private Counter counter(String name, String... tags) {
        return (Counter) made.computeIfAbsent(key("counter", name, tags), k -> registry.counter(name, tags(tags)));
    }

    private Timer timer(String name, String... tags) {
        return (Timer) made.computeIfAbsent(key("timer", name, tags), k -> registry.timer(name, tags(tags)));
    }

    private static List<String> key(String type, String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 2);
        key.add(type);
        key.add(name);
        key.addAll(List.of(tags));
        return key;
    }

    private static List<Tag> tags(String... keysAndValues) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.add(Tag.of(keysAndValues[i], keysAndValues[i + 1]));
        }
        return tags;
    }

    /** Runs {@code count} when the current transaction commits, at once when there is none. */
    private void afterCommit(Runnable count) {
        AfterCommit.run(transactions, count);
    }
}
