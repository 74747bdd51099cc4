/**
 * The roles of the security realm and the permissions an admin grants (Roles, Permission), and how secrets
 * are hashed (PasswordHashing), shared by user accounts and site passwords.
 * <p>
 * Uses no other package of the application.
 */
package org.syncsites.security;
