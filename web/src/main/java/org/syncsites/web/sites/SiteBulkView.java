package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.siteadmin.BulkAction;
import org.syncsites.siteadmin.BulkJob;
import org.syncsites.siteadmin.BulkJobState;
import org.syncsites.siteadmin.SiteAlertMutes;
import org.syncsites.siteadmin.SiteBulkActions;
import org.syncsites.siteadmin.SiteSelection;
import org.syncsites.web.faces.Messages;

/**
 * The site list's "Act on these sites" dialog: one action for every remote site the list's filters show, confirmed
 * with their number, then followed to the end with a progress bar. Alerts are muted for a number of days here; the
 * API takes the instant.
 */
@Named
@ViewScoped
public class SiteBulkView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteBulkActions bulkActions;

    @Inject
    private SiteListView list;

    private BulkAction action = BulkAction.PAUSE_SYNC;
    private String value = "";
    /** The list's filters when the dialog was opened, and the number of sites they selected then. */
    private SiteSelection selection;

    private long count;
    private BulkJob.View job;

    /** Opens the dialog on what the list shows now. */
    public void prepare() {
        selection = list.selection();
        count = bulkActions.count(selection);
        job = null;
        value = "";
    }

    public void start() {
        try {
            job = bulkActions.start(selection, action, valueForAction(), count);
        } catch (RuleViolation e) {
            Messages.show(e, "bulk");
        }
    }

    /** The mute's end from the days typed; the other values as typed. */
    private String valueForAction() {
        if (action != BulkAction.MUTE_ALERTS) {
            return value;
        }
        try {
            long days = Long.parseLong(value.strip());
            if (days >= 1 && days <= SiteAlertMutes.LONGEST_MUTE.toDays()) {
                return Instant.now().plus(Duration.ofDays(days)).toString();
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RuleViolation("value", Text.of("site.alerts.mute.until", SiteAlertMutes.LONGEST_MUTE.toDays()));
    }

    /** The poll: the job as it stands now. */
    public void refresh() {
        if (job != null) {
            job = bulkActions.job(job.id());
        }
    }

    public boolean isRunning() {
        return job != null && job.state() == BulkJobState.RUNNING;
    }

    public List<BulkAction> getActions() {
        return List.of(BulkAction.values());
    }

    public BulkAction getAction() {
        return action;
    }

    public void setAction(BulkAction action) {
        this.action = action;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value == null ? "" : value;
    }

    public long getCount() {
        return count;
    }

    public BulkJob.View getJob() {
        return job;
    }
}
