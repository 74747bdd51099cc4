package org.syncsites.sync;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncsites.legacytables.DataKind;
import org.syncsites.legacytables.LegacyTables;
import org.syncsites.legacytables.RecordLinks;
import org.syncsites.platform.Columns;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Text;
import org.syncsites.store.Store;
import org.syncsites.syncv5.Action;
import org.syncsites.syncv5.SyncRecord;

/**
 * Keeps what a remote site pushes (table {@code sync_in}) until it is integrated, one request's records at a time, in
 * the caller's transaction, which holds the site's row lock. Every record is kept: one that cannot be taken (central
 * data, a store of another site, no store at all) is set aside at once with the reason, for an admin to see, and
 * the rest of the batch is answered as received, since open-mSupply does not move its push cursor past a refused
 * batch and would push it again forever. Records are kept by site, table and record ID until integrated, so a batch
 * sent again changes nothing more.
 * <p>
 * What each record says of where it belongs ({@link LegacyTables}) is kept beside it: its store is the one it names
 * when that store is the pushing site's; a line's store is its parent's, found now when the parent is known, else
 * when it is integrated (the parent may come in a later request, or a later push).
 */
final class PushReception {

    private final EntityManager em;
    private final long siteId;
    private final boolean fromOmsCentral;
    private final Map<String, Long> storesOfSite = new HashMap<>();
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    PushReception(EntityManager em, long siteId, boolean fromOmsCentral) {
        this.em = em;
        this.siteId = siteId;
        this.fromOmsCentral = fromOmsCentral;
        em.createQuery("SELECT st FROM Store st WHERE st.site.id = :site", Store.class)
                .setParameter("site", siteId)
                .getResultList()
                .forEach(st -> {
                    storesOfSite.put(Store.codeKey(st.getCode()), st.getId());
                    if (st.getLegacyId() != null) {
                        storesOfSite.put(Store.codeKey(st.getLegacyId()), st.getId()); // as its legacy central named it
                    }
                });
    }

    /**
     * Keeps the records. @return whether any was set aside (or one it replaces was): the site's count of records set
     * aside is then to be brought up to date ({@link IntegrationProgress#recountSetAside})
     */
    boolean keep(List<SyncRecord> records) {
        // sync_in may have grown from no records to thousands since its lookups were planned
        SqlDialect.planEachStatementAfresh(em);
        boolean setAsideAny = false;
        for (SyncRecord record : records) {
            setAsideAny |= keep(record);
        }
        return setAsideAny;
    }

