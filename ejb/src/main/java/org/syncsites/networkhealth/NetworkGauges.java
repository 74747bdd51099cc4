package org.syncsites.networkhealth;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.syncsites.resync.ResyncState;

/**
 * The network's state as Prometheus gauges (README, Metrics): remote sites by state (the dashboard's states), the
 * records queued for all sites and the sites by the length of their queue, the unfinished resync jobs. Read from
 * the database every {@value #EVERY_SECONDS} seconds on each node, not on each scrape, so that a scrape costs
 * nothing; every node reports the same cluster-wide figures (aggregate them with max, not sum). Made after the
 * database is migrated: a look at it during a migration would hold the tables a migration alters while it waited for
 * the application's start, which waits for the migration.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@PermitAll
@Lock(LockType.READ)
public class NetworkGauges {

    static final int EVERY_SECONDS = 15;

    /** The sites by queue length: empty, up to 999, up to 99,999, more. */
    enum QueueLength {
        EMPTY("0", "s.queue_length = 0"),
        SHORT("1-999", "s.queue_length BETWEEN 1 AND 999"),
        LONG("1000-99999", "s.queue_length BETWEEN 1000 AND 99999"),
        VERY_LONG("100000+", "s.queue_length >= 100000");

        final String label;
        final String condition;

        QueueLength(String label, String condition) {
            this.label = label;
            this.condition = condition;
        }
    }

    /** The figures of one look; null until the first. */
    record Figures(
            NetworkHealth.SiteCounts sites,
            long queuedRecords,
            Map<QueueLength, Long> sitesByQueue,
            long unfinishedResyncs) {}

    @Inject
    private MeterRegistry registry;

    @EJB
    private NetworkHealth health;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    private volatile Figures figures;

    private final List<Gauge> gauges = new ArrayList<>();

    @PostConstruct
    void register() {
        gauge("syncsites.sites", List.of(), f -> f.sites().sites());
        for (SiteState state : SiteState.values()) {
            gauge(
                    "syncsites.sites.state",
                    List.of(Tag.of("state", state.name().toLowerCase(Locale.ROOT))),
                    f -> f.sites().byState().get(state));
        }
        gauge("syncsites.queue.records", List.of(), Figures::queuedRecords);
        for (QueueLength length : QueueLength.values()) {
            gauge(
                    "syncsites.queue.sites",
                    List.of(Tag.of("length", length.label)),
                    f -> f.sitesByQueue().get(length));
        }
        gauge("syncsites.resync.jobs.unfinished", List.of(), Figures::unfinishedResyncs);
    }

    @Schedule(hour = "*", minute = "*", second = "*/" + EVERY_SECONDS, persistent = false, info = "network gauges")
    public void look() {
        StringBuilder sql = new StringBuilder("SELECT COALESCE(SUM(s.queue_length), 0)");
        for (QueueLength length : QueueLength.values()) {
            sql.append(", COALESCE(SUM(CASE WHEN ").append(length.condition).append(" THEN 1 ELSE 0 END), 0)");
        }
        Object[] queue = (Object[]) em.createNativeQuery(sql + " FROM site s WHERE s.central = FALSE")
                .getSingleResult();
        Map<QueueLength, Long> byQueue = new EnumMap<>(QueueLength.class);
        for (QueueLength length : QueueLength.values()) {
            byQueue.put(length, ((Number) queue[length.ordinal() + 1]).longValue());
        }
        long resyncs = em.createQuery("SELECT COUNT(j) FROM ResyncJob j WHERE j.state IN :states", Long.class)
                .setParameter("states", List.of(ResyncState.REQUESTED, ResyncState.RUNNING))
                .getSingleResult();
        figures = new Figures(health.siteCounts(), ((Number) queue[0]).longValue(), byQueue, resyncs);
    }

    /**
     * A gauge made by name (WildFly exports no meter made by a builder: see platform.Meters). A gauge of the same
     * name and tags left by an earlier deployment of the application (redeployed) is removed first: it would keep
     * reading that deployment's figures, and the registry would hand it back instead of making this one.
     */
    private void gauge(String name, List<Tag> tags, ToDoubleFunction<Figures> value) {
        registry.find(name).tags(tags).gauges().forEach(registry::remove);
        registry.gauge(name, tags, this, g -> g.value(value));
        Gauge made = registry.find(name).tags(tags).gauge();
        if (made != null) {
            gauges.add(made);
        }
    }

    /** The application is undeployed: its gauges go with it. */
    @PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
    }

    /** The figure of the last look; NaN (Prometheus: no value) before the first. */
    private double value(ToDoubleFunction<Figures> figure) {
        Figures now = figures;
        return now == null ? Double.NaN : figure.applyAsDouble(now);
    }
}
