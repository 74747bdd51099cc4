package org.syncsites.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * How passwords are stored: bcrypt with a random 16-byte salt, written in modular crypt format
 * ({@code $2a$10$...}), computed and checked by WildFly Elytron (no home-made crypto). The same format is read
 * by the security realm for user logins, and used for the sync passwords of sites.
 * <p>
 * One exception: site passwords set in bulk (a file of thousands of sites, where bcrypt alone would take minutes)
 * are stored with a {@linkplain #quickHash quick hash}, an HMAC under the {@link SignInKey} that is not in the
 * database, until the site's first sign-in, which replaces it with bcrypt ({@link #isQuick}). A copy of the
 * database alone tests no guess against a quick hash; with the key as well it tests guesses at HMAC speed, as it
 * already could against the sign-in digests of sites that signed in lately.
 */
public final class PasswordHashing {

    /** bcrypt cost: 2^10 rounds, about 50 ms per hash on this project's 2-core reference machine. */
    static final int COST = 10;

    /** The start of a quick hash: {@code $keyed$<key id>$<salt>$<HMAC of salt and password>}. */
    private static final String QUICK = "$keyed$";

    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashing() {}

    /** The storable hash of a password; the password itself is not kept anywhere. */
    public static String hash(String password) {
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password hashed = factory.generatePassword(new EncryptablePasswordSpec(
                    password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(COST, salt)));
            return ModularCrypt.encodeAsString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available from WildFly Elytron", e);
        }
    }

    /**
     * A storable form of a site password made in microseconds, for passwords set in bulk: checked with the server's
     * {@link SignInKey}, to be replaced by {@link #hash} at the first successful check ({@link #isQuick}).
     */
    public static String quickHash(String password) {
        return quickHash(password, SignInKey.server());
    }

    static String quickHash(String password, SignInKey key) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return QUICK + key.id() + '$' + saltHex + '$' + key.mac(saltHex + '\u0000' + password);
    }

    /** Whether the stored hash is a quick one, to be replaced by bcrypt once the password is known to match. */
    public static boolean isQuick(String storedHash) {
        return storedHash != null && storedHash.startsWith(QUICK);
    }

    /** Whether this server can check the stored hash: not a quick hash made under another server's key. */
    public static boolean checkableHere(String storedHash) {
        return checkableWith(storedHash, SignInKey.server());
    }

    static boolean checkableWith(String storedHash, SignInKey key) {
        return !isQuick(storedHash) || storedHash.startsWith(QUICK + key.id() + '$');
    }

    /**
     * Whether {@code password} is the one {@code storedHash} was made from. False for a missing or unreadable hash,
     * and for a quick hash made under another key. Checking a quick hash takes as long as a bcrypt check when the
     * password is wrong, so that the time taken does not tell which kind a site has (when it is right, the caller
     * spends that time storing bcrypt instead).
     */
    public static boolean matches(String password, String storedHash) {
        if (isQuick(storedHash)) {
            return matches(password, storedHash, SignInKey.server());
        }
        return matchesBcrypt(password, storedHash);
    }

    static boolean matches(String password, String storedHash, SignInKey key) {
        if (!isQuick(storedHash)) {
            return matchesBcrypt(password, storedHash);
        }
        String[] parts = storedHash.substring(QUICK.length()).split("\\$");
        boolean right = password != null
                && parts.length == 3
                && checkableWith(storedHash, key)
                && MessageDigest.isEqual(
                        parts[2].getBytes(StandardCharsets.US_ASCII),
                        key.mac(parts[1] + '\u0000' + password).getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            matchesBcrypt(String.valueOf(password), Equaliser.HASH);
        }
        return right;
    }

    /** A bcrypt hash that no password is checked against for real: it only spends a check's time. */
    private static final class Equaliser {
        static final String HASH = hash("spends the time of a bcrypt check");
    }

    private static boolean matchesBcrypt(String password, String storedHash) {
        if (password == null || storedHash == null || storedHash.isEmpty()) {
            return false;
        }
        try {
            Password stored = ModularCrypt.decode(storedHash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            return factory.verify(factory.translate(stored), password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
