package org.syncsites.user;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.RuleViolation;
import org.syncsites.platform.Text;
import org.syncsites.security.Roles;

/**
 * Personal API tokens: every user creates, names, lists and revokes their own. A token is 256 random bits, given
 * out once when it is created; only its SHA-256 is kept. It lasts {@value #DEFAULT_VALID_DAYS} days unless its user
 * chooses another lifetime, {@value #MAX_VALID_DAYS} days at most: none lasts until revoked, so that a token
 * forgotten in a script ends by itself. Disabling a user ends their tokens
 * ({@link #endAllOf}). A request that carries it acts as its user with the
 * permissions the user has at that moment ({@link #check}, on every request, from the database, so that a revoked
 * token, a disabled account or a revoked permission takes effect at once on every node). Creating and revoking
 * are audited.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class ApiTokens {

    /** What every token starts with, so that secret scanners and people recognise one. */
    public static final String PREFIX = "sst_";

    static final int MAX_PER_USER = 20;
    static final int MAX_VALID_DAYS = 366;
    static final int DEFAULT_VALID_DAYS = 90;
    /** last_used_at is written at most this often per token, so that a busy script does not write on each call. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a token was refused, or that it was accepted. */
    public enum Outcome {
        ACCEPTED,
        UNKNOWN,
        EXPIRED,
        ACCOUNT_DISABLED,
        PASSWORD_CHANGE_REQUIRED
    }

    /** The outcome of checking a token, whose it is and its ID (null when unknown). */
    public record Check(Outcome outcome, String username, Long tokenId) {}

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Resource
    private SessionContext caller;

    @EJB
    private AuditTrail audit;

    /** The caller's tokens, the newest first. */
    public List<ApiTokenView> mine() {
        return em.createQuery(
                        "SELECT t FROM ApiToken t WHERE t.userId = :user ORDER BY t.createdAt DESC, t.id DESC",
                        ApiToken.class)
                .setParameter("user", me().id())
                .getResultStream()
                .map(ApiToken::view)
                .toList();
    }

    /**
     * Creates a token for the caller, valid {@code validDays} days (null: {@value #DEFAULT_VALID_DAYS}).
     * @return the token, the only time it is given out
     */
    public NewApiToken create(String name, Integer validDays) {
        UserAccount user = UserAccount.signedIn(em, callerName(), LockModeType.PESSIMISTIC_WRITE);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new RuleViolation("name", Text.of("token.name.invalid"));
        }
        int days = validDays == null ? DEFAULT_VALID_DAYS : validDays;
        if (days < 1 || days > MAX_VALID_DAYS) {
            throw new RuleViolation("validDays", Text.of("token.validDays.invalid", MAX_VALID_DAYS));
        }
        long count = em.createQuery("SELECT COUNT(t) FROM ApiToken t WHERE t.userId = :user", Long.class)
                .setParameter("user", user.id())
                .getSingleResult();
        if (count >= MAX_PER_USER) {
            throw new RuleViolation(Text.of("token.tooMany", MAX_PER_USER));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        ApiToken created = new ApiToken(
                user.id(),
                label,
                hash(token),
                token.substring(0, PREFIX.length() + 6),
                now,
                now.plus(Duration.ofDays(days)));
        em.persist(created);
        em.flush();
        audit.record(
                AuditTrail.Action.API_TOKEN_CREATED,
                "User",
                user.id(),
                user.username(),
                "API token",
                null,
                label + ", valid " + days + " days");
        return new NewApiToken(created.view(), token);
    }

    /** Revokes one of the caller's tokens: the next request with it is refused, on every node. */
    public void revoke(long tokenId) {
        UserAccount user = me();
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || token.userId() != user.id()) {
            throw new NotFound(Text.of("token.notFound"));
        }
        em.remove(token);
        audit.record(
                AuditTrail.Action.API_TOKEN_REVOKED,
                "User",
                user.id(),
                user.username(),
                "API token",
                token.name(),
                null);
    }

    /**
     * Ends every token of the user (disabled: enabling them again does not bring their tokens back), in the caller's
     * transaction. @return how many were ended
     */
    @RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
    public int endAllOf(long userId) {
        return em.createQuery("DELETE FROM ApiToken t WHERE t.userId = :user")
                .setParameter("user", userId)
                .executeUpdate();
    }

    /**
     * Whether a request carrying {@code token} may go on, and as whom: the token exists, has not expired, and its
     * user is enabled and need not change their password first. Notes when the token was used.
     */
    @PermitAll
    public Check check(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return new Check(Outcome.UNKNOWN, null, null);
        }
        Optional<Tuple> found = em.createQuery(
                        "SELECT t.id AS token_id, t.expiresAt AS expires, t.lastUsedAt AS used, "
                                + "u.username AS username, u.enabled AS enabled, u.mustChangePassword AS must_change "
                                + "FROM ApiToken t, UserAccount u WHERE u.id = t.userId AND t.tokenHash = :hash",
                        Tuple.class)
                .setParameter("hash", hash(token))
                .getResultStream()
                .findFirst();
        if (found.isEmpty()) {
            return new Check(Outcome.UNKNOWN, null, null);
        }
        Tuple row = found.get();
        Instant now = Instant.now();
        Instant expires = row.get("expires", Instant.class);
        String username = row.get("username", String.class);
        Long tokenId = row.get("token_id", Long.class);
        if (expires != null && !now.isBefore(expires)) {
            return new Check(Outcome.EXPIRED, username, tokenId);
        }
        if (!row.get("enabled", Boolean.class)) {
            return new Check(Outcome.ACCOUNT_DISABLED, username, tokenId);
        }
        Instant used = row.get("used", Instant.class);
        if (used == null || used.isBefore(now.minus(LAST_USE_PRECISION))) {
            em.createQuery("UPDATE ApiToken t SET t.lastUsedAt = :now WHERE t.id = :id AND (t.lastUsedAt IS NULL "
                            + "OR t.lastUsedAt < :before)")
                    .setParameter("now", now)
                    .setParameter("id", tokenId)
                    .setParameter("before", now.minus(LAST_USE_PRECISION))
                    .executeUpdate();
        }
        if (row.get("must_change", Boolean.class)) {
            return new Check(Outcome.PASSWORD_CHANGE_REQUIRED, username, tokenId);
        }
        return new Check(Outcome.ACCEPTED, username, tokenId);
    }

    /** The token's SHA-256, as kept. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    private UserAccount me() {
        return UserAccount.signedIn(em, callerName(), LockModeType.NONE);
    }

    private String callerName() {
        return caller.getCallerPrincipal().getName();
    }
}
