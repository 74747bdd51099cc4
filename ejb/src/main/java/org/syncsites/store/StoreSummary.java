package org.syncsites.store;

import java.io.Serializable;

/**
 * A store as lists show it: with the site it is active on now and how many data records it holds. On a remote
 * site, {@code activeOnOtherSite} says the central moved it to another site: what is entered for it stays here.
 * {@code mode} and {@code disabled} are what open-mSupply's sites see of it ({@code store_mode}, {@code disabled});
 * {@code legacyId} the ID a legacy central gave it (null: its code names it) and {@code nameId} its name record's ID.
 */
public record StoreSummary(
        long id,
        String code,
        String name,
        long siteId,
        String siteName,
        boolean onCentralSite,
        long recordCount,
        boolean activeOnOtherSite,
        String mode,
        boolean disabled,
        String legacyId,
        String nameId)
        implements Serializable {}
