package org.syncsites.syncqueue;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.syncsites.platform.OncePerCluster;

/**
 * Deletes, every {@value #EVERY_SECONDS} seconds on one node of the cluster, the queue entries that sites
 * acknowledged ({@link SiteQueue#remove} only moves a queue's start past them): {@value #CHUNK} entries per
 * transaction, without the site's row lock, so that the site's pulls and acknowledgements never wait for it. After
 * each chunk it pauses as long as the chunk took, so that it takes at most about half of one core from the requests
 * it makes room for; a run stops after {@value #RUN_MILLIS} ms and the next one goes on.
 */
@Stateless
@PermitAll
public class QueueReclaim {

    static final int EVERY_SECONDS = 15;
    static final int CHUNK = 2_000;
    static final long RUN_MILLIS = 10_000;

    private static final Logger LOG = Logger.getLogger(QueueReclaim.class.getName());

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext context;

    @Schedule(hour = "*", minute = "*", second = "*/" + EVERY_SECONDS, persistent = false, info = "queue reclaim")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void reclaimAcknowledged() {
        QueueReclaim self = context.getBusinessObject(QueueReclaim.class);
        long deadline = System.currentTimeMillis() + RUN_MILLIS;
        long chunks = 0;
        for (long siteId : self.sitesToReclaim()) {
            while (System.currentTimeMillis() < deadline) {
                long started = System.nanoTime();
                long upTo = self.reclaimSome(siteId);
                if (upTo < 0) {
                    break;
                }
                self.noteReclaimed(siteId, upTo);
                chunks++;
                if (!pause(Duration.ofNanos(System.nanoTime() - started))) {
                    return;
                }
            }
        }
        long done = chunks;
        if (done > 0) {
            LOG.fine(() -> "Deleted acknowledged queue entries in " + done + " chunks");
        }
    }

    /** The sites with acknowledged entries still in the table, unless another node looks at them now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> sitesToReclaim() {
        if (!OncePerCluster.claim(em, "queue-reclaim", Duration.ofSeconds(EVERY_SECONDS))) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> sites = em.createNativeQuery("SELECT id FROM site WHERE queue_start > queue_reclaimed ORDER BY id")
                .setMaxResults(1000)
                .getResultList();
        return sites.stream().map(Number::longValue).toList();
    }

    /** One chunk of the site's acknowledged entries. @return see {@link SiteQueue#reclaimSome} */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long reclaimSome(long siteId) {
        return SiteQueue.reclaimSome(em, siteId, CHUNK);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void noteReclaimed(long siteId, long upTo) {
        QueueCounters.reclaimedUpTo(em, siteId, upTo);
    }

    /** @return false when the server is stopping */
    private static boolean pause(Duration length) {
        try {
            Thread.sleep(Math.min(length.toMillis(), 1000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
