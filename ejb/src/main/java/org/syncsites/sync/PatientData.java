package org.syncsites.sync;

import jakarta.persistence.EntityManager;
import org.syncsites.syncqueue.SiteQueue;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Patients and their data (table {@code shared_record}: a patient's {@code name}, documents, insurance), which belong
 * to no store, and which stores see which patient (table {@code patient_visibility}), set-based, in the caller's
 * transaction. As open-mSupply expects of a legacy central (docs/open-msupply-data.md, "Patients"): a patient's data
 * reaches every site where the patient is visible, that is where one of the site's stores has an active
 * {@code name_store_join} to the patient, and a store that becomes a viewer receives the patient's data then.
 */
final class PatientData {

    static final String TABLE = "shared_record";

    private PatientData() {
    }

    /** Inserts the record, or replaces the one with its table and record ID (undeleting it). */
    static void write(EntityManager em, String table, String recordId, String patientId, String data,
                      OffsetDateTime at) {
        int updated = em.createNativeQuery("UPDATE shared_record SET data = ?1, changed_at = ?2, deleted = FALSE, "
                        + "patient_id = ?3 WHERE table_name = ?4 AND record_id = ?5")
                .setParameter(1, data).setParameter(2, at).setParameter(3, patientId).setParameter(4, table)
                .setParameter(5, recordId).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO shared_record (table_name, record_id, patient_id, data, changed_at, "
                            + "deleted) VALUES (?1, ?2, ?3, ?4, ?5, FALSE)")
                    .setParameter(1, table).setParameter(2, recordId).setParameter(3, patientId).setParameter(4, data)
                    .setParameter(5, at).executeUpdate();
        }
    }

    /** The patient of a record the central holds, or null when it holds none (or one of no patient). */
    static String patientOf(EntityManager em, String table, String recordId) {
        List<?> found = em.createNativeQuery("SELECT patient_id FROM shared_record WHERE table_name = ?1 AND "
                + "record_id = ?2").setParameter(1, table).setParameter(2, recordId).getResultList();
        return found.isEmpty() ? null : (String) found.get(0);
    }

    /** Whether the central holds the record. */
    static boolean holds(EntityManager em, String table, String recordId) {
        return !em.createNativeQuery("SELECT 1 FROM shared_record WHERE table_name = ?1 AND record_id = ?2")
                .setParameter(1, table).setParameter(2, recordId).getResultList().isEmpty();
    }

    static void markDeleted(EntityManager em, String table, String recordId, OffsetDateTime at) {
        em.createNativeQuery("UPDATE shared_record SET deleted = TRUE, changed_at = ?1 WHERE table_name = ?2 "
                + "AND record_id = ?3").setParameter(1, at).setParameter(2, table).setParameter(3, recordId)
                .executeUpdate();
    }

    /** Whether the name is a patient the central knows. */
    static boolean isPatient(EntityManager em, String nameId) {
        return !em.createNativeQuery("SELECT 1 FROM shared_record WHERE table_name = 'name' AND record_id = ?1")
                .setParameter(1, nameId).getResultList().isEmpty();
    }

    /** The sites whose stores see the patient. */
    static List<Long> viewerSites(EntityManager em, String patientId) {
        @SuppressWarnings("unchecked")
        List<Number> sites = em.createNativeQuery("SELECT DISTINCT st.site_id FROM patient_visibility v JOIN store st "
                + "ON st.id = v.store_id WHERE v.patient_id = ?1").setParameter(1, patientId).getResultList();
        return sites.stream().map(Number::longValue).toList();
    }

    /** The store sees the patient from now on, through the join. @return whether it did not before */
    static boolean show(EntityManager em, String patientId, long storeId, String joinId) {
        return em.createNativeQuery("INSERT INTO patient_visibility (patient_id, store_id, join_id) SELECT ?1, ?2, ?3 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM patient_visibility WHERE patient_id = ?1 "
                        + "AND store_id = ?2)")
                .setParameter(1, patientId).setParameter(2, storeId).setParameter(3, joinId).executeUpdate() > 0;
    }

    /** The join through which the store sees the patient, or null when it does not. */
    static String joinOf(EntityManager em, String patientId, long storeId) {
        List<?> found = em.createNativeQuery("SELECT join_id FROM patient_visibility WHERE patient_id = ?1 AND "
                + "store_id = ?2").setParameter(1, patientId).setParameter(2, storeId).getResultList();
        return found.isEmpty() ? null : (String) found.get(0);
    }

    /** The store no longer sees the patient (its join was made inactive or deleted). */
    static void hide(EntityManager em, String patientId, long storeId) {
        em.createNativeQuery("DELETE FROM patient_visibility WHERE patient_id = ?1 AND store_id = ?2")
                .setParameter(1, patientId).setParameter(2, storeId).executeUpdate();
    }

    /** Queues for the site every record of the patient (the caller holds the site's row lock). @return how many */
    static int queueAll(EntityManager em, long siteId, String patientId) {
        return SiteQueue.queue(em, siteId, SiteQueue.FROM_SHARED_DATA, TABLE, "r.patient_id = ?3", patientId);
    }

    /** Queues one record of the central's for the site (the caller holds the site's row lock). */
    static void queue(EntityManager em, long siteId, String table, String recordId) {
        SiteQueue.queue(em, siteId, SiteQueue.FROM_SHARED_DATA, TABLE, "r.table_name = ?3 AND r.record_id = ?4", table,
                recordId);
    }
}
