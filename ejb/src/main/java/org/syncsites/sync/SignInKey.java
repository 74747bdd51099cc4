package org.syncsites.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * The secret that keys the short-lived sign-in digest ({@link SiteSignIn}): an HMAC key that is not in the
 * database, so a copy of the database alone cannot test password guesses at digest speed. It comes from
 * {@code -Dsyncsites.signIn.key} or {@code SYNCSITES_SIGN_IN_KEY} (64 hex digits; give every cluster node the same
 * one), else from a key file created on first use in the server's data directory, readable by its owner only
 * (then each node of a cluster has its own: a digest made on one node is not recognised on the other, which costs
 * a bcrypt check there, nothing more).
 */
@Singleton
@PermitAll // used while a remote site signs in, before anyone is known
@jakarta.ejb.ConcurrencyManagement(jakarta.ejb.ConcurrencyManagementType.BEAN) // every sign-in reads it at once
public class SignInKey {

    private static final Logger LOG = Logger.getLogger(SignInKey.class.getName());

    private volatile byte[] key;

    /** HMAC-SHA-256 of the text under the key, in hex. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] loaded = key;
        if (loaded == null) {
            synchronized (this) {
                if (key == null) {
                    key = load();
                }
                loaded = key;
            }
        }
        return loaded;
    }

    private static byte[] load() {
        String configured = System.getProperty("syncsites.signIn.key", System.getenv("SYNCSITES_SIGN_IN_KEY"));
        if (configured != null && !configured.isBlank()) {
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
                    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
