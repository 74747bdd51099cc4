package org.syncsites.web.remote;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.syncsites.remote.RemoteSetup;
import org.syncsites.web.faces.Messages;

/** What pages say about this server's own site: the central server's, or, on a remote site, this site's. */
@Named
@RequestScoped
public class ThisServer {

    @EJB
    private RemoteSetup remote;

    private Boolean remoteSite;

    /** The badge of this datafile's own site in lists and windows. */
    public String getOwnSiteLabel() {
        if (remoteSite == null) {
            remoteSite = remote.isRemoteSite();
        }
        return Messages.say(remoteSite ? "site.ownSite.remote" : "site.ownSite.central");
    }
}
