package org.syncsites.remote;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.syncsites.masterdata.MasterRecords;
import org.syncsites.masterdata.MasterTables;
import org.syncsites.platform.Columns;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Text;
import org.syncsites.site.CentralSite;
import org.syncsites.site.Site;
import org.syncsites.store.Store;
import org.syncsites.store.StoreCount;
import org.syncsites.store.StoreDirectory;
import org.syncsites.store.StoreRecords;
import org.syncsites.syncv5.Action;
import org.syncsites.syncv5.Batch;
import org.syncsites.syncv5.SiteInfo;
import org.syncsites.syncv5.SyncRecord;

/**
 * The database side of this datafile's syncs with its central server, each step in a transaction of its own so
 * that what was received is kept (and acknowledged) batch by batch, and progress is visible while a sync runs.
 * Records received are written without a local change number: they are never pushed back.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RemoteData {

    /** A sync whose heartbeat is older than this died with its server: another may start. */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private CentralSite ownSite;

    /** The settings of a sync, or null when this datafile is not set up as a remote site. */
    public RemoteSyncSettings settingsForSync() {
        Site site = ownSite.get();
        RemoteLink link = link();
        if (!RemoteSetup.isConfigured(site, link)) {
            return null;
        }
        return new RemoteSyncSettings(
                site.settings().serverUrl(),
                site.getName(),
                link.passwordSha256(),
                site.settings().syncRequestSize(),
                site.settings().alternativeHttpClient(),
                link.trustedCertificate(),
                link.isInitialised(),
                link.getCentralCursor());
    }

    /** Whether a sync is due: set up, none running, and the interval passed since the last one started. */
    public boolean due() {
        Site site = ownSite.get();
        RemoteLink link = link();
        if (!RemoteSetup.isConfigured(site, link) || alive(link)) {
            return false;
        }
        return link.getLastStartedAt() == null
                || !link.getLastStartedAt()
                        .plus(Duration.ofMinutes(site.settings().syncIntervalMinutes()))
                        .isAfter(Instant.now());
    }

    /** Takes the one running sync of this datafile (on any node). @return false when another is running */
    public boolean claim() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return em.createNativeQuery("UPDATE remote_sync SET running = TRUE, heartbeat_at = ?1, last_started_at = ?1, "
                                + "phase = ?4, phase_done = 0, phase_total = 0 WHERE id = ?2 "
                                + "AND (running = FALSE OR heartbeat_at IS NULL OR heartbeat_at < ?3)")
                        .setParameter(1, now)
                        .setParameter(2, RemoteLink.ID)
                        .setParameter(3, now.minus(STALE_AFTER))
                        .setParameter(4, Text.of("remote.phase.connecting").encoded())
                        .executeUpdate()
                == 1;
    }

    public void progress(Text phase, long done, long total) {
        link().progress(phase.encoded(), done, total, Instant.now());
    }

    /** Notes the central's identity; refuses a different central or site than the one synced with before. */
    public void learnCentral(SiteInfo info) {
        RemoteLink link = link();
        if (link.getCentralSiteUuid() != null && !link.getCentralSiteUuid().equals(info.id())) {
            throw new RemoteSyncProblem(Text.of("remote.run.otherCentral", info.id(), link.getCentralSiteUuid()));
        }
        link.learnCentral(info.id(), info.siteId());
    }

    /** Files a batch of central (master) records and moves the central cursor past them, together. */
    public void integrateCentral(List<SyncRecord> records, long cursor) {
        SqlDialect.planEachStatementAfresh(em); // the tables grow from nothing during the first sync
        Map<String, Long> stores = new HashMap<>();
        for (SyncRecord record : records) {
            if (StoreDirectory.TABLE.equals(record.tableName())) {
                applyStoreDirectory(record);
                writeMaster(record, null);
            } else {
                writeMaster(record, storeId(record, stores));
            }
        }
        link().setCentralCursor(cursor);
    }

    /**
     * A store's directory record: names the local store, and says whether the central made it active on another
     * site (then what is entered here for it is no longer sent). A store of this site that is not here yet is
     * created; stores of other sites are not.
     */
    private void applyStoreDirectory(SyncRecord record) {
        if (record.action() == Action.DELETE || record.recordData() == null) {
            return;
        }
        JsonObject store =
                Json.createReader(new StringReader(record.recordData())).readObject();
        String code = store.getString("code", record.recordId());
        String name = store.getString("name", code);
        Long mySiteId = link().getSiteIdAtCentral();
        boolean elsewhere = mySiteId == null
                || !store.containsKey("site_ID")
                || store.getJsonNumber("site_ID").longValue() != mySiteId;
        List<Store> found = em.createQuery("SELECT st FROM Store st WHERE st.codeKey = :key", Store.class)
                .setParameter("key", Store.codeKey(code))
                .getResultList();
        if (found.isEmpty() && elsewhere) {
            return;
        }
        long storeId = found.isEmpty() ? createStore(code, name) : found.get(0).getId();
        // a store a legacy central named: its data names it by that ID, here as at the central
        String legacyId = record.recordId().equals(code) ? null : record.recordId();
        String nameId =
                store.containsKey("name_ID") && store.get("name_ID") instanceof JsonString n ? n.getString() : null;
        Store local = em.find(Store.class, storeId);
        if (!Objects.equals(local.getLegacyId(), legacyId) || nameId != null && !nameId.equals(local.getNameId())) {
            local.takeLegacyIdentity(legacyId, nameId);
            em.flush();
        }
        String kept = Columns.clip(name, Store.NAME_MAX_LENGTH);
        em.createNativeQuery("UPDATE store SET name = ?1, name_key = ?4, active_on_other_site = ?2 WHERE id = ?3")
                .setParameter(1, kept)
                .setParameter(2, elsewhere)
                .setParameter(3, storeId)
                .setParameter(4, Store.nameKey(kept))
                .executeUpdate();
    }

    /** Files a batch pulled from this site's queue: master data where it belongs, the rest as store data. */
    public void integrateQueued(List<SyncRecord> records) {
        SqlDialect.planEachStatementAfresh(em); // the tables grow from nothing during the first sync
        Map<String, Long> stores = new HashMap<>();
        for (SyncRecord record : records) {
            Long storeId = storeId(record, stores);
            if (MasterTables.isMasterData(record.tableName()) || record.action() == Action.MERGE) {
                writeMaster(record, storeId);
            } else {
                writeStoreRecord(record, storeId);
            }
        }
    }

    /** The next records entered on this datafile's stores that the central has not received yet. */
    public Batch nextPush(int limit) {
        long cursor = link().getPushCursor();
        long ownSiteId = ownSite.get().getId();
        String from = " FROM store_record r JOIN store s ON s.id = r.store_id WHERE s.site_id = ?1 "
                + "AND s.active_on_other_site = FALSE AND r.local_change_serial > ?2";
        long remaining = ((Number) em.createNativeQuery("SELECT COUNT(*)" + from)
                        .setParameter(1, ownSiteId)
                        .setParameter(2, cursor)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT r.local_change_serial, r.table_name, r.record_id, r.deleted, " + "r.data" + from
                                + " ORDER BY r.local_change_serial")
                .setParameter(1, ownSiteId)
                .setParameter(2, cursor)
                .setMaxResults(limit)
                .getResultList();
        List<SyncRecord> records = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            records.add(SyncRecord.of(
                    ((Number) row[0]).longValue(),
                    (String) row[1],
                    (String) row[2],
                    Boolean.TRUE.equals(row[3]),
                    (String) row[4]));
        }
        return new Batch(remaining, records);
    }

    /** The central accepted everything up to this local change number. */
    public void pushed(long serial) {
        link().setPushCursor(serial);
    }

    public void markInitialised() {
        link().markInitialised();
    }

    /** Ends the running sync with its result, and remembers the request size it arrived at. */
    public void finish(boolean success, Text message, long pushed, long received, int requestSize) {
        link().finish(success, message.encoded(), pushed, received, Instant.now());
        ownSite.get().rememberSyncRequestSize(requestSize);
    }

    // ------------------------------------------------------------------ helpers

    private RemoteLink link() {
        return em.find(RemoteLink.class, RemoteLink.ID);
    }

    static boolean alive(RemoteLink link) {
        return link.isRunning()
                && link.getHeartbeatAt() != null
                && link.getHeartbeatAt().isAfter(Instant.now().minus(STALE_AFTER));
    }

    /**
     * The local store a record belongs to (by its store_ID: the store's code, or the ID a legacy central gave it),
     * created on the own site if new.
     */
    private Long storeId(SyncRecord record, Map<String, Long> known) {
        if (record.storeCode() == null || record.storeCode().isBlank()) {
            return null;
        }
        return known.computeIfAbsent(Store.codeKey(record.storeCode()), key -> {
            List<Store> found = em.createQuery(
                            "SELECT st FROM Store st WHERE st.codeKey = :key OR st.legacyKey = :key", Store.class)
                    .setParameter("key", key)
                    .getResultList();
            if (!found.isEmpty()) {
                return found.get(0).getId();
            }
            String code = record.storeCode().strip();
            return createStore(code, code);
        });
    }

    /** A store of this site, as the central server calls it. */
    private long createStore(String code, String name) {
        Store store = new Store(
                Columns.clip(code, Store.CODE_MAX_LENGTH), Columns.clip(name, Store.NAME_MAX_LENGTH), ownSite.get());
        em.persist(store);
        em.flush();
        StoreCount.add(em, 1);
        return store.getId();
    }

    private void writeStoreRecord(SyncRecord record, Long storeId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (record.action() == Action.DELETE) {
            StoreRecords.markDeleted(em, record.tableName(), record.recordId(), now);
            return;
        }
        if (storeId == null) {
            throw new RemoteSyncProblem(Text.of("remote.run.noStore", record.tableName(), record.recordId()));
        }
        StoreRecords.write(em, storeId, record.tableName(), record.recordId(), record.recordData(), now);
    }

    private void writeMaster(SyncRecord record, Long storeId) {
        if (record.action() == Action.MERGE) {
            // the kept record stays; the merged one goes (this datafile holds no links to repoint)
            String merged = Json.createReader(new StringReader(record.recordData()))
                    .readObject()
                    .getString("mergeIdToDelete", null);
            if (merged != null) {
                MasterRecords.markDeleted(em, record.tableName(), merged);
            }
        } else if (record.action() == Action.DELETE) {
            MasterRecords.markDeleted(em, record.tableName(), record.recordId());
        } else {
            MasterRecords.write(em, storeId, record.tableName(), record.recordId(), record.recordData());
        }
    }
}
