package org.syncsites.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * Gives the integration tests an empty database before the server starts: on PostgreSQL it drops and creates
 * the test database (connecting to the "postgres" database of the same server); on H2 it deletes the files.
 */
public final class PrepareTestDatabase {

    private PrepareTestDatabase() {}

    public static void main(String[] args) throws SQLException, IOException {
        String url = args[0];
        if (url.startsWith("jdbc:postgresql:")) {
            recreatePostgresDatabase(url);
        } else if (url.startsWith("jdbc:h2:file:")) {
            deleteH2Files(url);
        } else {
            throw new IllegalArgumentException("No way to prepare a test database at " + url);
        }
    }

    private static void recreatePostgresDatabase(String url) throws SQLException {
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*", "");
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("Unexpected test database name: " + database);
        }
        String admin = url.substring(0, slash + 1) + "postgres";
        String user =
                System.getProperty("syncsites.db.user", System.getenv().getOrDefault("SYNCSITES_DB_USER", "postgres"));
        String password = System.getProperty(
                "syncsites.db.password", System.getenv().getOrDefault("SYNCSITES_DB_PASSWORD", "postgres"));
        try (Connection connection = DriverManager.getConnection(admin, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new SQLException(
                    "Cannot prepare the test database " + database + " at " + admin + ". Is PostgreSQL running there? ("
                            + e.getMessage() + ")",
                    e);
        }
        System.out.println("Test database " + database + " created empty at " + admin);
    }

    private static void deleteH2Files(String url) throws IOException {
        Path base = Path.of(url.substring("jdbc:h2:file:".length()).replaceAll(";.*", ""));
        Path folder = base.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            return;
        }
        String prefix = base.getFileName().toString() + ".";
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>)
                    files.filter(f -> f.getFileName().toString().startsWith(prefix))::iterator) {
                Files.delete(file);
            }
        }
        System.out.println("Test database files " + base + ".* deleted");
    }
}
