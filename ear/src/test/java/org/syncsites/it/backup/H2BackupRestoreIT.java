package org.syncsites.it.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.WildFlyProcess;

/**
 * A backup of the embedded H2 database made while the server runs, then restored as README's "Backups" tells an
 * operator (the server stopped, the backup unzipped into the database's folder, the server started): the server
 * holds what it held when the backup was made, and nothing made after. The server is one of its own, on its own
 * H2 database in the default place. What the sites see of it: {@link RestoreScenario}.
 */
class H2BackupRestoreIT {

    private static final String ADMIN_PASSWORD = "backup-admin-password";

    @Test
    void aBackupMadeWhileTheServerRunsIsRestoredWithTheServerStopped() throws Exception {
        WildFlyProcess server = WildFlyProcess.start(
                        "h2-backup", "standalone-full.xml", 500, Map.of(), ADMIN_PASSWORD, List.of(), Map.of())
                .awaitHealthy();
        try {
            AdminApi admin = AdminApi.at(server.baseUrl(), "admin", ADMIN_PASSWORD);
            RestoreScenario sites = RestoreScenario.beforeTheBackup(admin, server.baseUrl());
            HttpResponse<String> made = admin.call("POST", "/api/admin/backups", null);
            assertEquals(201, made.statusCode(), made.body());
            JsonObject backup = Json.createReader(new StringReader(made.body())).readObject();
            String name = backup.getString("name");
            assertTrue(name.startsWith("syncsites-") && name.endsWith(".zip"), name);
            assertTrue(backup.getJsonNumber("bytes").longValue() > 0);
            assertTrue(admin.call("GET", "/api/admin/backups", null).body().contains(name), "listed");
            admin.createUser("backupviewer", "", "viewer-password-1", false);
            assertEquals(
                    403,
                    AdminApi.at(server.baseUrl(), "backupviewer", "viewer-password-1")
                            .call("POST", "/api/admin/backups", null)
                            .statusCode(),
                    "viewers may not make one");
            sites.afterTheBackup();

            server.stop();
            Path folder = server.base().resolve("data/syncsites");
            unzip(folder.resolve("backups").resolve(name), folder);
            server = server.restart().awaitHealthy();

            AdminApi again = AdminApi.at(server.baseUrl(), "admin", ADMIN_PASSWORD);
            assertEquals(
                    1,
                    Json.createReader(new StringReader(again.call("GET", "/api/admin/backups", null)
                                    .body()))
                            .readArray()
                            .size(),
                    "the backups folder is kept across the restore");
            sites.afterTheRestore(again, server.baseUrl());
        } finally {
            server.kill();
        }
    }

    /** {@code unzip -o backup.zip -d folder}, as README has it. */
    private static void unzip(Path zip, Path folder) throws IOException {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = folder.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(folder), entry.getName());
                Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
