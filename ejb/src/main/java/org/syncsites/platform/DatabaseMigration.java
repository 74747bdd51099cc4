package org.syncsites.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * Brings the database schema to the version this build needs, on every deployment, before anything else uses
 * the database: the versioned SQL migrations in {@code db/migration} (the same for H2 and PostgreSQL), and the few
 * of one database in {@code db/vendor/h2} or {@code db/vendor/postgresql} (numbered between the common ones, e.g.
 * V11_1, each present for both databases so that the versions stay the same), are applied by Flyway, which takes
 * a database lock, so cluster nodes starting together migrate once.
 * Then the JPA mapping is validated against the migrated schema; a mismatch fails the deployment rather than
 * failing later on some request. Last, the central change log's serials jump a gap ({@link ChangeFeed#leaveGapAtStart}).
 */
@Singleton
@Startup
@PermitAll
@TransactionManagement(TransactionManagementType.BEAN) // Flyway commits each migration itself
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/SyncSitesDS")
    private DataSource dataSource;

    @PersistenceUnit(unitName = "syncsites")
    private EntityManagerFactory entityManagerFactory;

    private String schemaVersion;

    @PostConstruct
    void migrateAndValidate() {
        SqlDialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = SqlDialect.of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("The database does not answer: " + e.getMessage(), e);
        }
        Flyway flyway = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                // the common migrations, and those of this database only (e.g. PostgreSQL's trigram indexes)
                .locations("classpath:db/migration", "classpath:" + dialect.migrationFolder())
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        schemaVersion = flyway.info().current() == null
                ? "none"
                : flyway.info().current().getVersion().getVersion();
        LOG.info(() -> "Database schema at version " + schemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied now)");
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
        try (Connection connection = dataSource.getConnection()) {
            ChangeFeed.leaveGapAtStart(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("The central change log's gap could not be left: " + e.getMessage(), e);
        }
    }

    /** The version of the last migration applied, e.g. "1". */
    public String schemaVersion() {
        return schemaVersion;
    }
}
