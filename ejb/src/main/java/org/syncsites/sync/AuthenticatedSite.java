package org.syncsites.sync;

import java.io.Serializable;

/** A site whose request passed the sign-in: the rest of the request acts for it. */
public record AuthenticatedSite(long siteId, String name) implements Serializable {
}
