package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.syncsites.platform.ListPage;
import org.syncsites.platform.RuleViolation;
import org.syncsites.resync.ResyncMonitor;
import org.syncsites.resync.ResyncProgress;
import org.syncsites.siteadmin.SiteSyncControl;
import org.syncsites.synchistory.SyncHistory;
import org.syncsites.synchistory.SyncSession;
import org.syncsites.syncqueue.QueuedGroup;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.faces.PagedRows;
import org.syncsites.web.faces.ThisRequest;

/**
 * The site window's sync panel: pause and resume, re-initialise, the queue and what waits in it, the stores' resyncs
 * and the site's sync history.
 */
@Named("siteSync")
@ViewScoped
public class SiteSyncPanel implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteSyncControl syncControl;

    @EJB
    private ResyncMonitor resyncs;

    @EJB
    private SyncHistory syncHistory;

    @Inject
    private SiteWindow window;

    private final PagedRows<SyncSession> history = new PagedRows<>(this::historyPage, SyncSession::id);
    private List<QueuedGroup> queueContents;

    public void pauseSync() {
        window.applied(
                () -> syncControl.pauseSync(window.id()),
                Messages.say("site.pause.done", window.getOriginal().name()),
                1);
    }

    public void resumeSync() {
        window.applied(
                () -> syncControl.resumeSync(window.id()),
                Messages.say("site.resume.done", window.getOriginal().name()),
                1);
    }

    public void reinitialise() {
        window.applied(
                () -> syncControl.reinitialise(window.id()),
                Messages.say("site.reinitialise.done", window.getOriginal().name()),
                0);
        queueContents = null;
    }

    /** Runs a failed resync again; its progress shows with the others. */
    public void retryResync(long jobId) {
        try {
            syncControl.retryResync(window.id(), jobId);
            Messages.info(Messages.say("site.resync.retried"));
        } catch (RuleViolation e) {
            Messages.show(e, "site");
        }
    }

    /** Shows what waits in the site's queue, per store and table (counted now, on demand). */
    public void showQueue() {
        queueContents = syncControl.queueContents(window.id());
    }

    public List<QueuedGroup> getQueueContents() {
        return queueContents;
    }

    /** The site's sync sessions, newest first, a page at a time. */
    public PagedRows<SyncSession> getHistory() {
        return history;
    }

    private ListPage<SyncSession> historyPage(int offset, int limit) {
        return window.isNew() ? new ListPage<>(List.of(), 0, 0) : syncHistory.ofSite(window.id(), offset, limit);
    }

    public List<ResyncProgress> getResyncs() {
        return window.isNew() ? List.of() : ThisRequest.once("siteSync.resyncs", () -> resyncs.ofSite(window.id(), 5));
    }

    /** Read afresh: the queue fills while the window is open. */
    public long getQueueLength() {
        return window.isNew()
                ? 0
                : ThisRequest.once("siteSync.queueLength", () -> syncControl.queueLength(window.id()));
    }

    public boolean isResyncRunning() {
        return getResyncs().stream().anyMatch(p -> !p.state().finished());
    }
}
