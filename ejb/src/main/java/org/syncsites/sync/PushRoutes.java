package org.syncsites.sync;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.syncsites.legacytables.DataKind;
import org.syncsites.legacytables.LegacyTables;
import org.syncsites.platform.Text;
import org.syncsites.store.Store;

/**
 * Where each record a site pushed goes when it is integrated (docs/open-msupply-data.md, "Routing"): the store it
 * belongs to (its own, or its parent's), and the sites that receive it besides the one that pushed it: the site the
 * store is active on now (it may have moved since), the site of a transfer's or message's other store, and the sites
 * where a patient is visible. Read in the caller's transaction; with {@code lock}, each store is read with its row
 * locked (as {@code LockOrder} has it, after the sites), so that it cannot move before the caller's commit.
 */
final class PushRoutes {

    /** A record kept as pushed (a row of {@code sync_in}). */
    record Pending(
            long id,
            Long storeId,
            String table,
            String recordId,
            boolean deleted,
            String data,
            DataKind kind,
            String storeCode,
            String parentTable,
            String parentId,
            String partyName,
            String partyStoreCode,
            String patientId) {}

    /** What integrating one record does. */
    record Plan(
            Pending row,
            Where where,
            Long storeId,
            Long partyStoreId,
            Set<Long> sites,
            Set<Long> linesTo,
            Long showTo,
            Long hideFrom,
            Text setAside,
            boolean awaitsParent) {

        static Plan setAside(Pending row, Text reason, boolean awaitsParent) {
            return new Plan(row, Where.NOWHERE, null, null, Set.of(), Set.of(), null, null, reason, awaitsParent);
        }
    }

    /** Where the central keeps a record. */
    enum Where {
        STORE_DATA,
        PATIENT_DATA,
        MASTER_DATA,
        NOWHERE
    }

    private static final Set<String> TRANSFERS = Set.of("transact", "requisition");

    private final EntityManager em;
    private final long pusher;
    private final boolean fromOmsCentral;
    private final boolean lock;
    private final Map<Long, Long> siteOfStore = new HashMap<>();
    private final Map<String, Long> storeByCode = new HashMap<>();
    private final Map<String, Long> storeByNameId = new HashMap<>();
    private final Map<String, Set<Long>> viewers = new HashMap<>();
    private final Set<Long> centralSites;

    PushRoutes(EntityManager em, long pusher, boolean fromOmsCentral, boolean lock) {
        this.em = em;
        this.pusher = pusher;
        this.fromOmsCentral = fromOmsCentral;
        this.lock = lock;
        @SuppressWarnings("unchecked")
        List<Number> central =
                em.createNativeQuery("SELECT id FROM site WHERE central = TRUE").getResultList();
        this.centralSites = Set.copyOf(central.stream().map(Number::longValue).toList());
    }

    Plan plan(Pending row) {
        if (row.deleted()) {
            return planDelete(row);
        }
        return switch (row.kind()) {
            case STORE -> planStoreData(row);
            case PATIENT ->
                new Plan(
                        row,
                        Where.PATIENT_DATA,
                        null,
                        null,
                        receivers(row.patientId() == null ? Set.of() : viewers(row.patientId())),
                        Set.of(),
                        null,
                        null,
                        null,
                        false);
            case SHARED -> new Plan(row, Where.MASTER_DATA, null, null, Set.of(), Set.of(), null, null, null, false);
            case CENTRAL ->
                fromOmsCentral
                        ? new Plan(row, Where.MASTER_DATA, null, null, Set.of(), Set.of(), null, null, null, false)
                        : Plan.setAside(row, Text.of("sync.setAside.centralData", row.table()), false);
        };
    }

