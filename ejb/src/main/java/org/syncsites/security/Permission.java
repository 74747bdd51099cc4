package org.syncsites.security;

/** A permission an admin grants to a user; each one is a role of the security realm. */
public enum Permission {
    EDIT_SYNC_SETTINGS(Roles.EDIT_SYNC_SETTINGS, "Edit sync settings");

    private final String role;
    private final String label;

    Permission(String role, String label) {
        this.role = role;
        this.label = label;
    }

    /** The role name stored in {@code user_permission.permission} and checked by {@code @RolesAllowed}. */
    public String role() {
        return role;
    }

    /** How the permission is shown to people. */
    public String label() {
        return label;
    }

    public static Permission ofRole(String role) {
        for (Permission permission : values()) {
            if (permission.role.equals(role)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("No permission has the role " + role);
    }
}
