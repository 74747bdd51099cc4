package org.syncsites.siteadmin;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.syncsites.audit.AuditTrail;
import org.syncsites.audit.AuditTrail.Action;
import org.syncsites.networkhealth.HealthSettings;
import org.syncsites.networkhealth.NetworkHealth;
import org.syncsites.platform.AfterCommit;
import org.syncsites.platform.EditConflict;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;

/**
 * One action applied to every remote site of a filtered site list ({@link SiteSelection}): counted first, so that the
 * admin confirms a number; then the sites chosen at confirmation are dealt with in the background, a few at a time
 * ({@link BulkJobRunner}), each through the same business method and audit entry as the site window's action, and the
 * job's progress is read by every node from the database. Every signed-in user may count and read; only holders of
 * "Edit sync settings" start or continue a job.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SiteBulkActions {

    /** The most sites one job takes. */
    public static final int MOST_SITES = 100_000;

    /** How many of a job's sites one statement notes. */
    private static final int INSERTED_AT_ONCE = 500;

    /** How many jobs {@link #recent} shows. */
    private static final int RECENT = 20;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @EJB
    private NetworkHealth health;

    @EJB
    private AuditTrail audit;

    @EJB
    private BulkJobRunner runner;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** How many remote sites of {@code selection} an action would be applied to now (the central's own never). */
    public long count(SiteSelection selection) {
        String hql = "SELECT COUNT(s) FROM Site s" + selection.whereRemote();
        var query = em.createQuery(hql, Long.class);
        selection.bind(query, hql, health.thresholds());
        return query.getSingleResult();
    }

    /**
     * Applies {@code action} (with {@code value}, for those that take one) to the remote sites of {@code selection},
     * in the background. {@code expectedCount} is the number the admin confirmed: if the selection holds another
     * number now (sites were added, or changed state), nothing is started and the admin is told the new number, to
     * confirm again. @return the job, running
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public BulkJob.View start(SiteSelection selection, BulkAction action, String value, long expectedCount) {
        if (action == null) {
            throw new RuleViolation("action", Text.of("bulk.action.missing"));
        }
        String checked = action.checkedValue(value);
        HealthSettings.Thresholds thresholds = health.thresholds();
        String hql = "SELECT s.id FROM Site s" + selection.whereRemote() + " ORDER BY s.id";
        var query = em.createQuery(hql, Long.class).setMaxResults(MOST_SITES + 1);
        selection.bind(query, hql, thresholds);
        List<Long> siteIds = query.getResultList();
        if (siteIds.isEmpty()) {
            throw new RuleViolation(Text.of("bulk.selection.empty"));
        }
        if (siteIds.size() > MOST_SITES) {
            throw new RuleViolation(Text.of("bulk.selection.tooMany", MOST_SITES));
        }
        if (siteIds.size() != expectedCount) {
            throw new EditConflict(Text.of("bulk.selection.changed", expectedCount, siteIds.size()));
        }
        Instant now = Instant.now();
        BulkJob job = new BulkJob(
                action,
                checked,
                describe(selection),
                siteIds.size(),
                caller.getCallerPrincipal().getName(),
                now);
        em.persist(job);
        em.flush();
        for (int from = 0; from < siteIds.size(); from += INSERTED_AT_ONCE) {
            List<Long> some = siteIds.subList(from, Math.min(siteIds.size(), from + INSERTED_AT_ONCE));
            var insert = em.createNativeQuery("INSERT INTO bulk_job_site (job_id, site_id) VALUES "
                    + IntStream.range(0, some.size())
                            .mapToObj(i -> "(?" + (2 * i + 1) + ", ?" + (2 * i + 2) + ")")
                            .collect(Collectors.joining(", ")));
            int position = 1;
            for (Long siteId : some) {
                insert.setParameter(position++, job.getId()).setParameter(position++, siteId);
            }
            insert.executeUpdate();
        }
        audit.record(
                Action.BULK_ACTION_STARTED,
                "BulkJob",
                job.getId(),
                action.name() + " (" + job.view(now).selection() + ")",
                "sites",
                null,
                siteIds.size() + (checked == null ? "" : ", " + checked));
        runAfterCommit(job.getId());
        return job.view(now);
    }

    /**
     * Takes up a job that stopped with its node (its heartbeat is older than two minutes), from the first site it
     * had not dealt with. Refused while it runs or once it is done.
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public BulkJob.View resume(long jobId) {
        BulkJob job = find(jobId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (!job.canContinue(now)) {
            throw new RuleViolation(Text.of("bulk.resume.notStopped"));
        }
        job.resume(now);
        runAfterCommit(jobId);
        return job.view(now);
    }

    public BulkJob.View job(long jobId) {
        return find(jobId, LockModeType.NONE).view(Instant.now());
    }

    /** The latest jobs, newest first. */
    public List<BulkJob.View> recent() {
        Instant now = Instant.now();
        return em
                .createQuery("SELECT j FROM BulkJob j ORDER BY j.id DESC", BulkJob.class)
                .setMaxResults(RECENT)
                .getResultList()
                .stream()
                .map(job -> job.view(now))
                .toList();
    }

    /**
     * The next sites of a running job after its cursor, at most {@code most} (none: the job is done); null when the
     * job is not running (done, or stopped with a node that has lost it).
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public Step nextStep(long jobId, int most) {
        BulkJob job = em.find(BulkJob.class, jobId);
        if (job == null || !job.isRunning(Instant.now())) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Number> siteIds = em.createNativeQuery(
                        "SELECT site_id FROM bulk_job_site WHERE job_id = ?1 AND site_id > ?2 ORDER BY site_id")
                .setParameter(1, jobId)
                .setParameter(2, job.getCursorId())
                .setMaxResults(most)
                .getResultList();
        return new Step(
                jobId,
                job.getAction(),
                job.getParameter(),
                job.getCursorId(),
                siteIds.stream().map(Number::longValue).toList());
    }

    /**
     * Counts the sites of {@code step} dealt with, up to {@code lastSiteId}, and moves the job's cursor past them, if
     * the job still stands where the step began (else another runner has taken it up since). @return whether this
     * runner goes on with the job
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public boolean advance(Step step, long lastSiteId, int done, int failed, BulkJob.Failure failure) {
        BulkJob job = em.find(BulkJob.class, step.jobId(), LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getCursorId() != step.cursor()) {
            return false;
        }
        boolean finished = step.siteIds().isEmpty();
        job.advance(lastSiteId, done, failed, failure, finished, Instant.now());
        return !finished;
    }

    /** Starts the job in the background once this transaction has committed it, so that the runner reads it. */
    private void runAfterCommit(long jobId) {
        AfterCommit.run(transactions, () -> runner.run(jobId));
    }

    private BulkJob find(long jobId, LockModeType lock) {
        BulkJob job = em.find(BulkJob.class, jobId, lock);
        if (job == null) {
            throw new NotFound(Text.of("bulk.notFound", jobId));
        }
        return job;
    }

    private static String describe(SiteSelection selection) {
        StringBuilder text = new StringBuilder();
        if (!selection.filter().isEmpty()) {
            text.append("filter=").append(selection.filter());
        }
        if (selection.state() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("state=").append(selection.state());
        }
        if (!selection.appVersion().isEmpty()) {
            text.append(text.isEmpty() ? "" : ", ").append("appVersion=").append(selection.appVersion());
        }
        String described = text.isEmpty() ? "all" : text.toString();
        return described.length() > 400 ? described.substring(0, 400) : described;
    }

    /** The sites of one step of a job: the action and its value, where the job's cursor stood, the sites after it. */
    public record Step(long jobId, BulkAction action, String value, long cursor, List<Long> siteIds) {}
}
