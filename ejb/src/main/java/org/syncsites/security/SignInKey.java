package org.syncsites.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that keys the quick checks of site passwords: the short-lived sign-in digest of the sync sign-in and
 * the quick hash of passwords set in bulk ({@link PasswordHashing#quickHash}). An HMAC key that is not in the
 * database, so a copy of the database alone cannot test password guesses at HMAC speed. The server's key comes
 * from {@code -Dsyncsites.signIn.key} or {@code SYNCSITES_SIGN_IN_KEY} (64 hex digits; give every cluster node the
 * same one), else from a key file created on first use in the server's data directory, readable by its owner
 * only (then each node of a cluster has its own: a digest made on one node is not recognised on the other, which
 * costs a bcrypt check there; a quick hash made on one cannot be checked on the other at all).
 */
public final class SignInKey {

    private static final Logger LOG = Logger.getLogger(SignInKey.class.getName());

    private static volatile SignInKey server;

    private final byte[] key;
    private final String id;

    private SignInKey(byte[] key) {
        this.key = key.clone();
        this.id = mac("sign-in key id").substring(0, 16);
    }

    /** A key of these bytes (at least 32). */
    public static SignInKey of(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("A sign-in key has at least 32 bytes");
        }
        return new SignInKey(key);
    }

    /** This server's key, read or made once. */
    public static SignInKey server() {
        SignInKey loaded = server;
        if (loaded == null) {
            synchronized (SignInKey.class) {
                if (server == null) {
                    server = of(load());
                }
                loaded = server;
            }
        }
        return loaded;
    }

    /** HMAC-SHA-256 of the text under the key, in hex. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names the key without telling it: two servers with the same key have the same id. */
    public String id() {
        return id;
    }

    private static String configuredText() {
        String configured = System.getProperty("syncsites.signIn.key", System.getenv("SYNCSITES_SIGN_IN_KEY"));
        return configured == null || configured.isBlank() ? null : configured;
    }

    private static byte[] load() {
        String configured = configuredText();
        if (configured != null) {
            byte[] given = HexFormat.of().parseHex(configured.strip());
            if (given.length < 32) {
                throw new IllegalStateException("The sign-in key (syncsites.signIn.key / SYNCSITES_SIGN_IN_KEY) must "
                        + "have at least 64 hex digits.");
            }
            return given;
        }
        Path file = Path.of(System.getProperty("jboss.server.data.dir", "."), "syncsites", "sign-in.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path temporary = Files.createTempFile(file.getParent(), "sign-in", ".key");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the data directory's own protection applies
                }
                Files.writeString(temporary, HexFormat.of().formatHex(fresh));
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(temporary); // another thread made it first
                }
                LOG.info(() -> "Created the sign-in key " + file);
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("The sign-in key " + file + " cannot be read or created", e);
        }
    }
}
