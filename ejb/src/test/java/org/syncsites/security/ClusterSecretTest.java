package org.syncsites.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterSecretTest {

    @Test
    void aClusterNeedsALongAndVariedSecret() {
        assertTrue(ClusterSecret.problem(null).orElseThrow().contains("is not set"));
        assertTrue(ClusterSecret.problem("  ").orElseThrow().contains("is not set"));
        assertTrue(ClusterSecret.problem("sync-sites").orElseThrow().contains("at least 16 characters"));
        assertTrue(ClusterSecret.problem("aaaaaaaaaaaaaaaaaaaaaaaa").isPresent(), "no long repetition");
        assertTrue(ClusterSecret.problem("sync-sites-cluster").isPresent(), "nor the former default");
        assertTrue(ClusterSecret.problem("3f9c0a17be52d4e8a6c1f0937b2e58d4").isEmpty());
    }
}
