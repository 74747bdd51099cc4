package org.syncsites.user;

import java.io.Serializable;
import java.time.Instant;

/**
 * What the pages and the API show of an API token: never the token itself (only its first characters), which is
 * shown once, when it is created ({@link NewApiToken}).
 */
public record ApiTokenView(
        long id, String name, String tokenStart, Instant createdAt, Instant expiresAt, Instant lastUsedAt)
        implements Serializable {

    public boolean expired() {
        return expiresAt != null && !Instant.now().isBefore(expiresAt);
    }
}
