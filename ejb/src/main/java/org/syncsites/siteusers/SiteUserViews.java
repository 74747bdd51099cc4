package org.syncsites.siteusers;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** What admins read and write of site users, as the admin API and the pages carry it. */
public final class SiteUserViews {

    private SiteUserViews() {}

    /** A user as the list shows them; {@code language} is the ISO code ("en", "fr", "tet"). */
    public record Summary(
            long id,
            String uid,
            String username,
            String firstName,
            String lastName,
            String email,
            String phone,
            String jobTitle,
            String language,
            boolean active,
            Instant lockedUntil,
            long stores,
            long version)
            implements Serializable {}

    /**
     * A user's access to a store: may they sign in there, is it their default store, their permissions there (those
     * of {@code template}, unless {@code permissions} are set for this store alone) and the result; the store by its
     * code, and by the ID its sites know it by ({@code storeSyncId}: the code, or the ID a legacy central gave it).
     */
    public record StoreAccess(
            String store,
            String storeName,
            String site,
            boolean canLogin,
            boolean isDefault,
            String template,
            List<Integer> permissions,
            List<Integer> effectivePermissions,
            String storeSyncId)
            implements Serializable {}

    /** A sign-in through the central: when, from which site, and what it was answered. */
    public record SignIn(Instant at, String siteName, String outcome) implements Serializable {}

    /** A user, their store access and their latest sign-ins. */
    public record Details(Summary user, List<StoreAccess> stores, List<SignIn> signIns) implements Serializable {}

    /** A new user, or what changes of one (null: unchanged). */
    public record Change(
            String username,
            String firstName,
            String lastName,
            String email,
            String phone,
            String jobTitle,
            String language,
            Boolean active,
            String password,
            Long expectedVersion)
            implements Serializable {}

    /** Access to one store, as an admin gives it: the store by code, and a template by name or permission numbers. */
    public record AccessChange(
            String store, boolean canLogin, boolean isDefault, String template, List<Integer> permissions)
            implements Serializable {}

    /** A named set of legacy permission numbers. */
    public record Template(long id, String name, List<Integer> permissions) implements Serializable {}
}
