package org.syncsites.store;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.RuleViolation.Problem;
import org.syncsites.security.Roles;
import org.syncsites.site.CentralSite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Stores: listing them with the site each is on, and creating them. Moves happen in site change sets. */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class StoreAdministration {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private CentralSite centralSite;

    private static final String SUMMARY = "SELECT new org.syncsites.store.StoreSummary(st.id, st.code, st.name, "
            + "s.id, s.name, s.central, (SELECT COUNT(r) FROM StoreRecord r WHERE r.storeId = st.id), "
            + "st.activeOnOtherSite) "
            + "FROM Store st JOIN st.site s ";

    /** Stores whose code, name or site name contains {@code filter} (ignoring case), by name. */
    public List<StoreSummary> list(String filter) {
        String pattern = "%" + (filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT)) + "%";
        return em.createQuery(SUMMARY + "WHERE LOWER(st.code) LIKE :p OR LOWER(st.name) LIKE :p "
                        + "OR LOWER(s.name) LIKE :p ORDER BY LOWER(st.name), st.id", StoreSummary.class)
                .setParameter("p", pattern).getResultList();
    }

    /** The stores active on one site. */
    public List<StoreSummary> onSite(long siteId) {
        return em.createQuery(SUMMARY + "WHERE s.id = :site ORDER BY LOWER(st.name), st.id", StoreSummary.class)
                .setParameter("site", siteId).getResultList();
    }

    /** A new store starts on the central site. */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public StoreSummary create(String code, String name) {
        String c = code == null ? "" : code.strip();
        String n = name == null ? "" : name.strip();
        List<Problem> problems = new ArrayList<>();
        if (c.isEmpty() || c.length() > Store.CODE_MAX_LENGTH) {
            problems.add(new Problem("code", "Enter a store code of 1 to " + Store.CODE_MAX_LENGTH + " characters."));
        } else if (!em.createQuery("SELECT st.id FROM Store st WHERE st.codeKey = :key", Long.class)
                .setParameter("key", Store.codeKey(c)).getResultList().isEmpty()) {
            problems.add(new Problem("code", "Another store already has the code '" + c + "'. Choose another code."));
        }
        if (n.isEmpty() || n.length() > Store.NAME_MAX_LENGTH) {
            problems.add(new Problem("name", "Enter a store name of 1 to " + Store.NAME_MAX_LENGTH + " characters."));
        }
        if (!problems.isEmpty()) {
            throw new RuleViolation(problems);
        }
        Store store = new Store(c, n, centralSite.get());
        em.persist(store);
        em.flush();
        StoreDirectory.publish(em, store);
        audit.record(AuditTrail.Action.STORE_CREATED, "Store", store.getId(), store.label(), "site", null,
                store.getSite().getName());
        return new StoreSummary(store.getId(), c, n, store.getSite().getId(), store.getSite().getName(), true, 0, false);
    }
}
