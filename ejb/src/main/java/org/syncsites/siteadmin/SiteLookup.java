package org.syncsites.siteadmin;

import jakarta.persistence.EntityManager;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.Text;
import org.syncsites.site.Site;

/** The site an admin acts on, or the answer that it is gone (deleted meanwhile: reload). */
final class SiteLookup {

    private SiteLookup() {}

    static Site find(EntityManager em, long siteId) {
        Site site = em.find(Site.class, siteId);
        if (site == null) {
            throw new NotFound(Text.of("site.notFound.reload", siteId));
        }
        return site;
    }
}
