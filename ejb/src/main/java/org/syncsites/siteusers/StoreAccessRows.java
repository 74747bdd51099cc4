package org.syncsites.siteusers;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.syncsites.siteusers.SiteUserViews.StoreAccess;
import org.syncsites.store.Store;

/** A site user's store access as admins see it and sign-ins send it (table {@code site_user_store}), read set-based. */
final class StoreAccessRows {

    private StoreAccessRows() {}

    /** The user's store access, by store code, with the permissions in effect. */
    static List<StoreAccess> of(EntityManager em, long userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT st.code, st.name, s.name, a.can_login, a.is_default, t.name, "
                                + "a.permissions, t.permissions, " + Store.syncIdColumn("st")
                                + " FROM site_user_store a JOIN store st ON st.id = a.store_id "
                                + "JOIN site s ON s.id = st.site_id LEFT JOIN permission_template t ON t.id = a.template_id "
                                + "WHERE a.user_id = ?1 ORDER BY st.code_key")
                .setParameter(1, userId)
                .getResultList();
        return rows.stream()
                .map(r -> {
                    List<Integer> own = r[6] == null ? null : LegacyPermissions.parse((String) r[6]);
                    List<Integer> effective = own != null ? own : LegacyPermissions.parse((String) r[7]);
                    return new StoreAccess(
                            (String) r[0],
                            (String) r[1],
                            (String) r[2],
                            Boolean.TRUE.equals(r[3]),
                            Boolean.TRUE.equals(r[4]),
                            (String) r[5],
                            own,
                            effective,
                            (String) r[8]);
                })
                .toList();
    }
}
