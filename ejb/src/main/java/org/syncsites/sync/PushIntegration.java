package org.syncsites.sync;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.syncsites.legacytables.DataKind;
import org.syncsites.legacytables.LegacyTables;
import org.syncsites.masterdata.MasterRecords;
import org.syncsites.platform.Columns;
import org.syncsites.platform.Failures;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.Meters;
import org.syncsites.platform.Text;
import org.syncsites.platform.Times;
import org.syncsites.platform.WorkMessages;
import org.syncsites.store.StoreRecords;
import org.syncsites.syncqueue.SiteQueue;

/**
 * Integrates what a remote site pushed (kept in sync_in as it arrived) into the central data, after the site's
 * last push request: one chunk per JMS message, each chunk in its own transaction together with the message for
 * the next one, so a crash loses nothing and applies nothing twice (a chunk removes what it applied). Every node
 * resumes integrations whose heartbeat went stale (their node died with the message).
 */
@Stateless
@PermitAll
public class PushIntegration {

    /** JNDI name of the queue that carries integration work (see wildfly-config/cli/messaging.cli). */
    public static final String QUEUE = "java:/jms/queue/syncsites/PushIntegration";

    static final int CHUNK_SIZE = 2000;
    /** At most this many characters of record data per chunk (one transaction), whatever the record count. */
    static final long CHUNK_BYTES = Long.getLong("syncsites.integration.chunkBytes", 16L * 1024 * 1024);

    static final Duration STALE_AFTER = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(PushIntegration.class.getName());

    @Inject
    private Meters meters;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private JMSContext jms;

    @Resource(lookup = QUEUE)
    private Queue queue;

    @Resource
    private SessionContext context;

    @EJB
    private IntegrationProgress progress;

    /** The site's last push arrived: integrate everything it sent, in the background (caller's transaction). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void start(long siteId) {
        progress.requested(siteId);
        // lines set aside until their parent arrives: the parent may have come with this push
        int awaiting = em.createNativeQuery(
                        "UPDATE sync_in SET failed_at = NULL, failure = NULL, awaits_parent = FALSE "
                                + "WHERE site_id = ?1 AND awaits_parent = TRUE")
                .setParameter(1, siteId)
                .executeUpdate();
        if (awaiting > 0) {
            progress.recountSetAside(siteId);
        }
        send(siteId);
    }

    /** What went wrong with the site's last integration, or null when nothing did (or it is still running). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public IntegrationFailure lastFailure(long siteId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT integration_failed_at, integration_failure, "
                        + "integration_set_aside FROM site s WHERE s.id = ?1 AND s.integration_requested_at IS NULL")
                .setParameter(1, siteId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        long setAside = ((Number) row[2]).longValue();
        if (row[0] == null && setAside == 0) {
            return null;
        }
        return new IntegrationFailure(Times.ofColumn(row[0]), Text.decode((String) row[1]), setAside);
    }

    /** The records of the site set aside because they could not be integrated (at most {@code limit}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SetAsideRecord> setAside(long siteId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT table_name, record_id, failed_at, failure FROM sync_in "
                        + "WHERE site_id = ?1 AND failed_at IS NOT NULL ORDER BY id")
                .setParameter(1, siteId)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream()
                .map(r -> new SetAsideRecord(
                        (String) r[0], (String) r[1], Times.ofColumn(r[2]), Text.decode((String) r[3])))
                .toList();
    }

    /**
     * An admin asks to integrate the site's set-aside records again (after fixing the cause). @return how many
     * records are retried
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int retry(long siteId) {
        int retried = em.createNativeQuery("UPDATE sync_in SET failed_at = NULL, failure = NULL, awaits_parent = FALSE "
                        + "WHERE site_id = ?1 "
                        + "AND failed_at IS NOT NULL")
                .setParameter(1, siteId)
                .executeUpdate();
        progress.noneSetAside(siteId);
        start(siteId);
        return retried;
    }

    /**
     * Applies the next chunk of the site's received records to the central data and removes them from sync_in.
     * Locks, in {@link LockOrder}: the site (so two deliveries for one site never apply the same records) and the
     * sites that hold the chunk's stores now, then those stores. A record of a store that has moved to another
     * remote site since it was pushed is still integrated (the pushing site held the store when it entered it) and
     * queued for the store's new site, never for the one that pushed it.
     * @return whether more remain
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean integrateNextChunk(long siteId) {
        return integrate(siteId, CHUNK_SIZE);
    }

    /**
     * After a chunk failed: applies the next {@code count} records one at a time, each in its own transaction,
     * setting aside (with the reason) each one that fails, so that one bad record holds back nothing else.
     * @return whether more remain
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean integrateOneByOne(long siteId, int count) {
        PushIntegration self = context.getBusinessObject(PushIntegration.class);
        for (int i = 0; i < count; i++) {
            Long next = self.nextPending(siteId);
            if (next == null) {
                break;
            }
            try {
                self.integrateSingle(siteId);
            } catch (StoreMovedMeanwhile e) {
                throw e; // not the record's fault: the broker delivers again
            } catch (RuntimeException e) {
                self.setAside(next, Failures.rootMessage(e));
            }
        }
        return self.finishIfDone(siteId);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Long nextPending(long siteId) {
        List<?> next = em.createNativeQuery(
                        "SELECT id FROM sync_in WHERE site_id = ?1 AND failed_at IS NULL ORDER BY id")
                .setParameter(1, siteId)
                .setMaxResults(1)
                .getResultList();
        return next.isEmpty() ? null : ((Number) next.get(0)).longValue();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void integrateSingle(long siteId) {
        integrate(siteId, 1);
    }

    /** Finishes the integration when nothing is pending any more. @return whether more remain */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean finishIfDone(long siteId) {
        boolean more = nextPending(siteId) != null || integrate(siteId, 0);
        if (!more) {
            meters.pushIntegration("completed");
        }
        return more;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void setAside(long syncInId, String reason) {
        LOG.warning(
                () -> "A pushed record (sync_in " + syncInId + ") could not be integrated and is set aside: " + reason);
        int setAside = em.createNativeQuery("UPDATE sync_in SET failed_at = ?1, failure = ?2 WHERE id = ?3")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, Columns.clip(reason, 1000))
                .setParameter(3, syncInId)
                .executeUpdate();
        progress.setAside(syncInId, setAside);
    }

