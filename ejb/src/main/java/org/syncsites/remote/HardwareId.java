package org.syncsites.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * This server's hardware ID, which a central server binds the site to: the same for as long as the machine and
 * the server's data directory stay the same, different for another machine or another data directory (a second
 * installation with the same site credentials is a second device, and is refused). Derived from the machine's
 * ID (systemd's /etc/machine-id, else the host name) and the data directory's absolute path; nothing secret.
 */
public final class HardwareId {

    private static final List<Path> MACHINE_ID_FILES =
            List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));

    private HardwareId() {}

    /** This server's ID: its machine and {@code jboss.server.data.dir} (read once: neither changes while it runs). */
    public static String ofThisServer() {
        return ThisServer.ID;
    }

    private static final class ThisServer {
        static final String ID = of(machineId(), Path.of(System.getProperty("jboss.server.data.dir", "data")));
    }

    static String of(String machineId, Path dataDirectory) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(machineId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(dataDirectory.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            String hex = HexFormat.of().formatHex(sha.digest(), 0, 16);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String machineId() {
        for (Path file : MACHINE_ID_FILES) {
            try {
                String id = Files.readString(file).strip();
                if (!id.isEmpty()) {
                    return id;
                }
            } catch (IOException | SecurityException e) {
                // try the next source
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-machine";
        }
    }
}
