/**
 * The roles of the security realm and the permissions an admin grants (Roles, Permission), how secrets
 * are hashed (PasswordHashing), shared by user accounts and site passwords, and the key outside the database that
 * keys the quick checks of site passwords (SignInKey), and the TLS certificates this server presents or trusts
 * (CertificateFingerprints, PinnedCertificate, OwnCertificate).
 * <p>
 * Uses no other package of the application.
 */
package org.syncsites.security;