    private boolean integrate(long siteId, int atMost) {
        int limit = withinByteBudget(siteId, atMost, PENDING);
        boolean fromOmsCentral = Boolean.TRUE.equals(em
                .createNativeQuery("SELECT oms_central FROM site WHERE id = ?1")
                .setParameter(1, siteId)
                .getResultList()
                .stream()
                .findFirst()
                .orElse(null));
        // a first look at where the records go, to lock every site involved first (LockOrder)
        Set<Long> sites = new HashSet<>();
        sites.add(siteId);
        PushRoutes look = new PushRoutes(em, siteId, fromOmsCentral, false);
        for (PushRoutes.Pending row : pending(siteId, limit, false)) {
            sites.addAll(involved(look, look.plan(row)));
        }
        LockOrder.sites(em, sites);
        if (em.createNativeQuery("SELECT id FROM site WHERE id = ?1")
                .setParameter(1, siteId)
                .getResultList()
                .isEmpty()) {
            return false; // the site was deleted meanwhile (its received records went with it)
        }
        // locked: a re-sent record waits, then arrives as a new row for the next chunk
        List<PushRoutes.Pending> rows = pending(siteId, limit, true);
        PushRoutes routes = new PushRoutes(em, siteId, fromOmsCentral, true);
        List<PushRoutes.Plan> plans = plan(routes, rows, sites); // the stores locked
        if (PatientData.lock(em, patientsOf(rows))) {
            // the patients locked after the stores (LockOrder): who sees them cannot change until the commit, nor
            // can their data; planned again, with their viewers as they are now
            routes = new PushRoutes(em, siteId, fromOmsCentral, true);
            plans = plan(routes, rows, sites);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Set<String> namesPushed = new HashSet<>(); // the patients whose own record the site pushes in this chunk
        for (PushRoutes.Pending row : rows) {
            if (LegacyTables.NAME.equals(row.table()) && row.kind() == DataKind.PATIENT && !row.deleted()) {
                namesPushed.add(row.patientId());
            }
        }
        List<Long> applied = new ArrayList<>(rows.size());
        for (PushRoutes.Plan plan : plans) {
            if (plan.setAside() != null) {
                em.createNativeQuery(
                                "UPDATE sync_in SET failed_at = ?1, failure = ?2, awaits_parent = ?3 WHERE id = ?4")
                        .setParameter(1, now)
                        .setParameter(2, Columns.clip(plan.setAside().encoded(), 1000))
                        .setParameter(3, plan.awaitsParent())
                        .setParameter(4, plan.row().id())
                        .executeUpdate();
            } else {
                apply(routes, plan, now, siteId, namesPushed);
                applied.add(plan.row().id());
            }
        }
        if (!applied.isEmpty()) {
            // exactly the rows applied: a push committing meanwhile may add rows with lower IDs
            em.createNativeQuery("DELETE FROM sync_in WHERE id IN ("
                            + applied.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
                    .executeUpdate();
        }
        if (applied.size() < plans.size()) {
            progress.recountSetAside(siteId);
        }
        boolean more = limit > 0 && rows.size() == limit;
        if (more) {
            progress.heartbeat(siteId);
        } else if (limit != 1) {
            // done: what was set aside is the admins' to see (site window, dashboard); the site is told all is
            // integrated, as it is of what can be
            progress.finished(siteId);
        }
        return more;
    }

    private static final String PENDING = "FROM sync_in WHERE site_id = ?1 AND failed_at IS NULL ORDER BY id";

    private List<PushRoutes.Pending> pending(long siteId, int limit, boolean lock) {
        if (limit == 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, store_id, table_name, record_id, deleted, data, kind, "
                        + "store_code, parent_table, parent_id, party_name, party_store_code, patient_id " + PENDING
                        + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, siteId)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream()
                .map(r -> new PushRoutes.Pending(
                        ((Number) r[0]).longValue(),
                        r[1] == null ? null : ((Number) r[1]).longValue(),
                        (String) r[2],
                        (String) r[3],
                        Boolean.TRUE.equals(r[4]),
                        (String) r[5],
                        DataKind.valueOf((String) r[6]),
                        (String) r[7],
                        (String) r[8],
                        (String) r[9],
                        (String) r[10],
                        (String) r[11],
                        (String) r[12]))
                .toList();
    }

    /** The sites whose rows the plan's work needs locked: those of its stores, and those it queues for. */
    private static List<PushRoutes.Plan> plan(PushRoutes routes, List<PushRoutes.Pending> rows, Set<Long> locked) {
        List<PushRoutes.Plan> plans = new ArrayList<>(rows.size());
        for (PushRoutes.Pending row : rows) {
            PushRoutes.Plan plan = routes.plan(row);
            for (long site : involved(routes, plan)) {
                if (!locked.contains(site)) {
                    // a store moved, or a patient became visible elsewhere, between the look and the locks: roll
                    // back, the broker delivers again
                    throw new StoreMovedMeanwhile(plan.storeId() == null ? -1 : plan.storeId());
                }
            }
            plans.add(plan);
        }
        return plans;
    }

    /** The patients whose data or joins the rows are. */
    private static Set<String> patientsOf(List<PushRoutes.Pending> rows) {
        Set<String> patients = new HashSet<>();
        for (PushRoutes.Pending row : rows) {
            if (row.patientId() != null
                    && (row.kind() == DataKind.PATIENT || LegacyTables.NAME_STORE_JOIN.equals(row.table()))) {
                patients.add(row.patientId());
            }
        }
        return patients;
    }

    private static Set<Long> involved(PushRoutes routes, PushRoutes.Plan plan) {
        Set<Long> sites = new HashSet<>(plan.sites());
        sites.addAll(plan.linesTo());
        if (plan.storeId() != null) {
            sites.add(routes.siteOf(plan.storeId()));
        }
        if (plan.showTo() != null) {
            sites.add(routes.siteOf(plan.showTo()));
        }
        return sites;
    }

    /** Writes the record where the central keeps it, and queues it for the sites that receive it. */
    private void apply(
            PushRoutes routes, PushRoutes.Plan plan, OffsetDateTime now, long pusher, Set<String> namesPushed) {
        PushRoutes.Pending row = plan.row();
        String source;
        String table;
        switch (plan.where()) {
            case STORE_DATA -> {
                if (row.deleted()) {
                    StoreRecords.markDeleted(em, row.table(), row.recordId(), now);
                } else {
                    StoreRecords.write(
                            em,
                            plan.storeId(),
                            row.table(),
                            row.recordId(),
                            row.data(),
                            now,
                            row.parentId(),
                            plan.partyStoreId());
                }
                source = SiteQueue.FROM_STORE_DATA;
                table = "store_record";
            }
            case PATIENT_DATA -> {
                if (row.deleted()) {
                    PatientData.markDeleted(em, row.table(), row.recordId(), now);
                } else {
                    PatientData.write(em, row.table(), row.recordId(), row.patientId(), row.data(), now);
                }
                source = SiteQueue.FROM_SHARED_DATA;
                table = PatientData.TABLE;
            }
            case MASTER_DATA -> {
                // every site's: the central change log carries it to all of them
                if (row.deleted()) {
                    MasterRecords.markDeleted(em, row.table(), row.recordId());
                } else {
                    MasterRecords.write(em, null, row.table(), row.recordId(), row.data());
                }
                return;
            }
            default -> {
                return;
            }
        }
        Long partySite = plan.partyStoreId() == null ? null : routes.siteOf(plan.partyStoreId());
        for (long site : plan.sites()) {
            if (partySite != null && partySite == site && routes.siteOf(plan.storeId()) != site) {
                // sent for the other party's store: it goes from the queue with that store
                SiteQueue.queueFor(
                        em,
                        site,
                        plan.partyStoreId(),
                        source,
                        table,
                        "r.table_name = ?3 AND " + "r.record_id = ?4",
                        row.table(),
                        row.recordId());
            } else {
                SiteQueue.queue(
                        em, site, source, table, "r.table_name = ?3 AND r.record_id = ?4", row.table(), row.recordId());
            }
        }
        for (long site : plan.linesTo()) {
            // a transfer's lines that arrived before it, for the other party's store
            SiteQueue.queueFor(em, site, plan.partyStoreId(), source, table, "r.parent_id = ?3", row.recordId());
        }
        if (plan.showTo() != null) {
            // the site's own store, when none of the site's stores saw the patient: its copy of the patient may be
            // one it received while it last saw them, without the edits made since (unless it pushes the patient's
            // name record with the join); looked at before the join is shown, and only then
            boolean ownCopyMayBeOld = routes.siteOf(plan.showTo()) == pusher
                    && !namesPushed.contains(row.patientId())
                    && !PatientData.viewerSites(em, row.patientId()).contains(pusher);
            if (PatientData.show(em, row.patientId(), plan.showTo(), row.recordId())) {
                for (long site : plan.sites()) {
                    PatientData.queueAll(em, site, row.patientId()); // a new viewer receives the patient's data
                }
                if (ownCopyMayBeOld) {
                    PatientData.queueAll(em, pusher, row.patientId());
                }
            }
        }
        if (plan.hideFrom() != null && row.deleted()) {
            PatientData.hideJoin(em, row.recordId());
        } else if (plan.hideFrom() != null) {
            PatientData.hide(em, row.patientId(), plan.hideFrom());
        }
    }

    /**
     * How many of the next {@code atMost} pending records fit in {@link #CHUNK_BYTES} characters of data (at least
     * one): a chunk is sized by what it holds, so 2,000 records of 1 MB never meet in one transaction.
     */
    private int withinByteBudget(long siteId, int atMost, String pending) {
        if (atMost <= 1) {
            return atMost;
        }
        @SuppressWarnings("unchecked")
        List<Number> sizes = em.createNativeQuery("SELECT COALESCE(LENGTH(data), 0) " + pending)
                .setParameter(1, siteId)
                .setMaxResults(atMost)
                .getResultList();
        long total = 0;
        for (int i = 0; i < sizes.size(); i++) {
            total += sizes.get(i).longValue();
            if (total > CHUNK_BYTES && i > 0) {
                return i;
            }
        }
        return atMost;
    }

    /** Puts (back) a message for the site's integration on the queue. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void send(long siteId) {
        WorkMessages.send(jms, queue, siteId);
    }

    /**
     * Integration failed after every redelivery: it is no longer reported in progress but failed, to the site
     * (site_status) and to admins (site window, site list); what was received stays kept for a retry.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void giveUp(long siteId) {
        LOG.severe(() -> "Integration of what site " + siteId + " pushed failed after every redelivery. The "
                + "records stay in sync_in; the site's next push or an admin's retry tries them again.");
        progress.gaveUp(siteId, Text.of("sync.integration.gaveUp"));
        meters.pushIntegration("failed");
    }

    /** A store of the chunk moved between the look at its site and the lock: the chunk is tried again. */
    @ApplicationException(rollback = true)
    public static class StoreMovedMeanwhile extends RuntimeException {
        StoreMovedMeanwhile(long storeId) {
            super("Store " + storeId + " moved to another site during integration; trying again");
        }
    }

    /** Resumes integrations without progress for {@link #STALE_AFTER} (their message died with a node). */
    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false, info = "push integration watchdog")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void resumeStale() {
        OffsetDateTime staleBefore = OffsetDateTime.now(ZoneOffset.UTC).minus(STALE_AFTER);
        @SuppressWarnings("unchecked")
        List<Number> stale = em.createNativeQuery("SELECT id FROM site WHERE integration_requested_at IS NOT NULL "
                        + "AND integration_heartbeat_at < ?1")
                .setParameter(1, staleBefore)
                .getResultList();
        for (Number siteId : stale) {
            LOG.info(() -> "Resuming the stalled integration of site " + siteId);
            progress.heartbeat(siteId.longValue());
            send(siteId.longValue());
        }
    }
}
