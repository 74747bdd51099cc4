package org.syncsites.siteusers;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.syncsites.platform.Columns;
import org.syncsites.platform.Meters;
import org.syncsites.security.PasswordHashing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A site user signing in to an open-mSupply device through the central ({@code POST /api/v4/login}), answered as
 * open-mSupply reads it (docs/open-msupply-data.md, "Sign-in"): 200 with the user, their stores and permissions (the
 * device then keeps a bcrypt hash of the password for offline sign-ins); 401 for a wrong name or password only (a
 * 401 also refuses the device's cached sign-in); 403 {@code user_login_timeout} with the milliseconds left while the
 * user is locked out after {@value #MOST_FAILURES} failures in a row. The guard is the user's row, locked while the
 * password is checked, so every node of a cluster counts the same failures. Every sign-in of a known user is kept in
 * their history.
 */
@Stateless
@PermitAll
public class SiteUserSignIns {

    /** Failures in a row after which the user's sign-ins wait {@link #LOCKED_FOR}. */
    public static final int MOST_FAILURES = 5;
    public static final Duration LOCKED_FOR = Duration.ofMinutes(15);

    private static final String UNKNOWN_USER_HASH = PasswordHashing.hash("no site user has this password");

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @Inject
    private Meters meters;

    /** The answer: its HTTP status and JSON body. */
    public record Answer(int status, String body) {
    }

    public Answer signIn(String username, String password, String siteName) {
        String key = username == null ? "" : SiteUser.key(username);
        // the password is checked before the user's row is locked: bcrypt's time holds no lock, and a user without a
        // password, or no user at all, costs the same time as a wrong password
        List<?> hashes = em.createNativeQuery("SELECT password_hash FROM site_user WHERE username_key = ?1")
                .setParameter(1, key).getResultList();
        String hash = hashes.isEmpty() || hashes.get(0) == null ? UNKNOWN_USER_HASH : (String) hashes.get(0);
        boolean matches = PasswordHashing.matches(password == null ? "" : password, hash) && hash != UNKNOWN_USER_HASH;
        List<?> found = em.createNativeQuery("SELECT id FROM site_user WHERE username_key = ?1 FOR UPDATE")
                .setParameter(1, key).getResultList();
        if (found.isEmpty()) {
            meters.signInFailed("site-user");
            return refused();
        }
        long id = ((Number) found.get(0)).longValue();
        SiteUser user = em.find(SiteUser.class, id);
        Instant now = Instant.now();
        if (user.getLockedUntil() != null && user.getLockedUntil().isAfter(now)) {
            note(id, siteName, "LOCKED_OUT", now);
            long remaining = Duration.between(now, user.getLockedUntil()).toMillis();
            return new Answer(403, Json.createObjectBuilder().add("status", "user_login_timeout")
                    .add("timeoutRemaining", remaining).build().toString());
        }
        if (!matches || !hash.equals(user.getPasswordHash())) { // a password set meanwhile: the one checked is old
            int failures = user.getFailedSignIns() + 1;
            em.createNativeQuery("UPDATE site_user SET failed_sign_ins = ?1, locked_until = ?2 WHERE id = ?3")
                    .setParameter(1, failures >= MOST_FAILURES ? 0 : failures)
                    .setParameter(2, failures >= MOST_FAILURES ? OffsetDateTime.ofInstant(now.plus(LOCKED_FOR),
                            ZoneOffset.UTC) : null)
                    .setParameter(3, id).executeUpdate();
            note(id, siteName, failures >= MOST_FAILURES ? "WRONG_PASSWORD_LOCKED" : "WRONG_PASSWORD", now);
            meters.signInFailed("site-user");
            return refused();
        }
        if (user.getFailedSignIns() > 0 || user.getLockedUntil() != null) {
            em.createNativeQuery("UPDATE site_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?1")
                    .setParameter(1, id).executeUpdate();
        }
        // an inactive user is answered as such: the device refuses them and keeps them inactive, offline too
        note(id, siteName, user.isActive() ? "SIGNED_IN" : "INACTIVE", now);
        return new Answer(200, answer(user).toString());
    }

    private static Answer refused() {
        return new Answer(401, Json.createObjectBuilder().add("status", "error")
                .add("message", "The user name or password is not right.").build().toString());
    }

    private void note(long userId, String siteName, String outcome, Instant at) {
        em.createNativeQuery("INSERT INTO site_user_sign_in (user_id, at, site_name, outcome) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, userId).setParameter(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter(3, Columns.clip(siteName, 100)).setParameter(4, outcome).executeUpdate();
    }

    /** The answer open-mSupply parses: every key it requires, in its JSON types (the keys it ignores included). */
    private jakarta.json.JsonObject answer(SiteUser user) {
        JsonObjectBuilder account = Json.createObjectBuilder().add("ID", user.getUid()).add("name", user.getUsername())
                .add("e_mail", user.getEmail()).add("first_name", user.getFirstName())
                .add("last_name", user.getLastName()).add("phone1", user.getPhone())
                .add("job_title", user.getJobTitle()).add("Language", user.getLanguage())
                .add("active", user.isActive());
        for (String unused : List.of("startup_method", "group_id", "mode", "initials", "address_1", "address_2",
                "phone2", "ldap_login_string", "windows_user_name", "license_category_id", "spare_1")) {
            account.add(unused, "");
        }
        account.add("nblogins", 0).add("lasttime", 0);
        for (String unused : List.of("responsible_officer", "use_ldap", "receives_sms_errors", "is_group",
                "isInactiveAuthoriser")) {
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
            stores.add(Json.createObjectBuilder().add("ID", user.getUid() + "-" + access.storeSyncId())
                    .add("user_ID", user.getUid()).add("store_ID", access.storeSyncId()).add("can_login", true)
                    .add("store_default", access.isDefault()).add("can_action_replenishments", false)
                    .add("permissions", bits));
        }
        return Json.createObjectBuilder().add("status", "success").add("authenticated", true)
                .add("username", user.getUsername()).add("userFirstName", user.getFirstName())
                .add("userLastName", user.getLastName()).add("userJobTitle", user.getJobTitle())
                .add("service", "").add("storeName", "").add("userType", "user")
                .add("userInfo", Json.createObjectBuilder().add("user", account).add("userStores", stores)).build();
    }
}