    private Plan planStoreData(Pending row) {
        Long store = row.storeId() != null ? row.storeId() : storeOfParent(row);
        if (store == null && parentSetAsideAsAnotherStores(row)) {
            // its parent will not come: the site pushed it after its store had left the site
            return Plan.setAside(
                    row,
                    Text.of("sync.setAside.anotherStore", LegacyTables.storeFieldsOf(row.table()), row.parentId()),
                    false);
        }
        if (store == null) {
            return Plan.setAside(
                    row,
                    Text.of(
                            "sync.setAside.awaitingParent",
                            row.table(),
                            row.parentTable(),
                            row.parentId(),
                            LegacyTables.storeFieldsOf(row.table())),
                    true);
        }
        if (row.storeId() == null && siteOf(store) != pusher) {
            // its parent arrived since it was pushed, and belongs to a store that is not the pushing site's
            return Plan.setAside(
                    row,
                    Text.of("sync.setAside.anotherStore", LegacyTables.storeFieldsOf(row.table()), row.parentId()),
                    false);
        }
        Long party = partyOf(row, store);
        Set<Long> sites = new LinkedHashSet<>();
        sites.add(siteOf(store));
        if (party != null) {
            sites.add(siteOf(party));
        }
        Set<Long> linesTo =
                party != null && TRANSFERS.contains(row.table()) ? receivers(List.of(siteOf(party))) : Set.of();
        Long showTo = null;
        Long hideFrom = null;
        if (LegacyTables.NAME_STORE_JOIN.equals(row.table()) && row.patientId() != null && isPatient(row.patientId())) {
            if (inactive(row.data())) {
                hideFrom = store;
            } else {
                showTo = store;
                // the patient's records planned after this one (the join may come first) go there too
                viewers(row.patientId()).add(siteOf(store));
            }
        }
        return new Plan(row, Where.STORE_DATA, store, party, receivers(sites), linesTo, showTo, hideFrom, null, false);
    }

    private Plan planDelete(Pending row) {
        @SuppressWarnings("unchecked")
        List<Object[]> stored = em.createNativeQuery("SELECT store_id, party_store_id FROM store_record WHERE "
                        + "table_name = ?1 AND record_id = ?2")
                .setParameter(1, row.table())
                .setParameter(2, row.recordId())
                .getResultList();
        if (!stored.isEmpty()) {
            long store = ((Number) stored.get(0)[0]).longValue();
            Long party = stored.get(0)[1] == null ? null : ((Number) stored.get(0)[1]).longValue();
            Set<Long> sites = new LinkedHashSet<>();
            sites.add(siteOf(store));
            if (party != null) {
                sites.add(siteOf(party));
            }
            // a patient's join deleted: the store no longer sees the patient
            Long hideFrom = LegacyTables.NAME_STORE_JOIN.equals(row.table()) ? store : null;
            return new Plan(
                    row, Where.STORE_DATA, store, party, receivers(sites), Set.of(), null, hideFrom, null, false);
        }
        if (PatientData.holds(em, row.table(), row.recordId())) {
            String patient = PatientData.patientOf(em, row.table(), row.recordId());
            return new Plan(
                    row,
                    Where.PATIENT_DATA,
                    null,
                    null,
                    receivers(patient == null ? Set.of() : viewers(patient)),
                    Set.of(),
                    null,
                    null,
                    null,
                    false);
        }
        if (row.kind() == DataKind.SHARED || (row.kind() == DataKind.CENTRAL && fromOmsCentral)) {
            return new Plan(row, Where.MASTER_DATA, null, null, Set.of(), Set.of(), null, null, null, false);
        }
        if (row.kind() == DataKind.CENTRAL) {
            return Plan.setAside(row, Text.of("sync.setAside.centralData", row.table()), false);
        }
        // never integrated (an insert and its delete in one push): nothing to do
        return new Plan(row, Where.NOWHERE, null, null, Set.of(), Set.of(), null, null, null, false);
    }

    /** The sites that receive a record: those given, but never the one that pushed it nor the central itself. */
    private Set<Long> receivers(Collection<Long> sites) {
        Set<Long> receivers = new LinkedHashSet<>(sites);
        receivers.remove(pusher);
        receivers.removeAll(centralSites);
        return receivers;
    }

    /** Whether the site pushed the record's parent after the parent's store had left it (set aside for that). */
    private boolean parentSetAsideAsAnotherStores(Pending row) {
        return row.parentId() != null
                && !em.createNativeQuery(
                                "SELECT 1 FROM sync_in WHERE site_id = ?1 AND table_name = ?2 AND record_id = ?3 "
                                        + "AND failed_at IS NOT NULL AND failure LIKE ?4")
                        .setParameter(1, pusher)
                        .setParameter(2, row.parentTable())
                        .setParameter(3, row.parentId())
                        .setParameter(4, "%\"sync.setAside.anotherStore\"%")
                        .setMaxResults(1)
                        .getResultList()
                        .isEmpty();
    }

