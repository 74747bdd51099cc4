package org.syncsites.resync;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.util.List;
import org.syncsites.security.Roles;

/** Progress of store-data resynchronisations, read from the database, so any cluster node reports the same. */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class ResyncMonitor {

    private static final String PROGRESS = "SELECT j AS job, s.name AS site_name, st.name AS store_name, "
            + "st.code AS store_code FROM ResyncJob j, Site s, Store st WHERE s.id = j.siteId AND st.id = j.storeId ";

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /** The site's jobs, most recent first. */
    public List<ResyncProgress> ofSite(long siteId, int limit) {
        return em.createQuery(PROGRESS + "AND j.siteId = :site ORDER BY j.id DESC", Tuple.class)
                .setParameter("site", siteId)
                .setMaxResults(limit)
                .getResultStream()
                .map(ResyncMonitor::progress)
                .toList();
    }

    /** One job. */
    public ResyncProgress job(long jobId) {
        return em.createQuery(PROGRESS + "AND j.id = :id", Tuple.class)
                .setParameter("id", jobId)
                .getResultStream()
                .findFirst()
                .map(ResyncMonitor::progress)
                .orElse(null);
    }

    /** Every job not yet finished, oldest first. */
    public List<ResyncProgress> unfinished() {
        return em.createQuery(
                        PROGRESS + "AND j.state IN (org.syncsites.resync.ResyncState.REQUESTED, "
                                + "org.syncsites.resync.ResyncState.RUNNING) ORDER BY j.id",
                        Tuple.class)
                .getResultStream()
                .map(ResyncMonitor::progress)
                .toList();
    }

    private static ResyncProgress progress(Tuple row) {
        return row.get("job", ResyncJob.class)
                .progress(
                        row.get("site_name", String.class),
                        row.get("store_name", String.class) + " (" + row.get("store_code", String.class) + ")");
    }
}
