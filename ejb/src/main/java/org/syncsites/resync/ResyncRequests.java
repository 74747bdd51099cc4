package org.syncsites.resync;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import org.syncsites.masterdata.MasterRecords;
import org.syncsites.platform.Meters;
import org.syncsites.platform.WorkMessages;
import org.syncsites.store.StoreRecords;

/**
 * Asks for a store's data to be queued for a site. Runs inside the caller's transaction: the job row and its
 * persistent JMS message are committed together with the change that asked for them (the broker's XA
 * resource and the datasource share the JTA transaction), so there is no commit without message and no
 * message without commit.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ResyncRequests {

    /** JNDI name of the queue that carries resync work (see wildfly-config/cli/messaging.cli). */
    public static final String QUEUE = "java:/jms/queue/syncsites/SiteResync";

    @Inject
    private Meters meters;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private JMSContext jms;

    @Resource(lookup = QUEUE)
    private Queue queue;

    /**
     * A job for the store and site. While an earlier job for the same pair is unfinished, that job is returned
     * and nothing new is queued: it will queue every record anyway.
     */
    public ResyncJob request(long siteId, long storeId, String requestedBy) {
        List<ResyncJob> unfinished = em.createQuery(
                        "SELECT j FROM ResyncJob j WHERE j.siteId = :site "
                                + "AND j.storeId = :store AND j.state IN :states",
                        ResyncJob.class)
                .setParameter("site", siteId)
                .setParameter("store", storeId)
                .setParameter("states", List.of(ResyncState.REQUESTED, ResyncState.RUNNING))
                .getResultList();
        if (!unfinished.isEmpty()) {
            return unfinished.get(0);
        }
        long total = StoreRecords.count(em, storeId) + MasterRecords.countOfStore(em, storeId);
        ResyncJob job = new ResyncJob(siteId, storeId, total, requestedBy, Instant.now());
        em.persist(job);
        em.flush();
        send(job.getId());
        meters.resyncJob("requested");
        return job;
    }

    /**
     * The store left the site: its unfinished jobs for that site stop for good. A chunk being queued meanwhile
     * holds the job's row, so this waits for it to commit; the caller then drops the site's entries of the store
     * ({@code SiteQueue#forgetStore}) after this, so that the chunk's entries go too.
     */
    public void cancel(long siteId, long storeId) {
        Instant now = Instant.now();
        em.createQuery(
                        "SELECT j FROM ResyncJob j WHERE j.siteId = :site AND j.storeId = :store AND j.state IN :states",
                        ResyncJob.class)
                .setParameter("site", siteId)
                .setParameter("store", storeId)
                .setParameter("states", List.of(ResyncState.REQUESTED, ResyncState.RUNNING))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .forEach(job -> job.cancel(now));
        em.flush();
    }

    /** Puts (back) a message for the job on the queue: its next chunk will be queued. */
    public void send(long jobId) {
        WorkMessages.send(jms, queue, jobId);
    }
}
