package org.syncsites.siteusers;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.syncsites.platform.Columns;
import org.syncsites.platform.Meters;
import org.syncsites.platform.Times;
import org.syncsites.security.PasswordChecks;
import org.syncsites.security.PasswordHashing;

/**
 * A site user signing in to an open-mSupply device through the central ({@code POST /api/v4/login}), answered as
 * open-mSupply reads it (docs/open-msupply-data.md, "Sign-in"): 200 with the user, their stores and permissions (the
 * device then keeps a bcrypt hash of the password for offline sign-ins); 401 for a wrong name or password only (a
 * 401 also refuses the device's cached sign-in); 403 {@code user_login_timeout} with the milliseconds left while the
 * name waits after {@value #MOST_FAILURES} failures in a row from the same address. The failures are counted per name
 * and address (table {@code site_user_sign_in_guard}, its row locked while the answer is decided, so every node of a
 * cluster counts the same): a stranger guessing from elsewhere makes only their own address wait, not the user at
 * their site, and a name no user has is counted and made to wait like any other, so no answer tells whether a name
 * exists. Every sign-in of a known user is kept in their history.
 */
@Stateless
@PermitAll
public class SiteUserSignIns {

    /** Failures in a row, of one name from one address, after which that name waits {@link #LOCKED_FOR} there. */
    public static final int MOST_FAILURES = 5;

    public static final Duration LOCKED_FOR = Duration.ofMinutes(15);
    /** A name's failures from an address, none for this long, are forgotten. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);
    /** In SQL, until when the user under alias {@code u} waits from some address (null: nowhere). */
    static final String LOCKED_UNTIL =
            "(SELECT MAX(g.locked_until) FROM site_user_sign_in_guard g WHERE " + "g.username_key = u.username_key)";

    private static final String UNKNOWN_USER_HASH = PasswordHashing.hash("no site user has this password");

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private Meters meters;

    @Resource
    private SessionContext context;

    /** The answer: its HTTP status and JSON body. */
    public record Answer(int status, String body) {}

    /**
     * Signs the user in, from {@code address} (the client's, as the connection gives it: the site's server for a
     * device's sign-in).
     */
    public Answer signIn(String username, String password, String siteName, String address) {
        String key = username == null ? "" : SiteUser.key(username);
        String from = Columns.clip(address == null ? "" : address, 64);
        // the password is checked before any row is locked: bcrypt's time holds no lock, and a user without a
        // password, or no user at all, costs the same time as a wrong password
        List<?> hashes = em.createNativeQuery("SELECT password_hash FROM site_user WHERE username_key = ?1")
                .setParameter(1, key)
                .getResultList();
        String hash = hashes.isEmpty() || hashes.get(0) == null ? UNKNOWN_USER_HASH : (String) hashes.get(0);
        boolean matches;
        try (PasswordChecks.Permit turn = PasswordChecks.permit()) {
            matches = PasswordHashing.matches(password == null ? "" : password, hash) && hash != UNKNOWN_USER_HASH;
        }
        try {
            context.getBusinessObject(SiteUserSignIns.class).openGuard(key, from);
        } catch (EJBException | PersistenceException alreadyThere) {
            // another sign-in of the same name from the same address made it meanwhile: it is there to lock
        }
        Object[] guard = (Object[]) em.createNativeQuery("SELECT failures, locked_until FROM site_user_sign_in_guard "
                        + "WHERE username_key = ?1 AND address = ?2 FOR UPDATE")
                .setParameter(1, key)
                .setParameter(2, from)
                .getSingleResult();
        List<?> found = em.createNativeQuery("SELECT id FROM site_user WHERE username_key = ?1")
                .setParameter(1, key)
                .getResultList();
        Long id = found.isEmpty() ? null : ((Number) found.get(0)).longValue();
        Instant now = Instant.now();
        Instant lockedUntil = Times.ofColumn(guard[1]);
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            if (id != null) {
                note(id, siteName, "LOCKED_OUT", now);
            }
            return new Answer(
                    403,
                    Json.createObjectBuilder()
                            .add("status", "user_login_timeout")
                            .add(
                                    "timeoutRemaining",
                                    Duration.between(now, lockedUntil).toMillis())
                            .build()
                            .toString());
        }
        SiteUser user = id == null ? null : em.find(SiteUser.class, id);
        if (user == null || !matches || !hash.equals(user.getPasswordHash())) {
            // a password set meanwhile: the one checked is old
            int failures = ((Number) guard[0]).intValue() + 1;
            boolean locks = failures >= MOST_FAILURES;
            em.createNativeQuery("UPDATE site_user_sign_in_guard SET failures = ?1, locked_until = ?2, "
                            + "last_failure_at = ?3 WHERE username_key = ?4 AND address = ?5")
                    .setParameter(1, locks ? 0 : failures)
                    .setParameter(2, locks ? OffsetDateTime.ofInstant(now.plus(LOCKED_FOR), ZoneOffset.UTC) : null)
                    .setParameter(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .setParameter(4, key)
                    .setParameter(5, from)
                    .executeUpdate();
            // what no name has failed for a day is forgotten: a stranger's guesses do not pile up
            em.createNativeQuery("DELETE FROM site_user_sign_in_guard WHERE last_failure_at < ?1 AND (locked_until IS "
                            + "NULL OR locked_until < ?1)")
                    .setParameter(1, OffsetDateTime.ofInstant(now.minus(FORGOTTEN_AFTER), ZoneOffset.UTC))
                    .executeUpdate();
            if (id != null) {
                note(id, siteName, locks ? "WRONG_PASSWORD_LOCKED" : "WRONG_PASSWORD", now);
            }
            meters.signInFailed("site-user");
            return refused();
        }
        em.createNativeQuery("DELETE FROM site_user_sign_in_guard WHERE username_key = ?1 AND address = ?2")
                .setParameter(1, key)
                .setParameter(2, from)
                .executeUpdate();
        // an inactive user is answered as such: the device refuses them and keeps them inactive, offline too
        note(id, siteName, user.isActive() ? "SIGNED_IN" : "INACTIVE", now);
        return new Answer(200, answer(user).toString());
    }

