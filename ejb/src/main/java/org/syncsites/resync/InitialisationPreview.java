package org.syncsites.resync;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.syncsites.security.Roles;
import org.syncsites.store.Store;

/**
 * What a site downloads when it initialises, counted before it does, so that a field team knows how long a first sync
 * takes on the link it has: the records of each of its stores and the central data specific to them (what a store's
 * resync queues, {@link ResyncWorker}), the patients its stores see with their data, and the central change log of
 * global data ({@code central_records}, from its start). Per store and table: records and bytes; in all: the bytes on
 * the wire (estimated with gzip, which open-mSupply asks for, from a sample of the records) and the time at 2G, 3G and
 * a link speed of the admin's choosing. The same counts for stores about to be added to a site: their data, and the
 * patients they see that the site's other stores do not.
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class InitialisationPreview {

    /** What a record costs on the wire besides its data: its envelope in a sync v5 batch (IDs, table, action). */
    static final int ENVELOPE_BYTES = 90;

    /** How many records' data the gzip ratio is measured on. */
    private static final int SAMPLE = 200;

    /** The links a preview is timed on, besides the one chosen: 2G (GPRS/EDGE) and 3G as they are in the field. */
    public static final List<Link> USUAL_LINKS = List.of(new Link("2G", 50, 600), new Link("3G", 1_000, 200));

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /**
     * The download of a site that holds {@code stores} and initialises now, with the central data when
     * {@code withCentralData}; patients already seen by {@code storesKept} (the site's other stores) are not counted.
     * {@code requestSize} is the site's records per request; {@code chosenKbps}, when above 0, a link to time it on.
     */
    public Preview of(
            Collection<Store> stores,
            Collection<Long> storesKept,
            boolean withCentralData,
            int requestSize,
            int chosenKbps) {
        List<Part> parts = new ArrayList<>();
        List<String> sample = new ArrayList<>();
        for (Store store : stores) {
            List<TableCount> tables = new ArrayList<>(count("store_record", "r.store_id = ?1", store.getId()));
            tables.addAll(count("master_record", "r.store_id = ?1", store.getId()));
            parts.add(Part.of(PartKind.STORE, store.getId(), store.getCode(), store.getName(), tables));
            sample(sample, "store_record", "r.store_id = ?1", store.getId());
        }
        List<Long> storeIds = stores.stream().map(Store::getId).toList();
        if (!storeIds.isEmpty()) {
            String seen = "r.patient_id IN (SELECT v.patient_id FROM patient_visibility v WHERE v.store_id IN (?1))"
                    + (storesKept.isEmpty()
                            ? ""
                            : " AND r.patient_id NOT IN (SELECT k.patient_id FROM patient_visibility k "
                                    + "WHERE k.store_id IN (?2))");
            List<TableCount> patients = storesKept.isEmpty()
                    ? count("shared_record", seen, storeIds)
                    : count("shared_record", seen, storeIds, storesKept);
            parts.add(Part.of(PartKind.PATIENTS, null, null, null, patients));
        }
        long queued = parts.stream().mapToLong(Part::records).sum();
        long central = 0;
        if (withCentralData) {
            Part centralData =
                    Part.of(PartKind.CENTRAL, null, null, null, count("master_record", "r.store_id IS NULL"));
            parts.add(centralData);
            central = centralData.records();
            sample(sample, "master_record", "r.store_id IS NULL");
        }
        long records = parts.stream().mapToLong(Part::records).sum();
        long bytes = parts.stream().mapToLong(Part::bytes).sum();
        long compressed = Math.round(bytes * gzipRatio(sample));
        int size = Math.max(1, requestSize);
        // a pull and its acknowledgement per batch of the queue, a request per batch of the central log, and the
        // few of every sync (site, initialise, site_status, the empty pulls that end each feed)
        long roundTrips = 2 * ceilDiv(queued, size) + ceilDiv(central, size) + 5;
        List<Link> links = new ArrayList<>(USUAL_LINKS);
        if (chosenKbps > 0) {
            links.add(new Link("chosen", chosenKbps, 100));
        }
        List<Timing> timings = links.stream()
                .map(link -> new Timing(link, link.seconds(compressed, roundTrips)))
                .toList();
        return new Preview(parts, records, bytes, compressed, size, roundTrips, timings);
    }

    private List<TableCount> count(String table, String where, Object... parameters) {
        var query = em.createNativeQuery("SELECT r.table_name, COUNT(*), COALESCE(SUM(CASE WHEN r.deleted THEN 0 "
                + "ELSE OCTET_LENGTH(r.data) END + OCTET_LENGTH(r.table_name) + OCTET_LENGTH(r.record_id)), 0) FROM "
                + table + " r WHERE " + where + " GROUP BY r.table_name ORDER BY r.table_name");
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(row -> {
                    long records = ((Number) row[1]).longValue();
                    return new TableCount(
                            (String) row[0], records, ((Number) row[2]).longValue() + records * ENVELOPE_BYTES);
                })
                .toList();
    }

    private void sample(List<String> sample, String table, String where, Object... parameters) {
        if (sample.size() >= SAMPLE) {
            return;
        }
        var query = em.createNativeQuery(
                        "SELECT r.data FROM " + table + " r WHERE " + where + " AND r.deleted = FALSE ORDER BY r.id")
                .setMaxResults(SAMPLE - sample.size());
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        @SuppressWarnings("unchecked")
        List<String> data = query.getResultList();
        sample.addAll(data);
    }

    /** Compressed size over size of the sample's data, as gzip makes it; 1 without a sample. */
    static double gzipRatio(List<String> sample) {
        byte[] plain = String.join("\n", sample).getBytes(StandardCharsets.UTF_8);
        if (plain.length == 0) {
            return 1;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Math.min(1, (double) compressed.size() / plain.length);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** What one part of the download is: a store's data, the patients its stores see, or the central data. */
    public enum PartKind {
        STORE,
        PATIENTS,
        CENTRAL
    }

    /** A table's records in one part, and their bytes on the wire before compression. */
    public record TableCount(String table, long records, long bytes) implements Serializable {}

    /** One part of the download: of a store (its ID, code and name), the patients, or the central data. */
    public record Part(
            PartKind kind,
            Long storeId,
            String storeCode,
            String storeName,
            List<TableCount> tables,
            long records,
            long bytes)
            implements Serializable {

        static Part of(PartKind kind, Long storeId, String code, String name, List<TableCount> tables) {
            return new Part(
                    kind,
                    storeId,
                    code,
                    name,
                    List.copyOf(tables),
                    tables.stream().mapToLong(TableCount::records).sum(),
                    tables.stream().mapToLong(TableCount::bytes).sum());
        }
    }

    /** A link a download is timed on: its speed in kbit/s and the time of a request's round trip. */
    public record Link(String name, int kbps, int roundTripMillis) implements Serializable {

        long seconds(long bytes, long roundTrips) {
            double transfer = bytes * 8.0 / (kbps * 1000.0);
            return Math.round(transfer + roundTrips * roundTripMillis / 1000.0);
        }
    }

    /** How long the download takes on a link. */
    public record Timing(Link link, long seconds) implements Serializable {}

    /**
     * The whole download: its parts, records, bytes before and after compression (estimated), the site's records per
     * request and the round trips they make, and the time on each link.
     */
    public record Preview(
            List<Part> parts,
            long records,
            long bytes,
            long compressedBytes,
            int requestSize,
            long roundTrips,
            List<Timing> timings)
            implements Serializable {}
}