    /** @return whether the record (or the one it replaces) was set aside */
    private boolean keep(SyncRecord record) {
        boolean delete = record.action() == Action.DELETE;
        Long existingStore = existingStore(record);
        if (delete && existingStore == null && !knownElsewhere(record)) {
            return false; // deleting what the central never had: nothing to do
        }
        RecordLinks links = LegacyTables.links(record.tableName(), delete ? null : parse(record.recordData()));
        Long storeId = delete ? existingStore : null;
        Text setAside = null;
        String tooLong = tooLong(links);
        if (tooLong != null) {
            // an ID longer than any the central keeps names nothing it has
            setAside = Text.of("sync.setAside.tooLong", tooLong);
            links = new RecordLinks(links.kind(), null, null, null, null, null, null, null, null, null);
        } else if (delete && existingStore != null && !storesOfSite.containsValue(existingStore)) {
            setAside = Text.of("sync.setAside.deleteOfAnotherStore", record.tableName());
        } else if (delete && links.kind() == DataKind.PATIENT) {
            String patient = PatientData.patientOf(em, record.tableName(), record.recordId());
            if (patient != null && !mayChangePatient(patient)) {
                setAside = Text.of("sync.setAside.patientNotVisible", record.tableName(), patient);
            }
        } else if (!delete) {
            switch (links.kind()) {
                case STORE -> {
                    if (links.missingStore() != null) {
                        setAside = Text.of("sync.setAside.noStore", record.tableName(), links.missingStore());
                    } else if (!links.needsParent()) {
                        storeId = ownStore(links);
                        if (storeId == null) {
                            setAside = Text.of(
                                    "sync.setAside.anotherStore",
                                    links.storeField(),
                                    links.storeCode() != null ? links.storeCode() : links.otherStoreCode());
                        }
                    } else {
                        storeId = parentStore(links); // null: found when it is integrated
                        if (storeId != null && !storesOfSite.containsValue(storeId)) {
                            setAside = Text.of("sync.setAside.anotherStore", links.parentField(), links.parentId());
                            storeId = null;
                        }
                    }
                    if (setAside == null
                            && storeId != null
                            && existingStore != null
                            && !existingStore.equals(storeId)) {
                        if (namesStore(links, existingStore)) {
                            storeId = existingStore; // a message's other end: it stays with the end that sent it first
                        } else {
                            setAside = Text.of("sync.setAside.storeChanged", record.tableName());
                        }
                    }
                }
                case CENTRAL -> {
                    if (!fromOmsCentral) {
                        setAside = Text.of("sync.setAside.centralData", record.tableName());
                    }
                }
                case PATIENT -> {
                    if (links.patientId() != null && !mayChangePatient(links.patientId())) {
                        setAside = Text.of("sync.setAside.patientNotVisible", record.tableName(), links.patientId());
                    }
                }
                default -> {
                    // a patient's or every site's: kept without a store
                }
            }
        }
        String failure = setAside == null ? null : Columns.clip(setAside.encoded(), 1000);
        Object[] values = {
            storeId,
            delete,
            record.recordData(),
            now,
            links.kind().name(),
            links.storeCode(),
            links.parentTable(),
            links.parentId(),
            links.partyName(),
            links.otherStoreCode(),
            links.patientId(),
            setAside == null ? null : now,
            failure
        };
        var update =
                em.createNativeQuery("UPDATE sync_in SET store_id = ?1, deleted = ?2, data = ?3, received_at = ?4, "
                        + "kind = ?5, store_code = ?6, parent_table = ?7, parent_id = ?8, party_name = ?9, party_store_code = ?10, "
                        + "patient_id = ?11, failed_at = ?12, failure = ?13, awaits_parent = FALSE "
                        + "WHERE site_id = ?14 AND table_name = ?15 AND record_id = ?16");
        bind(update, values)
                .setParameter(14, siteId)
                .setParameter(15, record.tableName())
                .setParameter(16, record.recordId());
        if (!delete && setAside == null && storeId != null && LegacyTables.hasLines(record.tableName())) {
            // its lines pushed before it take its store now, as they would have had it come first: they are the
            // pushing site's as it is (and stay so if its store moves before they are integrated)
            em.createNativeQuery("UPDATE sync_in SET store_id = ?1 WHERE site_id = ?2 AND parent_id = ?3 AND "
                            + "parent_table = ?4 AND store_id IS NULL AND (failed_at IS NULL OR awaits_parent = TRUE)")
                    .setParameter(1, storeId)
                    .setParameter(2, siteId)
                    .setParameter(3, record.recordId())
                    .setParameter(4, record.tableName())
                    .executeUpdate();
        }
        boolean replacedSetAside = false;
        if (update.executeUpdate() == 0) {
            var insert = em.createNativeQuery(
                    "INSERT INTO sync_in (store_id, deleted, data, received_at, kind, store_code, "
                            + "parent_table, parent_id, party_name, party_store_code, patient_id, failed_at, failure, site_id, "
                            + "table_name, record_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
            bind(insert, values)
                    .setParameter(14, siteId)
                    .setParameter(15, record.tableName())
                    .setParameter(16, record.recordId())
                    .executeUpdate();
        } else {
            replacedSetAside = true; // it may have been set aside before: the count is read again
        }
        return setAside != null || replacedSetAside;
    }

    private static Query bind(Query statement, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            statement.setParameter(i + 1, values[i]);
        }
        return statement;
    }

    /** The pushing site's store among those the record names (a message names both of its ends); null if none is. */
    private Long ownStore(RecordLinks links) {
        Long own = links.storeCode() == null ? null : storesOfSite.get(Store.codeKey(links.storeCode()));
        if (own == null && links.otherStoreCode() != null) {
            own = storesOfSite.get(Store.codeKey(links.otherStoreCode()));
        }
        return own;
    }