    /** Makes the guard's row of the name and address, in a transaction of its own (its caller then locks it). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void openGuard(String usernameKey, String address) {
        em.createNativeQuery("INSERT INTO site_user_sign_in_guard (username_key, address, failures) SELECT ?1, ?2, 0 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM site_user_sign_in_guard WHERE username_key = ?1 AND "
                        + "address = ?2)")
                .setParameter(1, usernameKey)
                .setParameter(2, address)
                .executeUpdate();
    }

    private static Answer refused() {
        return new Answer(
                401,
                Json.createObjectBuilder()
                        .add("status", "error")
                        .add("message", "The user name or password is not right.")
                        .build()
                        .toString());
    }

    private void note(long userId, String siteName, String outcome, Instant at) {
        em.createNativeQuery("INSERT INTO site_user_sign_in (user_id, at, site_name, outcome) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, userId)
                .setParameter(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter(3, Columns.clip(siteName, 100))
                .setParameter(4, outcome)
                .executeUpdate();
    }

    /** The answer open-mSupply parses: every key it requires, in its JSON types (the keys it ignores included). */
    private JsonObject answer(SiteUser user) {
        JsonObjectBuilder account = Json.createObjectBuilder()
                .add("ID", user.getUid())
                .add("name", user.getUsername())
                .add("e_mail", user.getEmail())
                .add("first_name", user.getFirstName())
                .add("last_name", user.getLastName())
                .add("phone1", user.getPhone())
                .add("job_title", user.getJobTitle())
                .add("Language", user.getLanguage())
                .add("active", user.isActive());
        for (String unused : List.of(
                "startup_method",
                "group_id",
                "mode",
                "initials",
                "address_1",
                "address_2",
                "phone2",
                "ldap_login_string",
                "windows_user_name",
                "license_category_id",
                "spare_1")) {
            account.add(unused, "");
        }
        account.add("nblogins", 0).add("lasttime", 0);
        for (String unused :
                List.of("responsible_officer", "use_ldap", "receives_sms_errors", "is_group", "isInactiveAuthoriser")) {
            account.add(unused, false);
        }
        JsonArrayBuilder stores = Json.createArrayBuilder();
        for (SiteUserViews.StoreAccess access : StoreAccessRows.of(em, user.getId())) {
            if (!access.canLogin()) {
                continue; // open-mSupply keeps only the stores a user may sign in to
            }
            JsonArrayBuilder bits = Json.createArrayBuilder();
            for (boolean bit : LegacyPermissions.array(access.effectivePermissions())) {
                bits.add(bit);
            }
            stores.add(Json.createObjectBuilder()
                    .add("ID", user.getUid() + "-" + access.storeSyncId())
                    .add("user_ID", user.getUid())
                    .add("store_ID", access.storeSyncId())
                    .add("can_login", true)
                    .add("store_default", access.isDefault())
                    .add("can_action_replenishments", false)
                    .add("permissions", bits));
        }
        return Json.createObjectBuilder()
                .add("status", "success")
                .add("authenticated", true)
                .add("username", user.getUsername())
                .add("userFirstName", user.getFirstName())
                .add("userLastName", user.getLastName())
                .add("userJobTitle", user.getJobTitle())
                .add("service", "")
                .add("storeName", "")
                .add("userType", "user")
                .add("userInfo", Json.createObjectBuilder().add("user", account).add("userStores", stores))
                .build();
    }
}
