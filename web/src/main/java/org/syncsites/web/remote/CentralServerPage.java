package org.syncsites.web.remote;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Objects;
import org.syncsites.platform.RuleViolation;
import org.syncsites.remote.RemoteSettingsChange;
import org.syncsites.remote.RemoteSetup;
import org.syncsites.remote.RemoteStatus;
import org.syncsites.site.ConnectionReport;
import org.syncsites.web.faces.Messages;
import org.syncsites.web.faces.SyncSettingsInput;
import org.syncsites.web.session.CurrentUser;

/**
 * The Central server page: sets this server up as a remote site of a central server (the fields mSupply's Sync
 * Sites window shows only on a remote site), checks the connection, starts a sync, and shows the sync in progress
 * and the last one's result.
 */
@Named
@ViewScoped
public class CentralServerPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private RemoteSetup remote;

    @Inject
    private CurrentUser currentUser;

    private RemoteStatus status;
    private String siteName = "";
    private String newPassword = "";
    private String confirmPassword = "";
    private final SyncSettingsInput sync = new SyncSettingsInput();
    private ConnectionReport report;

    public void load() {
        status = remote.status();
        siteName = status.siteName();
        sync.fill(
                status.serverUrl(),
                status.syncIntervalMinutes(),
                status.syncRequestSize(),
                status.alternativeHttpClient());
    }

    public void save() {
        if (!Objects.equals(newPassword, confirmPassword)) {
            Messages.error("remote:confirmPassword", Messages.say("common.passwordsDiffer"));
            return;
        }
        try {
            remote.save(new RemoteSettingsChange(
                    sync.getServerUrl(),
                    siteName,
                    newPassword,
                    sync.interval(),
                    sync.requestSize(),
                    sync.isAlternativeHttpClient()));
            newPassword = "";
            confirmPassword = "";
            report = null;
            status = remote.status();
            Messages.info(Messages.say("central.saved"));
        } catch (RuleViolation violation) {
            Messages.show(violation, "remote");
        }
    }

    public void checkConnection() {
        try {
            report = remote.checkConnection();
        } catch (RuleViolation violation) {
            Messages.show(violation, "remote");
        }
    }

    public void syncNow() {
        try {
            remote.syncNow();
            status = remote.status();
            Messages.info(Messages.say("central.syncStarted"));
        } catch (RuleViolation violation) {
            Messages.show(violation, "remote");
        }
    }

    /** Trusts the certificate the last check was presented and did not trust (its fingerprint compared first). */
    public void trustCertificate() {
        if (report == null || report.untrustedCertificate() == null) {
            return;
        }
        try {
            remote.trustCertificate(report.untrustedCertificate());
            Messages.info(Messages.say("central.trusted", report.untrustedCertificate()));
            status = remote.status();
            report = remote.checkConnection();
        } catch (RuleViolation violation) {
            Messages.show(violation, "remote");
        }
    }

    /** Trusts only the CAs again. */
    public void forgetCertificate() {
        remote.trustCertificate(null);
        status = remote.status();
        report = null;
        Messages.info(Messages.say("central.certificateForgotten"));
    }

    /** What trusting the presented certificate means, with its fingerprint. */
    public String getTrustExplained() {
        return report == null || report.untrustedCertificate() == null
                ? ""
                : Messages.say("central.trust.explain", report.untrustedCertificate());
    }

    /** For the poll: the latest status. */
    public void refresh() {
        status = remote.status();
    }

    public boolean isReadOnly() {
        return !currentUser.isMayEdit();
    }

    public int getPercent() {
        return status == null || status.phaseTotal() <= 0
                ? 0
                : (int) Math.min(100, status.phaseDone() * 100 / status.phaseTotal());
    }

    public String getProgressText() {
        return status == null || status.phaseTotal() <= 0
                ? Messages.say("central.progress.working")
                : Messages.say("central.progress", status.phaseDone(), status.phaseTotal());
    }

    public RemoteStatus getStatus() {
        return status;
    }

    /** The sync settings' inputs. */
    public SyncSettingsInput getSync() {
        return sync;
    }

    public ConnectionReport getReport() {
        return report;
    }

    public String getSiteName() {
        return siteName;
    }

    public void setSiteName(String siteName) {
        this.siteName = siteName;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmPassword() {
        return confirmPassword;
    }

    public void setConfirmPassword(String confirmPassword) {
        this.confirmPassword = confirmPassword;
    }
}