    /**
     * Whether the site may change the patient's data: the patient is new to the central (the site is creating them),
     * or one of the site's stores sees the patient, or the site has just pushed a join that makes one see them.
     */
    private boolean mayChangePatient(String patientId) {
        if (!PatientData.holds(em, LegacyTables.NAME, patientId)) {
            return true;
        }
        return !em.createNativeQuery("SELECT 1 FROM patient_visibility v JOIN store st ON st.id = v.store_id WHERE "
                        + "v.patient_id = ?1 AND st.site_id = ?2 UNION ALL SELECT 1 FROM sync_in WHERE site_id = ?2 AND "
                        + "table_name = ?3 AND patient_id = ?1")
                .setParameter(1, patientId)
                .setParameter(2, siteId)
                .setParameter(3, LegacyTables.NAME_STORE_JOIN)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** The first of the record's linking values longer than the central keeps IDs (64), or null. */
    private static String tooLong(RecordLinks links) {
        for (String value : Arrays.asList(
                links.storeCode(), links.otherStoreCode(), links.parentId(), links.partyName(), links.patientId())) {
            if (value != null && value.length() > 64) {
                return value.substring(0, 64) + "...";
            }
        }
        return null;
    }

    /** Whether the record names the store as one of its two ends (a message's {@code fromStoreID} or {@code toStoreID}). */
    private boolean namesStore(RecordLinks links, long storeId) {
        if (links.otherStoreCode() == null) {
            return false;
        }
        List<?> keys = em.createNativeQuery("SELECT code_key FROM store WHERE id = ?1 UNION ALL SELECT legacy_key FROM "
                        + "store WHERE id = ?1 AND legacy_key IS NOT NULL")
                .setParameter(1, storeId)
                .getResultList();
        return keys.contains(Store.codeKey(links.otherStoreCode()))
                || (links.storeCode() != null && keys.contains(Store.codeKey(links.storeCode())));
    }

    /** The store of the record's parent, as the central holds it or the site pushed it before; null: not known yet. */
    private Long parentStore(RecordLinks links) {
        return storeOf(links.parentTable(), links.parentId());
    }

    /** The store a record belongs to on central, or among what the site pushed before; null for a new record. */
    private Long existingStore(SyncRecord record) {
        return storeOf(record.tableName(), record.recordId());
    }

    private Long storeOf(String table, String recordId) {
        return storeOf(em, siteId, table, recordId);
    }

    /**
     * The store a record belongs to: as the central holds it, or as the site pushed it (not integrated yet); null when
     * neither knows it. At push time and, for a line whose parent came later, at integration ({@link PushRoutes}).
     */
    static Long storeOf(EntityManager em, long siteId, String table, String recordId) {
        List<?> found = em.createNativeQuery(
                        "SELECT store_id FROM store_record WHERE table_name = ?1 AND record_id = ?2 "
                                + "UNION ALL SELECT store_id FROM sync_in WHERE site_id = ?3 AND table_name = ?1 AND record_id = ?2 "
                                + "AND store_id IS NOT NULL")
                .setParameter(1, table)
                .setParameter(2, recordId)
                .setParameter(3, siteId)
                .getResultList();
        return found.isEmpty() ? null : ((Number) found.get(0)).longValue();
    }

    /** Whether the central holds the record without a store (a patient's, every site's), or the site pushed it before. */
    private boolean knownElsewhere(SyncRecord record) {
        return !em.createNativeQuery("SELECT 1 FROM shared_record WHERE table_name = ?1 AND record_id = ?2 UNION ALL "
                        + "SELECT 1 FROM master_record WHERE table_name = ?1 AND record_id = ?2 AND store_id IS NULL "
                        + "UNION ALL SELECT 1 FROM sync_in WHERE site_id = ?3 AND table_name = ?1 AND record_id = ?2")
                .setParameter(1, record.tableName())
                .setParameter(2, record.recordId())
                .setParameter(3, siteId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
