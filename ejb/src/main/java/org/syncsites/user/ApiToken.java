package org.syncsites.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A personal API token of a user: a script that sends it acts as the user, with the permissions the user has at
 * that moment. Only the token's SHA-256 is kept ({@link ApiTokens}).
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id")
    private long userId;

    private String name;

    @Column(name = "token_hash")
    private String tokenHash;

    /** The token's first characters, to recognise it by in the list. */
    @Column(name = "token_start")
    private String tokenStart;

    @Column(name = "created_at")
    private Instant createdAt;

    /** Null: valid until revoked. */
    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected ApiToken() {}

    ApiToken(long userId, String name, String tokenHash, String tokenStart, Instant createdAt, Instant expiresAt) {
        this.userId = userId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.tokenStart = tokenStart;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    ApiTokenView view() {
        return new ApiTokenView(id, name, tokenStart, createdAt, expiresAt, lastUsedAt);
    }

    long userId() {
        return userId;
    }

    String name() {
        return name;
    }
}
