package org.syncsites.web.sites;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.syncsites.site.ConnectionReport;
import org.syncsites.siteadmin.DeviceSeen;
import org.syncsites.siteadmin.SiteDevices;
import org.syncsites.web.faces.Messages;

/**
 * The site window's device panel: the device bound, its failed sign-ins, Check connection, Reset, Unblock, and the
 * devices that signed in or tried to.
 */
@Named("siteDevice")
@ViewScoped
public class SiteDevicePanel implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SiteDevices devices;

    @Inject
    private SiteWindow window;

    private ConnectionReport connectionReport;
    private List<DeviceSeen> seen;

    /** For a lost or replaced device: the next device to sync with the site's credentials becomes its device. */
    public void resetHardwareId() {
        window.applied(() -> devices.resetHardwareId(window.id()), Messages.say("site.hardwareId.wasReset"), 0);
        seen = null;
    }

    /** The site's device history, read once per view (and again after a reset). */
    public List<DeviceSeen> getDevices() {
        if (seen == null) {
            seen = devices.devices(window.id());
        }
        return seen;
    }

    /** mSupply's Check connection button, on the central: what the central knows of the site's device now. */
    public void checkConnection() {
        connectionReport = devices.checkConnection(window.id());
    }

    public ConnectionReport getConnectionReport() {
        return connectionReport;
    }

    public void unblock() {
        window.applied(() -> devices.unblock(window.id()), Messages.say("site.unblocked"), 0);
    }

    /** "3 failed attempts", in the page's language. */
    public String getFailedAttempts() {
        return Messages.say("site.signIn.failedAttempts", window.getOriginal().failedLoginCount());
    }
}
