package org.syncsites.web.dashboard;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.syncsites.platform.RuleViolation;
import org.syncsites.site.MinimumAppVersions;
import org.syncsites.site.MinimumAppVersions.Minimum;
import org.syncsites.site.MinimumAppVersions.Outdated;
import org.syncsites.web.faces.Messages;

/**
 * The dashboard's panel of the lowest app versions the network accepts: each app's lowest version (editors set and
 * remove them), and the sites whose device last signed in with an older one.
 */
@Named
@ViewScoped
public class AppVersionsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private MinimumAppVersions minimums;

    private List<Minimum> list;
    private List<Outdated> outdated;
    private String appName = "Open mSupply Desktop";
    private String version = "";

    @PostConstruct
    void load() {
        list = minimums.list();
        outdated = minimums.outdated();
    }

    public List<Minimum> getList() {
        return list;
    }

    public List<Outdated> getOutdated() {
        return outdated;
    }

    public void set() {
        try {
            Minimum set = minimums.set(appName, version);
            load();
            version = "";
            Messages.info(Messages.say("appVersions.saved", set.appName(), set.version()));
        } catch (RuleViolation e) {
            Messages.show(e, "appVersions");
        }
    }

    public void remove(String app) {
        try {
            minimums.remove(app);
            load();
            Messages.info(Messages.say("appVersions.removed", app));
        } catch (RuleViolation e) {
            Messages.show(e, "appVersions");
        }
    }

    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }
}
