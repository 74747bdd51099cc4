package org.syncsites.it.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.syncsites.it.support.AdminApi;
import org.syncsites.it.support.WildFlyProcess;

/**
 * A PostgreSQL database backed up with {@code pg_dump} while the server runs, and restored with {@code pg_restore}
 * into an empty database with the server stopped, as README's "Backups" tells an operator; what the sites see of it:
 * {@link RestoreScenario}. A server of its own on a database of its own; in the cluster pass (-Pcluster,postgresql),
 * with the other tests that start servers of their own.
 */
class PostgreSQLBackupRestore {

    private static final String ADMIN_PASSWORD = "backup-admin-password";
    private static final String DATABASE = "syncsites_pg_restore";

    @Test
    void aDumpMadeWhileTheServerRunsIsRestoredIntoAnEmptyDatabase() throws Exception {
        recreate();
        WildFlyProcess server = WildFlyProcess.start(
                        "pg-backup",
                        "standalone-full.xml",
                        600,
                        Map.of("syncsites.db.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE),
                        ADMIN_PASSWORD,
                        List.of(),
                        Map.of())
                .awaitHealthy();
        try {
            AdminApi admin = AdminApi.at(server.baseUrl(), "admin", ADMIN_PASSWORD);
            RestoreScenario sites = RestoreScenario.beforeTheBackup(admin, server.baseUrl());
            Path dump = Files.createTempFile("syncsites", ".dump");
            run("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-Fc", "-d", DATABASE, "-f", dump.toString());
            sites.afterTheBackup();

            server.stop();
            recreate();
            run("pg_restore", "-h", "127.0.0.1", "-U", "postgres", "-d", DATABASE, dump.toString());
            server = server.restart().awaitHealthy();

            sites.afterTheRestore(AdminApi.at(server.baseUrl(), "admin", ADMIN_PASSWORD), server.baseUrl());
        } finally {
            server.kill();
        }
    }

    /** An empty database, as the restore needs and as the first start finds. */
    private static void recreate() throws SQLException {
        try (Connection postgres = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
                Statement statement = postgres.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(true, process.waitFor(5, TimeUnit.MINUTES), line + " took too long");
        assertEquals(0, process.exitValue(), line + ": " + output);
    }
}
