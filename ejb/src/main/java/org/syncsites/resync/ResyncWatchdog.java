package org.syncsites.resync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Puts a message back on the queue for every unfinished resync job that nobody has worked on for
 * {@value #DEFAULT_STALE_AFTER_SECONDS} seconds (setting {@code syncsites.resync.staleAfterSeconds}): its message
 * was lost with a broker's journal, or sits on a cluster node that died. Any node may do this, even several at
 * once: a job's chunks are serialised by the lock on its row, so an extra message costs nothing and queues
 * nothing twice.
 */
@Singleton
@PermitAll
public class ResyncWatchdog {

    static final int DEFAULT_STALE_AFTER_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(ResyncWatchdog.class.getName());

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private ResyncRequests requests;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void resumeStaleJobs() {
        Instant staleBefore = Instant.now()
                .minusSeconds(Integer.getInteger("syncsites.resync.staleAfterSeconds", DEFAULT_STALE_AFTER_SECONDS));
        List<ResyncJob> stale = em.createQuery(
                        "SELECT j FROM ResyncJob j WHERE j.state IN :states "
                                + "AND COALESCE(j.heartbeatAt, j.requestedAt) < :before",
                        ResyncJob.class)
                .setParameter("states", List.of(ResyncState.REQUESTED, ResyncState.RUNNING))
                .setParameter("before", staleBefore)
                .setMaxResults(100)
                .getResultList();
        for (ResyncJob job : stale) {
            LOG.warning(() ->
                    "Resync job " + job.getId() + " had no progress since " + staleBefore + " or before: resuming it");
            job.touch(Instant.now()); // one resumption per stale period, whichever node sees it first
            requests.send(job.getId());
        }
    }
}
