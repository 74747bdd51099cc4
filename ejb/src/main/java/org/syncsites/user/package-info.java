/**
 * Admin accounts: creating them, their permissions, passwords and their policy, disabling, and the counting
 * of failed sign-ins (UserAccount, UserAdministration, UserSignIns, PasswordPolicy).
 * <p>
 * Uses audit, security and platform.
 */
package org.syncsites.user;
