package org.syncsites.site;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.syncsites.audit.AuditTrail;
import org.syncsites.platform.SqlDialect;
import org.syncsites.platform.Times;
import org.syncsites.security.Roles;

/**
 * Sites ahead of this database: a site that holds what only a later state of the central server gave it, as after
 * the database was restored from a backup (README "Backups") while the sites kept syncing. Two things show it at the
 * site's next sync: a change-log cursor past the highest serial this database holds or inside the gap the restarted
 * server left in the serials ({@code central_records}, ChangeFeed), and an acknowledgement of queue entries this database never issued ({@code acknowledged_records}). Either way
 * the site is kept here with what the central lost, audited once, and listed for admins until an editor
 * re-initialises it: its device starts over and receives everything again. A cursor ahead is refused rather than
 * told "nothing new" (it would skip every change made here until the serials catch up with it); an acknowledgement
 * ahead is taken for the entries that are here (nothing else is at stake in it, and a careless client may send an
 * unknown ID).
 * <p>
 * What the site pushed after its last sync this database knows of ({@link Ahead#lastSyncKept}) is lost here as
 * well: sync v5 has no way to ask a site to push it again, so re-initialising is the remedy for that too (the data
 * entered on the device is then entered again, or the device's own backup is pushed from a new install).
 */
@Stateless
@RolesAllowed(Roles.VIEWER)
public class SitesAhead {

    /** Where the site was found ahead: the central change log, or its queue. */
    public enum Feed {
        /** Its {@code central_records} cursor is past the highest change serial issued here. */
        CENTRAL_RECORDS,
        /** It acknowledged queue entries with IDs past the highest issued here. */
        QUEUE
    }

    /**
     * A site ahead of this database: on which feed, how far it had come ({@code sitePosition}) and how far this
     * database has ({@code centralPosition}); the last sync of it this database holds, after which what it pushed
     * is lost; when it was found.
     */
    public record Ahead(
            long siteId,
            String code,
            String name,
            Feed feed,
            long sitePosition,
            long centralPosition,
            Instant lastSyncKept,
            Instant detectedAt)
            implements Serializable {}

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /** Every site found ahead, the earliest found first. */
    public List<Ahead> list() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.site_id, s.code, s.name, a.feed, a.site_position, "
                        + "a.central_position, a.last_sync_kept, a.detected_at FROM site_ahead a JOIN site s ON "
                        + "s.id = a.site_id ORDER BY a.detected_at, a.site_id")
                .getResultList();
        return rows.stream().map(SitesAhead::ahead).toList();
    }

    /**
     * Whether a {@code central_records} cursor of the site is past the highest change serial this database holds, or
     * inside a gap a start of the server left in the serials (ChangeFeed); if so the site is kept as ahead.
     */
    @PermitAll
    public boolean checkCentralCursor(long siteId, long cursor) {
        long highest = ((Number) em.createNativeQuery("SELECT COALESCE(MAX(change_serial), 0) FROM master_record")
                        .getSingleResult())
                .longValue();
        if (cursor > highest) {
            return keep(siteId, Feed.CENTRAL_RECORDS, cursor, highest);
        }
        // where the database ended when the server started in front of the gap: the restored backup's last serial
        List<?> gap = em.createNativeQuery(
                        "SELECT after_serial FROM change_serial_gap WHERE after_serial < ?1 AND before_serial > ?1")
                .setParameter(1, cursor)
                .setMaxResults(1)
                .getResultList();
        return !gap.isEmpty() && keep(siteId, Feed.CENTRAL_RECORDS, cursor, ((Number) gap.get(0)).longValue());
    }

    /**
     * Whether the highest queue entry the site acknowledges is past the highest this database issued; if so the site
     * is kept as ahead. (The databases count the IDs a sequence keeps ready as issued: a site a few dozen entries
     * ahead is not seen so; the entries it acknowledges are then no longer there, and nothing is lost by that.)
     */
    @PermitAll
    public boolean checkAcknowledged(long siteId, long highestAcknowledged) {
        long highest = SqlDialect.of(em).lastIssuedIdentity(em, "sync_out", "id");
        return highestAcknowledged > highest && keep(siteId, Feed.QUEUE, highestAcknowledged, highest);
    }

    /** Keeps the site as ahead (audited the first time). @return true */
    private boolean keep(long siteId, Feed feed, long sitePosition, long centralPosition) {
        int updated = em.createNativeQuery("UPDATE site_ahead SET feed = ?2, site_position = ?3, central_position = ?4"
                        + " WHERE site_id = ?1")
                .setParameter(1, siteId)
                .setParameter(2, feed.name())
                .setParameter(3, sitePosition)
                .setParameter(4, centralPosition)
                .executeUpdate();
        if (updated == 0) {
            Site site = em.find(Site.class, siteId);
            Instant lastSync = site.getLastSuccessfulSyncAt();
            em.createNativeQuery("INSERT INTO site_ahead (site_id, feed, site_position, central_position, "
                            + "last_sync_kept, detected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, siteId)
                    .setParameter(2, feed.name())
                    .setParameter(3, sitePosition)
                    .setParameter(4, centralPosition)
                    .setParameter(5, lastSync == null ? null : OffsetDateTime.ofInstant(lastSync, ZoneOffset.UTC))
                    .setParameter(6, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate();
            audit.record(
                    AuditTrail.Action.SITE_AHEAD_FOUND,
                    "Site",
                    siteId,
                    site.label(),
                    feed.name(),
                    Long.toString(centralPosition),
                    Long.toString(sitePosition));
        }
        return true;
    }

    /** The site was re-initialised: its device starts over from what this database holds. */
    @PermitAll
    public void forget(long siteId) {
        em.createNativeQuery("DELETE FROM site_ahead WHERE site_id = ?1")
                .setParameter(1, siteId)
                .executeUpdate();
    }

    private static Ahead ahead(Object[] row) {
        return new Ahead(
                ((Number) row[0]).longValue(),
                (String) row[1],
                (String) row[2],
                Feed.valueOf((String) row[3]),
                ((Number) row[4]).longValue(),
                ((Number) row[5]).longValue(),
                row[6] == null ? null : Times.ofColumn(row[6]),
                Times.ofColumn(row[7]));
    }
}
