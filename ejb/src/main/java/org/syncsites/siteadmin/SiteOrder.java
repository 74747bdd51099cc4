package org.syncsites.siteadmin;

/**
 * The orders the site list can be sorted in, each after the central server's own site (always first) and with the
 * site's ID last, so that pages never overlap. By name is the list's own order, read along an index.
 */
public enum SiteOrder {
    NAME("s.nameKey %s"),
    CODE("LOWER(s.code) %s"),
    /** Ascending: the longest without a complete sync first, the sites that never synced before them. */
    LAST_SYNC("s.lastSuccessfulSyncAt %s"),
    QUEUE("s.queueLength %s");

    private final String key;

    SiteOrder(String key) {
        this.key = key;
    }

    /** The ORDER BY clause of a query over {@code Site s}. */
    String orderBy(boolean descending) {
        String direction = descending ? "DESC" : "ASC";
        String nulls = this == LAST_SYNC ? (descending ? " NULLS LAST" : " NULLS FIRST") : "";
        return " ORDER BY s.central DESC, " + key.formatted(direction) + nulls + ", s.id " + direction;
    }
}
