package org.syncsites.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Optional;

/**
 * A node of a cluster needs the cluster's secret ({@value #VARIABLE}, the same on every node): only nodes that know
 * it join the cluster, and the traffic between them is encrypted (wildfly-config/cli/cluster.cli). Without it, WildFly
 * does not start the cluster's messaging, so this application does not start either; a weak one is refused here, as
 * a weak first administrator's password is: the application does not start, and says why.
 */
@Singleton
@Startup
public class ClusterSecret {

    /** The environment variable that holds the cluster's secret. */
    public static final String VARIABLE = "SYNCSITES_CLUSTER_PASSWORD";

    static final int MIN_LENGTH = 16;
    /** What the cluster's password was when none was set: known to anyone who read this project. */
    private static final String FORMER_DEFAULT = "sync-sites-cluster";

    @PostConstruct
    void requireAStrongSecretInACluster() {
        // the configuration the server was started with (-c): the cluster's are standalone-full-ha*.xml
        if (!System.getProperty("jboss.server.default.config", "").contains("-ha")) {
            return;
        }
        problem(System.getenv(VARIABLE)).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
    }

    /** What is wrong with the secret for a cluster; empty when nothing is. */
    static Optional<String> problem(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.of(VARIABLE + " is not set: a cluster's nodes need the same secret, e.g. "
                    + "openssl rand -hex 32 (README, \"Running a cluster\").");
        }
        if (secret.strip().length() < MIN_LENGTH
                || secret.chars().distinct().count() < 6
                || secret.strip().equals(FORMER_DEFAULT)) {
            return Optional.of(VARIABLE + " is not accepted as the cluster's secret: it needs at least " + MIN_LENGTH
                    + " characters and no long repetition, e.g. openssl rand -hex 32. Set another value on every node "
                    + "and start again.");
        }
        return Optional.empty();
    }
}
