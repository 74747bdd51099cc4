package org.syncsites.platform;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Whether this node can serve: the database answers and its schema is migrated. For load balancers and people. */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Readiness {

    private static final Logger LOG = Logger.getLogger(Readiness.class.getName());

    @Resource(lookup = "java:jboss/datasources/SyncSitesDS")
    private DataSource dataSource;

    @EJB
    private DatabaseMigration migration;

    public Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean ready = true;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM site WHERE central = TRUE")) {
            rows.next();
            checks.put("database", "UP (" + connection.getMetaData().getDatabaseProductName() + ")");
            if (rows.getLong(1) != 1) {
                ready = false;
                checks.put("centralSite", "MISSING");
            } else {
                checks.put("centralSite", "UP");
            }
        } catch (SQLException e) {
            ready = false;
            // the detail (host, user...) is for the server log, not for anyone who asks
            LOG.log(Level.WARNING, "Health check: the database does not answer", e);
            checks.put("database", "DOWN");
        }
        checks.put("schemaVersion", migration.schemaVersion());
        return new Report(ready, checks);
    }

    public record Report(boolean ready, Map<String, String> checks) {}
}