    /** The store of the record's parent: as the central holds it, or as the site pushed it (not integrated yet). */
    private Long storeOfParent(Pending row) {
        return row.parentId() == null ? null : PushReception.storeOf(em, pusher, row.parentTable(), row.parentId());
    }

    /**
     * The other party's store: a transfer's (the store whose name is its {@code name_ID}), a message's (its other end),
     * a line's (its parent's); null when there is none, or it is the record's own store.
     */
    private Long partyOf(Pending row, long store) {
        Long party = null;
        if (row.partyName() != null) {
            party = storeByNameId.computeIfAbsent(
                    row.partyName(),
                    name -> first(em.createNativeQuery("SELECT id FROM store WHERE name_id = ?1")
                            .setParameter(1, name)
                            .getResultList()));
        } else if (row.partyStoreCode() != null) {
            Long from = storeByCode(row.storeCode());
            party = from != null && from != store ? from : storeByCode(row.partyStoreCode());
        } else if (row.parentId() != null) {
            List<?> parent = em.createNativeQuery(
                            "SELECT party_store_id FROM store_record WHERE table_name = ?1 AND " + "record_id = ?2")
                    .setParameter(1, row.parentTable())
                    .setParameter(2, row.parentId())
                    .getResultList();
            if (!parent.isEmpty() && parent.get(0) != null) {
                party = ((Number) parent.get(0)).longValue();
            } else {
                List<?> pending = em.createNativeQuery("SELECT party_name FROM sync_in WHERE site_id = ?1 AND "
                                + "table_name = ?2 AND record_id = ?3")
                        .setParameter(1, pusher)
                        .setParameter(2, row.parentTable())
                        .setParameter(3, row.parentId())
                        .getResultList();
                if (!pending.isEmpty() && pending.get(0) != null) {
                    party = storeByNameId.computeIfAbsent(
                            (String) pending.get(0),
                            name -> first(em.createNativeQuery("SELECT id FROM store WHERE name_id = ?1")
                                    .setParameter(1, name)
                                    .getResultList()));
                }
            }
        }
        return party == null || party == store ? null : party;
    }

    private Long storeByCode(String code) {
        if (code == null) {
            return null;
        }
        return storeByCode.computeIfAbsent(
                Store.codeKey(code),
                key -> first(em.createNativeQuery("SELECT id FROM store st WHERE " + Store.namedBy("st", "?1"))
                        .setParameter(1, key)
                        .getResultList()));
    }

    /** The site the store is active on now (its row locked with {@code lock}). */
    long siteOf(long store) {
        return siteOfStore.computeIfAbsent(
                store,
                id -> ((Number) em.createNativeQuery(
                                        "SELECT site_id FROM store WHERE " + "id = ?1" + (lock ? " FOR UPDATE" : ""))
                                .setParameter(1, id)
                                .getSingleResult())
                        .longValue());
    }

    /** Whether the name is a patient: the central holds them, or the site pushed them (not integrated yet). */
    private boolean isPatient(String nameId) {
        return PatientData.isPatient(em, nameId)
                || !em.createNativeQuery("SELECT 1 FROM sync_in WHERE site_id = ?1 AND "
                                + "table_name = ?2 AND record_id = ?3 AND kind = 'PATIENT'")
                        .setParameter(1, pusher)
                        .setParameter(2, LegacyTables.NAME)
                        .setParameter(3, nameId)
                        .getResultList()
                        .isEmpty();
    }

    /** The sites whose stores see the patient, with those the joins planned so far make viewers. */
    private Set<Long> viewers(String patientId) {
        return viewers.computeIfAbsent(patientId, id -> new LinkedHashSet<>(PatientData.viewerSites(em, id)));
    }

    private static Long first(List<?> found) {
        return found.isEmpty() ? null : ((Number) found.get(0)).longValue();
    }

    /** A name_store_join's {@code inactive: true}, which open-mSupply takes as the join's removal. */
    private static boolean inactive(String data) {
        try (JsonReader reader = Json.createReader(new StringReader(data))) {
            JsonObject join = reader.readObject();
            return join.get("inactive") == JsonValue.TRUE;
        }
    }
}
