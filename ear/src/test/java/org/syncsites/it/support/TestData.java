package org.syncsites.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * What tests need that no admin can do through the application: a remote device's footprints (type, last
 * connection, hardware ID, blocked state are set by syncing devices, not by admins), and direct counts.
 */
public final class TestData {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Opens a connection to the application's database. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector database;

    /** Inside the server: through the application's datasource. */
    public TestData(DataSource dataSource) {
        this.database = dataSource::getConnection;
    }

    private TestData(Connector database) {
        this.database = database;
    }

    /** Outside the server: straight to the test database (H2 runs in automatic server mode for this). */
    public static TestData fromOutside() {
        return at(System.getProperty("syncsites.it.db.url"));
    }

    /** Straight to the database at {@code url} (e.g. that of a server a test started). */
    public static TestData at(String url) {
        boolean h2 = url.startsWith("jdbc:h2:");
        return new TestData(() -> DriverManager.getConnection(url, h2 ? "sa" : "postgres", h2 ? "sa" : "postgres"));
    }

    /** A connection of its own to the test database, for a benchmark's plain JDBC baseline. */
    public Connection open() throws SQLException {
        return database.open();
    }

    /** A name no other test uses, e.g. "Clinic-1732-4". */
    public static String unique(String prefix) {
        return prefix + "-" + (System.currentTimeMillis() % 100_000) + "-" + SEQUENCE.incrementAndGet();
    }

    /** As if a device had synced as this site: bound hardware ID, connection times, and the given type. */
    public void deviceSynced(long siteId, String type) {
        update(
                "UPDATE site SET site_type = ?, hardware_id = ?, first_connection_at = CURRENT_TIMESTAMP, "
                        + "last_connection_at = CURRENT_TIMESTAMP, last_successful_sync_at = CURRENT_TIMESTAMP WHERE id = ?",
                type,
                "device-" + siteId,
                siteId);
    }

    /** As if the site had failed to sign in too often. */
    public void blocked(long siteId) {
        update("UPDATE site SET blocked = TRUE, failed_login_count = 5 WHERE id = ?", siteId);
    }

    public long count(String sql, Object... parameters) {
        try (Connection connection = database.open();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Every row of a query, as arrays of its columns' values. */
    public List<Object[]> rows(String sql, Object... parameters) {
        try (Connection connection = database.open();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<Object[]> all = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                all.add(row);
            }
            return all;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public void update(String sql, Object... parameters) {
        try (Connection connection = database.open();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
