package org.syncsites.siteadmin;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.site.SiteSettings;

/**
 * Everything an admin changed in one site window, applied all at once on OK (or never, on Cancel).
 *
 * @param siteId          the site edited, or null for a new site
 * @param expectedVersion the site's version when the window opened: if the site changed since, saving is refused
 * @param settings        the edited values
 * @param newPassword     a new sync password, or null to keep the current one
 * @param storesToAdd     stores to make active on this site (moved from the site they are on now)
 * @param storesToRemove  stores to take off this site (they move to the central site)
 */
public record SiteChangeSet(
        Long siteId,
        long expectedVersion,
        SiteSettings settings,
        String newPassword,
        Set<Long> storesToAdd,
        Set<Long> storesToRemove)
        implements Serializable {

    public SiteChangeSet {
        storesToAdd = storesToAdd == null ? Set.of() : Set.copyOf(storesToAdd);
        storesToRemove = storesToRemove == null ? Set.of() : Set.copyOf(storesToRemove);
    }

    /** The edited values; an API client may have sent none, which is refused with words that say what to give. */
    SiteSettings requiredSettings() {
        if (settings == null) {
            throw new RuleViolation("settings", Text.of("site.settings.missing"));
        }
        return settings;
    }

    public static SiteChangeSet newSite(SiteSettings settings, String password, List<Long> stores) {
        return new SiteChangeSet(null, 0, settings, password, Set.copyOf(stores), Set.of());
    }

    public static SiteChangeSet edit(SiteDetails site, SiteSettings settings) {
        return new SiteChangeSet(site.id(), site.version(), settings, null, Set.of(), Set.of());
    }

    public SiteChangeSet withPassword(String password) {
        return new SiteChangeSet(siteId, expectedVersion, settings, password, storesToAdd, storesToRemove);
    }

    public SiteChangeSet addingStores(Long... storeIds) {
        return new SiteChangeSet(siteId, expectedVersion, settings, newPassword, Set.of(storeIds), storesToRemove);
    }

    public SiteChangeSet removingStores(Long... storeIds) {
        return new SiteChangeSet(siteId, expectedVersion, settings, newPassword, storesToAdd, Set.of(storeIds));
    }

    public boolean isNewSite() {
        return siteId == null;
    }
}
