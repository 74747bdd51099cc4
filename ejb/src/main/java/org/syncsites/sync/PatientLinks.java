package org.syncsites.sync;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.syncsites.legacytables.LegacyTables;
import org.syncsites.platform.LockOrder;
import org.syncsites.platform.NotFound;
import org.syncsites.platform.Text;
import org.syncsites.store.Store;
import org.syncsites.store.StoreRecords;
import org.syncsites.syncqueue.SiteQueue;

/**
 * A site searches the central's patients ({@code GET /api/v4/patient}), and asks for a patient it found there
 * (open-mSupply's "fetch patient", {@code POST
 * /api/v4/name_store_join}): the central makes the patient visible to the site's store with a {@code name_store_join}
 * of its own, and queues the join and all of the patient's data for the site, which receives them at its next sync (it
 * writes nothing itself). Asking again changes nothing and answers the same join, as open-mSupply may send the request
 * up to three times.
 */
@Stateless
@PermitAll
public class PatientLinks {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /** The join, as open-mSupply reads the answer: {@code ID}, {@code name_ID}, {@code store_ID}, {@code inactive}. */
    public record Join(String id, String nameId, String storeId) {}

    /** At most this many patients are answered to one search. */
    public static final int FOUND_AT_MOST = 200;

    /**
     * The patients a site's search finds on the central ({@code GET /api/v4/patient}), as the JSON array open-mSupply
     * reads: {@code ID}, {@code name}, {@code phone}, {@code email}, {@code code}, {@code first}, {@code last} (strings,
     * never null) and {@code date_of_birth} ({@code "YYYY-MM-DDT00:00:00"} or null).
     */
    public String search(AuthenticatedSite site, String first, String last, String code, String birthDate) {
        JsonArrayBuilder found = Json.createArrayBuilder();
        for (String data : PatientData.search(em, first, last, code, birthDate, FOUND_AT_MOST)) {
            JsonObject patient;
            try (var reader = Json.createReader(new StringReader(data))) {
                patient = reader.readObject();
            }
            String birth = text(patient, "date_of_birth");
            JsonObjectBuilder answer = Json.createObjectBuilder()
                    .add("ID", text(patient, "ID"))
                    .add("name", text(patient, "name"))
                    .add("phone", text(patient, "phone"))
                    .add("email", text(patient, "email"))
                    .add("code", text(patient, "code"))
                    .add("first", text(patient, "first"))
                    .add("last", text(patient, "last"));
            if (birth.length() >= 10 && !birth.startsWith("0000")) {
                answer.add("date_of_birth", birth.substring(0, 10) + "T00:00:00");
            } else {
                answer.addNull("date_of_birth");
            }
            found.add(answer);
        }
        return found.build().toString();
    }

    private static String text(JsonObject object, String field) {
        return object.get(field) instanceof JsonString s ? s.getString() : "";
    }

    public Join link(AuthenticatedSite site, String patientId, String storeCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> store = em.createNativeQuery("SELECT id, site_id, " + Store.syncIdColumn("st")
                        + " FROM store st WHERE " + Store.namedBy("st", "?1"))
                .setParameter(1, storeCode == null ? "" : storeCode.strip().toLowerCase(Locale.ROOT))
                .getResultList();
        Long storeId = store.isEmpty() ? null : ((Number) store.get(0)[0]).longValue();
        // the store with its site locked (LockOrder): it cannot move away before the join is queued
        if (storeId == null || !Long.valueOf(site.siteId()).equals(LockOrder.storeWithItsSite(em, storeId))) {
            throw new NotFound(Text.of("patient.storeNotOfSite", String.valueOf(storeCode), site.name()));
        }
        if (patientId == null || !PatientData.isPatient(em, patientId)) {
            throw new NotFound(Text.of("patient.notFound", String.valueOf(patientId)));
        }
        PatientData.lock(em, List.of(patientId)); // its data as it is once nobody else may change it
        String joinId = PatientData.joinOf(em, patientId, storeId);
        if (joinId == null) {
            joinId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
            String data = Json.createObjectBuilder()
                    .add("ID", joinId)
                    .add("name_ID", patientId)
                    .add("store_ID", (String) store.get(0)[2])
                    .add("inactive", false)
                    .add("om_name_is_customer", true)
                    .add("om_name_is_supplier", false)
                    .build()
                    .toString();
            StoreRecords.write(
                    em, storeId, LegacyTables.NAME_STORE_JOIN, joinId, data, OffsetDateTime.now(ZoneOffset.UTC));
            PatientData.show(em, patientId, storeId, joinId);
        }
        SiteQueue.queue(
                em,
                site.siteId(),
                SiteQueue.FROM_STORE_DATA,
                "store_record",
                "r.table_name = ?3 AND r.record_id = ?4",
                LegacyTables.NAME_STORE_JOIN,
                joinId);
        PatientData.queueAll(em, site.siteId(), patientId);
        return new Join(joinId, patientId, (String) store.get(0)[2]);
    }
}
