/**
 * The people who use the sites: mSupply user accounts (SiteUser) with their access to stores and permissions there
 * (named PermissionTemplates, per store), kept by SiteUserAdministration; each user reaches every site as a
 * {@code user} record (UserRecords), and signs in to open-mSupply's devices through the central
 * ({@code POST /api/v4/login}, SiteUserSignIns), whose answer carries the store access and the permission array
 * (LegacyPermissions). Apart from the administrators of Sync Sites itself (package user).
 * <p>
 * Uses store (a store's code and the ID its sites know it by), masterdata (the user records' change log), user (the
 * password policy), audit, security and platform.
 */
package org.syncsites.siteusers;
