package org.syncsites.siteadmin;

import java.io.Serializable;
import org.syncsites.platform.Text;

/** Something an admin should know before pressing OK. Warnings do not stop the change. */
public record SiteWarning(Kind kind, Text text) implements Serializable {

    public enum Kind {
        /** Renaming a site in use stops its remote device from syncing. */
        RENAMING_SITE_IN_USE,
        /** Changing the password of a site in use stops its remote device from syncing. */
        PASSWORD_OF_SITE_IN_USE,
        /** A store moves away from a remote site that has been syncing. */
        STORE_LEAVES_SITE_IN_USE
    }
}
