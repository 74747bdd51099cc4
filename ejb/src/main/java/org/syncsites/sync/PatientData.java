package org.syncsites.sync;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.syncsites.legacytables.LegacyTables;
import org.syncsites.syncqueue.SiteQueue;

/**
 * Patients and their data (table {@code shared_record}: a patient's {@code name}, documents, insurance), which belong
 * to no store, and which stores see which patient (table {@code patient_visibility}), set-based, in the caller's
 * transaction. As open-mSupply expects of a legacy central (docs/open-msupply-data.md, "Patients"): a patient's data
 * reaches every site where the patient is visible, that is where one of the site's stores has an active
 * {@code name_store_join} to the patient, and a store that becomes a viewer receives the patient's data then.
 */
final class PatientData {

    static final String TABLE = "shared_record";

    private PatientData() {}

    /**
     * Inserts the record, or replaces the one with its table and record ID (undeleting it); a patient's name record
     * also keeps what the patient search looks at.
     */
    static void write(
            EntityManager em, String table, String recordId, String patientId, String data, OffsetDateTime at) {
        String[] search = LegacyTables.NAME.equals(table) ? searchKeys(data) : new String[4];
        int updated = em.createNativeQuery("UPDATE shared_record SET data = ?1, changed_at = ?2, deleted = FALSE, "
                        + "patient_id = ?3, first_key = ?6, last_key = ?7, code_key = ?8, birth_date = ?9 "
                        + "WHERE table_name = ?4 AND record_id = ?5")
                .setParameter(1, data)
                .setParameter(2, at)
                .setParameter(3, patientId)
                .setParameter(4, table)
                .setParameter(5, recordId)
                .setParameter(6, search[0])
                .setParameter(7, search[1])
                .setParameter(8, search[2])
                .setParameter(9, search[3])
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO shared_record (table_name, record_id, patient_id, data, changed_at, "
                            + "deleted, first_key, last_key, code_key, birth_date) VALUES (?1, ?2, ?3, ?4, ?5, FALSE, "
                            + "?6, ?7, ?8, ?9)")
                    .setParameter(1, table)
                    .setParameter(2, recordId)
                    .setParameter(3, patientId)
                    .setParameter(4, data)
                    .setParameter(5, at)
                    .setParameter(6, search[0])
                    .setParameter(7, search[1])
                    .setParameter(8, search[2])
                    .setParameter(9, search[3])
                    .executeUpdate();
        }
    }

    /** A patient's first name, last name and code in lower case, and date of birth ("YYYY-MM-DD"), each or null. */
    private static String[] searchKeys(String data) {
        try (JsonReader reader = Json.createReader(new StringReader(data))) {
            JsonObject name = reader.readObject();
            String birth = text(name, "date_of_birth");
            return new String[] {
                lower(text(name, "first"), 200),
                lower(text(name, "last"), 200),
                lower(text(name, "code"), 100),
                birth != null && BIRTH_DATE.matcher(birth).lookingAt() && !birth.startsWith("0000")
                        ? birth.substring(0, 10)
                        : null
            };
        }
    }

    private static final Pattern BIRTH_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static String text(JsonObject object, String field) {
        return object.get(field) instanceof JsonString s ? s.getString() : null;
    }

    private static String lower(String text, int most) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String key = text.strip().toLowerCase(Locale.ROOT);
        return key.length() > most ? key.substring(0, most) : key;
    }

    /**
     * The patients a search finds, as the legacy central's patient search does ({@code GET /api/v4/patient}): each
     * criterion given must hold; in names, {@code @} stands for any text (open-mSupply sends {@code @Jo@} for "contains
     * Jo"); the code is matched whole and the date of birth exactly. At most {@code limit}, by last and first name.
     */
    static List<String> search(EntityManager em, String first, String last, String code, String birthDate, int limit) {
        if (letters(first) < 2
                && letters(last) < 2
                && (code == null || code.isBlank())
                && (birthDate == null || birthDate.isBlank())) {
            return List.of(); // no list of every patient: a name needs two letters, or a code or date of birth
        }
        StringBuilder where = new StringBuilder("table_name = 'name' AND deleted = FALSE");
        List<String> values = new ArrayList<>();
        like(where, values, "first_key", first);
        like(where, values, "last_key", last);
        if (code != null && !code.isBlank()) {
            where.append(" AND code_key = ?").append(values.size() + 1);
            values.add(code.strip().toLowerCase(Locale.ROOT));
        }
        if (birthDate != null && !birthDate.isBlank()) {
            where.append(" AND birth_date = ?").append(values.size() + 1);
            values.add(birthDate.strip());
        }
        var query = em.createNativeQuery(
                "SELECT data FROM shared_record WHERE " + where + " ORDER BY last_key, first_key, record_id");
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        @SuppressWarnings("unchecked")
        List<String> found = query.setMaxResults(limit).getResultList();
        return found;
    }

    private static int letters(String pattern) {
        return pattern == null ? 0 : pattern.replace("@", "").strip().length();
    }

    private static void like(StringBuilder where, List<String> values, String column, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return;
        }
        String escaped = pattern.strip()
                .toLowerCase(Locale.ROOT)
                .replace("!", "!!")
                .replace("%", "!%")
                .replace("_", "!_")
                .replace('@', '%');
        where.append(" AND ")
                .append(column)
                .append(" LIKE ?")
                .append(values.size() + 1)
                .append(" ESCAPE '!'");
        values.add(escaped);
    }

    /** The patient of a record the central holds, or null when it holds none (or one of no patient). */
    static String patientOf(EntityManager em, String table, String recordId) {
        List<?> found = em.createNativeQuery(
                        "SELECT patient_id FROM shared_record WHERE table_name = ?1 AND " + "record_id = ?2")
                .setParameter(1, table)
                .setParameter(2, recordId)
                .getResultList();
        return found.isEmpty() ? null : (String) found.get(0);
    }

    /** Whether the central holds the record. */
    static boolean holds(EntityManager em, String table, String recordId) {
        return !em.createNativeQuery("SELECT 1 FROM shared_record WHERE table_name = ?1 AND record_id = ?2")
                .setParameter(1, table)
                .setParameter(2, recordId)
                .getResultList()
                .isEmpty();
    }

    static void markDeleted(EntityManager em, String table, String recordId, OffsetDateTime at) {
        em.createNativeQuery("UPDATE shared_record SET deleted = TRUE, changed_at = ?1 WHERE table_name = ?2 "
                        + "AND record_id = ?3")
                .setParameter(1, at)
                .setParameter(2, table)
                .setParameter(3, recordId)
                .executeUpdate();
    }

    /** Whether the name is a patient the central knows. */
    static boolean isPatient(EntityManager em, String nameId) {
        return !em.createNativeQuery("SELECT 1 FROM shared_record WHERE table_name = 'name' AND record_id = ?1 AND "
                        + "deleted = FALSE")
                .setParameter(1, nameId)
                .getResultList()
                .isEmpty();
    }

    /**
     * Locks the patients' name records, in order of ID, after the sites and stores (LockOrder): while locked, nobody
     * else changes who sees them nor writes their data. @return whether any patient was named
     */
    static boolean lock(EntityManager em, Collection<String> patientIds) {
        for (String patientId : new TreeSet<>(patientIds)) {
            em.createNativeQuery("SELECT record_id FROM shared_record WHERE table_name = 'name' AND record_id = ?1 "
                            + "FOR UPDATE")
                    .setParameter(1, patientId)
                    .getResultList();
        }
        return !patientIds.isEmpty();
    }

    /** The sites whose stores see the patient. */
    static List<Long> viewerSites(EntityManager em, String patientId) {
        @SuppressWarnings("unchecked")
        List<Number> sites = em.createNativeQuery("SELECT DISTINCT st.site_id FROM patient_visibility v JOIN store st "
                        + "ON st.id = v.store_id WHERE v.patient_id = ?1")
                .setParameter(1, patientId)
                .getResultList();
        return sites.stream().map(Number::longValue).toList();
    }

    /** The store sees the patient from now on, through the join. @return whether it did not before */
    static boolean show(EntityManager em, String patientId, long storeId, String joinId) {
        return em.createNativeQuery("INSERT INTO patient_visibility (patient_id, store_id, join_id) SELECT ?1, ?2, ?3 "
                                + "WHERE NOT EXISTS (SELECT 1 FROM patient_visibility WHERE patient_id = ?1 "
                                + "AND store_id = ?2)")
                        .setParameter(1, patientId)
                        .setParameter(2, storeId)
                        .setParameter(3, joinId)
                        .executeUpdate()
                > 0;
    }

    /** The join through which the store sees the patient, or null when it does not. */
    static String joinOf(EntityManager em, String patientId, long storeId) {
        List<?> found = em.createNativeQuery(
                        "SELECT join_id FROM patient_visibility WHERE patient_id = ?1 AND " + "store_id = ?2")
                .setParameter(1, patientId)
                .setParameter(2, storeId)
                .getResultList();
        return found.isEmpty() ? null : (String) found.get(0);
    }

    /** The store no longer sees the patient (its join was made inactive or deleted). */
    static void hide(EntityManager em, String patientId, long storeId) {
        em.createNativeQuery("DELETE FROM patient_visibility WHERE patient_id = ?1 AND store_id = ?2")
                .setParameter(1, patientId)
                .setParameter(2, storeId)
                .executeUpdate();
    }

    /** The join is deleted: the store it joined no longer sees its patient. */
    static void hideJoin(EntityManager em, String joinId) {
        em.createNativeQuery("DELETE FROM patient_visibility WHERE join_id = ?1")
                .setParameter(1, joinId)
                .executeUpdate();
    }

    /** Queues for the site every record of the patient (the caller holds the site's row lock). @return how many */
    static int queueAll(EntityManager em, long siteId, String patientId) {
        return SiteQueue.queue(em, siteId, SiteQueue.FROM_SHARED_DATA, TABLE, "r.patient_id = ?3", patientId);
    }

    /** Queues one record of the central's for the site (the caller holds the site's row lock). */
    static void queue(EntityManager em, long siteId, String table, String recordId) {
        SiteQueue.queue(
                em,
                siteId,
                SiteQueue.FROM_SHARED_DATA,
                TABLE,
                "r.table_name = ?3 AND r.record_id = ?4",
                table,
                recordId);
    }
}
