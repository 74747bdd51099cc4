package org.syncsites.security;

/**
 * The roles the security realm gives a signed-in user (see the view {@code user_role}). Every user is a
 * {@link #VIEWER}; {@link Permission#EDIT_SYNC_SETTINGS} adds {@link #EDIT_SYNC_SETTINGS}.
 */
public final class Roles {

    /** Every signed-in user: may view sites, stores and progress. */
    public static final String VIEWER = "viewer";

    /** mSupply's "Edit sync settings" permission (Edit user > Permissions > Admin): may change anything. */
    public static final String EDIT_SYNC_SETTINGS = "edit-sync-settings";

    private Roles() {}
}
