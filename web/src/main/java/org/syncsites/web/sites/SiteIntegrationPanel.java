package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.syncsites.siteadmin.SiteAdministration;
import org.syncsites.sync.PushedDataAdministration;
import org.syncsites.web.faces.Messages;

/**
 * The site window's panel for what the site pushed: records that could not be integrated, a retry, and whether
 * the site is an open-mSupply central server.
 */
@Named("siteIntegration")
@ViewScoped
public class SiteIntegrationPanel implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteAdministration sites;

    @EJB
    private PushedDataAdministration pushedData;

    @Inject
    private SiteWindow window;

    private PushedDataAdministration.Report report;
    private boolean read;

    /** Pushed data that could not be integrated (read once with the window, and again after a retry), or null. */
    public PushedDataAdministration.Report getIntegrationReport() {
        if (!read && !window.isNew()) {
            report = pushedData.report(window.id());
            read = true;
        }
        return report;
    }

    public void retryIntegration() {
        int retried = pushedData.retry(window.id());
        report = pushedData.report(window.id());
        read = true;
        Messages.info(Messages.say("site.integration.retried", retried));
    }

    public void markOmsCentral() {
        window.applied(
                () -> sites.setOmsCentral(window.id(), true),
                Messages.say("site.omsCentral.marked", window.getOriginal().name()),
                1);
    }

    public void clearOmsCentral() {
        window.applied(
                () -> sites.setOmsCentral(window.id(), false),
                Messages.say("site.omsCentral.cleared", window.getOriginal().name()),
                1);
    }
}
