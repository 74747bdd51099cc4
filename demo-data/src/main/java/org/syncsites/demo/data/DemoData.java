package org.syncsites.demo.data;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.syncsites.platform.ChangeFeed;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.SqlDialect;
import org.syncsites.security.Roles;
import org.syncsites.site.Site;
import org.syncsites.site.SiteType;
import org.syncsites.store.Store;
import org.syncsites.store.StoreCount;
import org.syncsites.store.StoreDirectory;
import org.syncsites.syncqueue.SiteQueue;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Bulk store data for demos and benchmarks, never in the production application: generated in the database,
 * set-based, one statement per call, through the same change feeds and site queues as real data. A developer's
 * tool: its refusals are plain English exceptions (IllegalArgumentException, NoSuchElementException).
 * Records alternate between the tables {@code transact} and {@code trans_line}; store-specific central data
 * goes to {@code store_preference}.
 */
@Stateless
@RolesAllowed(Roles.EDIT_SYNC_SETTINGS)
public class DemoData {

    /** At most this many records per call (one transaction); call again for more. */
    public static final int MAX_PER_CALL = 2_000_000;

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /** At most this many sites per call. */
    public static final int MAX_SITES_PER_CALL = 200_000;

    /**
     * Adds {@code count} remote sites named {@code <prefix>-1} .. {@code <prefix>-<count>} with the given password,
     * no stores and no device bound yet: a network of sites for benchmarks. The password is hashed once for all
     * of them, at bcrypt's lowest cost (2^4 rounds), so that a benchmark can sign thousands in for the first time
     * in seconds; never a hash for a real site. @return the number added
     */
    public int generateSites(String prefix, int count, String password) {
        if (count < 1 || count > MAX_SITES_PER_CALL || prefix == null || prefix.isBlank() || prefix.length() > 40) {
            throw new IllegalArgumentException(
                    "Give 1 to " + MAX_SITES_PER_CALL + " sites and a prefix of 1 to 40 " + "characters.");
        }
        String hash = cheapHash(Site.syncSecret(password));
        return em.createNativeQuery("INSERT INTO site (code, name, name_key, password_hash, site_type, "
                        + "sync_interval_minutes, sync_request_size, server_url, created_at) "
                        + "SELECT '', ?2 || '-' || CAST(n AS VARCHAR(10)), LOWER(?2 || '-' || CAST(n AS VARCHAR(10))), "
                        + "?3, ?4, 5, 500, '', ?5 FROM " + SqlDialect.of(em).numberSeries())
                .setParameter(1, count)
                .setParameter(2, prefix.strip())
                .setParameter(3, hash)
                .setParameter(4, SiteType.STANDALONE.name())
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** At most this many stores per call. */
    public static final int MAX_STORES_PER_CALL = 1_000_000;

    /**
     * Adds {@code count} stores with codes {@code <codePrefix>1} .. {@code <codePrefix><count>}, spread in turn over
     * the sites {@code <sitePrefix>-1} .. {@code <sitePrefix>-<siteCount>} (made by {@link #generateSites}), each
     * published in the central change log's store directory as a real store is: a large network for benchmarks.
     * The stores hold no data. @return the number added
     */
    public int generateStores(String codePrefix, int count, String sitePrefix, int siteCount) {
        if (count < 1
                || count > MAX_STORES_PER_CALL
                || siteCount < 1
                || codePrefix == null
                || codePrefix.isBlank()
                || codePrefix.length() + Integer.toString(count).length() > 20
                || sitePrefix == null) {
            throw new IllegalArgumentException("Give 1 to " + MAX_STORES_PER_CALL + " stores, at least one site, and "
                    + "a code prefix short enough for codes of at most 20 characters.");
        }
        SqlDialect dialect = SqlDialect.of(em);
        String prefix = codePrefix.strip();
        int added = em.createNativeQuery("INSERT INTO store (code, code_key, name, name_key, name_id, site_id) "
                        + "SELECT ?2 || CAST(n AS VARCHAR(10)), LOWER(?2 || CAST(n AS VARCHAR(10))), "
                        + "'Store ' || ?2 || CAST(n AS VARCHAR(10)), LOWER('Store ' || ?2 || CAST(n AS VARCHAR(10))), "
                        + "'" + Store.NAME_ID_PREFIX + "' || UPPER(?2 || CAST(n AS VARCHAR(10))), "
                        + "s.id FROM " + dialect.numberSeries()
                        + " JOIN site s ON s.name_key = LOWER(?3 || '-' || CAST(MOD(n - 1, ?4) + 1 AS VARCHAR(10)))")
                .setParameter(1, count)
                .setParameter(2, prefix)
                .setParameter(3, sitePrefix.strip())
                .setParameter(4, siteCount)
                .executeUpdate();
        if (added != count) {
            throw new NoSuchElementException("Only " + added + " of the " + count + " stores found their site: "
                    + "generate the sites " + sitePrefix + "-1 .. " + sitePrefix + "-" + siteCount + " first.");
        }
        StoreCount.add(em, added);
        StoreDirectory.publish(em, "st.code_key LIKE ?2", prefix.toLowerCase(Locale.ROOT) + "%");
        em.createNativeQuery(dialect.refreshStatistics("store")).executeUpdate();
        em.createNativeQuery(dialect.refreshStatistics("site")).executeUpdate();
        return added;
    }

    private static String cheapHash(String secret) {
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        new SecureRandom().nextBytes(salt);
        try {
            PasswordFactory factory = PasswordFactory.getInstance(
                    BCryptPassword.ALGORITHM_BCRYPT, WildFlyElytronPasswordProvider.getInstance());
            return ModularCrypt.encodeAsString(factory.generatePassword(new EncryptablePasswordSpec(
                    secret.toLowerCase(Locale.ROOT).toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(4, salt))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available from WildFly Elytron", e);
        }
    }

    /**
     * Adds {@code count} generated records to the store's data, as if its users had entered them here: they are
     * numbered in the local change log (a remote site pushes them to its central), and when the store is active
     * on a remote site of this server they are queued for that site. @return the number added
     */
    public int generateStoreRecords(long storeId, int count) {
        int added = addStoreRecords(store(storeId, count), count);
        em.createNativeQuery(SqlDialect.of(em).refreshStatistics("store_record"))
                .executeUpdate();
        return added;
    }

    /**
     * {@link #generateStoreRecords} for every store whose code starts with {@code codePrefix}, in one transaction:
     * e.g. each store of a generated network ({@link #generateStores}). @return the number of records added
     */
    public int generateRecordsOfStores(String codePrefix, int countPerStore) {
        if (codePrefix == null || codePrefix.isBlank()) {
            throw new IllegalArgumentException("Give the code prefix of the stores.");
        }
        List<Long> stores = em.createQuery(
                        "SELECT s.id FROM Store s WHERE s.codeKey LIKE :prefix ORDER BY s.id", Long.class)
                .setParameter("prefix", codePrefix.strip().toLowerCase(Locale.ROOT) + "%")
                .getResultList();
        if (stores.isEmpty()) {
            throw new NoSuchElementException("No store's code starts with " + codePrefix + ".");
        }
        int added = 0;
        for (long storeId : stores) {
            added += addStoreRecords(store(storeId, countPerStore), countPerStore);
        }
        em.createNativeQuery(SqlDialect.of(em).refreshStatistics("store_record"))
                .executeUpdate();
        return added;
    }

    private int addStoreRecords(Store store, int count) {
        long storeId = store.getId();
        String prefix = store.getCode() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqlDialect dialect = SqlDialect.of(em);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int added = em.createNativeQuery("INSERT INTO store_record (store_id, table_name, record_id, data, changed_at, "
                        + "deleted, local_change_serial) "
                        + "SELECT ?2, CASE WHEN MOD(n, 4) = 0 THEN 'transact' ELSE 'trans_line' END, "
                        + "?3 || CAST(n AS VARCHAR(20)), "
                        + "'{\"ID\":\"' || ?3 || CAST(n AS VARCHAR(20)) || '\",\"store_ID\":\"' || ?4 "
                        + "|| '\",\"quantity\":' || CAST(MOD(n, 97) AS VARCHAR(10)) || ',\"comment\":\"generated\"}', "
                        + "?5, FALSE, " + ChangeFeed.LOCAL.nextSerial(em) + " FROM " + dialect.numberSeries())
                .setParameter(1, count)
                .setParameter(2, storeId)
                .setParameter(3, prefix)
                .setParameter(4, store.getCode())
                .setParameter(5, now)
                .executeUpdate();
        queueForRemoteSite(store, SiteQueue.FROM_STORE_DATA, "store_record", prefix);
        return added;
    }

    /**
     * Adds {@code count} generated central records specific to the store (they travel with it): when the store is
     * active on a remote site, they are queued for that site at once, as the store's own records are.
     */
    public int generateStoreSpecificMasterRecords(long storeId, int count) {
        Store store = store(storeId, count);
        String prefix =
                store.getCode() + "-pref-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqlDialect dialect = SqlDialect.of(em);
        int added = em.createNativeQuery(
                        "INSERT INTO master_record (store_id, table_name, record_id, data, change_serial, "
                                + "changed_at, deleted) SELECT ?2, 'store_preference', ?3 || CAST(n AS VARCHAR(20)), "
                                + "'{\"ID\":\"' || ?3 || CAST(n AS VARCHAR(20)) || '\",\"store_ID\":\"' || ?4 || '\"}', "
                                + ChangeFeed.CENTRAL.nextSerial(em) + ", ?5, FALSE FROM " + dialect.numberSeries())
                .setParameter(1, count)
                .setParameter(2, storeId)
                .setParameter(3, prefix)
                .setParameter(4, store.getCode())
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        queueForRemoteSite(store, SiteQueue.FROM_MASTER_DATA, "master_record", prefix);
        return added;
    }

    /** Adds {@code count} generated global master records (items), which reach every site via the change log. */
    public int generateGlobalMasterRecords(int count) {
        if (count < 1 || count > MAX_PER_CALL) {
            throw new IllegalArgumentException("Generate between 1 and " + MAX_PER_CALL + " records per call.");
        }
        String prefix = "item-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        SqlDialect dialect = SqlDialect.of(em);
        return em.createNativeQuery("INSERT INTO master_record (store_id, table_name, record_id, data, change_serial, "
                        + "changed_at, deleted) SELECT NULL, 'item', ?2 || CAST(n AS VARCHAR(20)), "
                        + "'{\"ID\":\"' || ?2 || CAST(n AS VARCHAR(20)) || '\",\"name\":\"Item ' || CAST(n AS VARCHAR(20)) "
                        + "|| '\"}', " + ChangeFeed.CENTRAL.nextSerial(em) + ", ?3, FALSE FROM "
                        + dialect.numberSeries())
                .setParameter(1, count)
                .setParameter(2, prefix)
                .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }

    /**
     * The store, locked with its site until the transaction ends (see {@link LockOrder}): records generated for
     * it are queued for the site it is on when they commit, never for a site it has just left.
     */
    private Store store(long storeId, int count) {
        if (count < 1 || count > MAX_PER_CALL) {
            throw new IllegalArgumentException("Generate between 1 and " + MAX_PER_CALL + " records per call.");
        }
        if (LockOrder.storeWithItsSite(em, storeId) == null) {
            throw new NoSuchElementException("Store " + storeId + " does not exist.");
        }
        Store store = em.find(Store.class, storeId);
        em.refresh(store);
        return store;
    }

    /** When the store is active on a remote site, queues the records just generated for it (same transaction). */
    private void queueForRemoteSite(Store store, String source, String table, String prefix) {
        Site site = store.getSite();
        if (!site.isCentral()) {
            SiteQueue.queue(
                    em,
                    site.getId(),
                    source,
                    table,
                    "r.store_id = ?3 AND r.record_id LIKE ?4",
                    store.getId(),
                    prefix + "%");
        }
    }
}
