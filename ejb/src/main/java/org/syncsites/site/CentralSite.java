package org.syncsites.site;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** This server's own site: created on first start, never deleted; stores removed from remote sites come here. */
@Stateless
@PermitAll
public class CentralSite {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /** The central site, managed in the caller's transaction. */
    public Site get() {
        return em.createQuery("SELECT s FROM Site s WHERE s.central = TRUE", Site.class)
                .getSingleResult();
    }

    public boolean exists() {
        return em.createQuery("SELECT COUNT(s) FROM Site s WHERE s.central = TRUE", Long.class)
                        .getSingleResult()
                > 0;
    }
}
