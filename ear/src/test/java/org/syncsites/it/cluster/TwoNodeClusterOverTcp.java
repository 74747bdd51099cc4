package org.syncsites.it.cluster;

/**
 * Every test of {@link TwoNodeCluster} again, on a cluster without multicast: standalone-full-ha-tcp.xml, whose
 * JGroups channel (and so the Artemis cluster) runs on TCP and finds its members through the shared database
 * (JDBC_PING; wildfly-config/cli/cluster-tcp.cli), as clouds and Kubernetes need.
 */
class TwoNodeClusterOverTcp extends TwoNodeCluster {

    @Override
    String configuration() {
        return "standalone-full-ha-tcp.xml";
    }
}
