package org.syncsites.site;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.syncsites.syncv5.InitialisationStatus;

/**
 * The one owner of how far a site's device has come: whether it initialised ({@code initialisation_status}, what
 * {@code GET site} answers) and when it last pulled everything waiting for it ({@code last_successful_sync_at}).
 * Every method joins its caller's transaction.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SyncProgress {

    @PersistenceContext(unitName = "syncsites")
    private EntityManager em;

    /** The device asked to be initialised: its stores' records are being queued. */
    public void initialisationStarted(long siteId) {
        setInitialisation(siteId, InitialisationStatus.STARTED);
    }

    /**
     * Everything of its stores was queued: a started initialisation is completed, and stays so (a store added to
     * the site later is resynced while the site syncs as usual, not initialising again).
     */
    public void initialisationCompleted(long siteId) {
        em.createNativeQuery("UPDATE site SET initialisation_status = ?1 WHERE id = ?2 AND initialisation_status = ?3")
                .setParameter(1, InitialisationStatus.COMPLETED.wire())
                .setParameter(2, siteId)
                .setParameter(3, InitialisationStatus.STARTED.wire())
                .executeUpdate();
    }

    /** An admin re-initialises the site: its device initialises again on its next sync. */
    public void restartInitialisation(long siteId) {
        setInitialisation(siteId, InitialisationStatus.NEW);
    }

    /** The device pulled everything that waited for it. */
    public void synced(long siteId, Instant at) {
        em.createNativeQuery("UPDATE site SET last_successful_sync_at = ?1 WHERE id = ?2")
                .setParameter(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .setParameter(2, siteId)
                .executeUpdate();
    }

    private void setInitialisation(long siteId, InitialisationStatus status) {
        em.createNativeQuery("UPDATE site SET initialisation_status = ?1 WHERE id = ?2")
                .setParameter(1, status.wire())
                .setParameter(2, siteId)
                .executeUpdate();
    }
}
