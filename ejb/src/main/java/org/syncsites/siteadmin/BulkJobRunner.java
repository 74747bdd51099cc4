package org.syncsites.siteadmin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncsites.audit.ChangeSource;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;
import org.syncsites.site.SiteSettings;

/**
 * Works through a bulk action's sites in the background, as the admin who started it (whose permission each site's
 * action checks again, and whose name each audit entry bears): a step of sites at a time, each site in a transaction
 * of its own through the site window's business method, so that one site's failure (deleted meanwhile, a rule of the
 * action) is counted and the others go on; the job's cursor and counts move after each step.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class BulkJobRunner {

    private static final Logger LOG = Logger.getLogger(BulkJobRunner.class.getName());

    /** Sites per step: the job's progress and heartbeat move this often. */
    static final int STEP = 50;

    @EJB
    private SiteBulkActions jobs;

    @EJB
    private SiteAdministration sites;

    @EJB
    private SiteSyncControl syncControl;

    @EJB
    private SiteAlertMutes alertMutes;

    @EJB
    private SiteDevices devices;

    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void run(long jobId) {
        ChangeSource.set(ChangeSource.bulkAction(jobId));
        try {
            for (SiteBulkActions.Step step = jobs.nextStep(jobId, STEP);
                    step != null;
                    step = jobs.nextStep(jobId, STEP)) {
                int failed = 0;
                BulkJob.Failure failure = null;
                for (long siteId : step.siteIds()) {
                    Text problem = apply(step.action(), step.value(), siteId);
                    if (problem != null) {
                        failed++;
                        failure = new BulkJob.Failure(siteId, problem);
                    }
                }
                long last = step.siteIds().isEmpty()
                        ? step.cursor()
                        : step.siteIds().get(step.siteIds().size() - 1);
                if (!jobs.advance(step, last, step.siteIds().size(), failed, failure)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the job's heartbeat stops: the admin sees it stopped, and may continue it
            LOG.log(Level.WARNING, "Bulk action " + jobId + " stopped", e);
        } finally {
            ChangeSource.clear();
        }
    }

    /** Applies the action to one site, in a transaction of its own. @return why it failed, or null */
    private Text apply(BulkAction action, String value, long siteId) {
        try {
            switch (action) {
                case PAUSE_SYNC -> syncControl.pauseSync(siteId);
                case RESUME_SYNC -> syncControl.resumeSync(siteId);
                case UNBLOCK -> devices.unblock(siteId);
                case MUTE_ALERTS -> alertMutes.muteAlerts(siteId, Instant.parse(value));
                case UNMUTE_ALERTS -> alertMutes.unmuteAlerts(siteId);
                case SET_SYNC_INTERVAL, SET_REQUEST_SIZE -> {
                    SiteDetails site = sites.get(siteId);
                    SiteSettings now = site.settings();
                    int number = Integer.parseInt(value);
                    SiteSettings changed = new SiteSettings(
                            now.code(),
                            now.name(),
                            now.activeOnDatafile(),
                            now.alternativeHttpClient(),
                            action == BulkAction.SET_SYNC_INTERVAL ? number : now.syncIntervalMinutes(),
                            action == BulkAction.SET_REQUEST_SIZE ? number : now.syncRequestSize(),
                            now.serverUrl());
                    if (!changed.equals(now)) {
                        sites.update(SiteChangeSet.edit(site, changed));
                    }
                }
            }
            return null;
        } catch (RuleViolation e) {
            // a site deleted meanwhile (NotFound), or changed while it was read (EditConflict), say so in their words
            return e.problems().get(0).text();
        } catch (EJBException e) {
            LOG.log(Level.WARNING, "Bulk action " + action + " failed for site " + siteId, e);
            return Text.of("bulk.failure.unknown");
        }
    }
}
