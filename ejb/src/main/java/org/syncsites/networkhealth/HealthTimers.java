package org.syncsites.networkhealth;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.syncsites.platform.OncePerCluster;
import org.syncsites.site.SignInGuard;
import org.syncsites.synchistory.SyncHistory;

/**
 * The network's timers, each once per cluster whichever nodes run: every 10 seconds alerts are raised, cleared and
 * sent; every minute the hourly counts of the last hours are recounted; every hour the sessions older than the
 * settings' {@code historyDays} are deleted.
 */
@Singleton
@PermitAll
@Lock(LockType.READ) // the timers are independent: a slow mail server must not hold up the recount
public class HealthTimers {

    private static final Logger LOG = Logger.getLogger(HealthTimers.class.getName());

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private SyncHistory history;

    @EJB
    private SignInGuard guard;

    @EJB
    private NetworkHealth health;

    @EJB
    private Alerts alerts;

    @EJB
    private AlertNotifier notifier;

    @Schedule(hour = "*", minute = "*", second = "7", persistent = false, info = "sync hours recount")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void recountHours() {
        if (OncePerCluster.claim(em, "sync-hours", Duration.ofMinutes(1))) {
            history.recountRecentHours();
        }
    }

    /** Every 10 seconds: alerts raised and cleared, then sent, by one node of the cluster. */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false, info = "alerts")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void lookForAlerts() {
        if (alerts.look()) {
            notifier.sendPending();
        }
    }

    @Schedule(hour = "*", minute = "41", persistent = false, info = "sync history pruning")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void pruneHistory() {
        pruneHistoryNow();
    }

    /** Deletes the sessions older than the history's settings, unless another node did within the hour. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int pruneHistoryNow() {
        if (!OncePerCluster.claim(em, "sync-history-pruning", Duration.ofHours(1))) {
            return 0;
        }
        int days = health.settings().historyDays();
        Instant before = Instant.now().minus(Duration.ofDays(days));
        int pruned = history.pruneBefore(before);
        guard.forgetDevicesSeenBefore(before); // the device history is kept as long
        if (pruned > 0) {
            LOG.info(() -> "Sync history: deleted " + pruned + " sessions older than " + days + " days");
        }
        return pruned;
    }
}
