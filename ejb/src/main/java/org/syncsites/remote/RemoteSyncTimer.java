package org.syncsites.remote;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Syncs this datafile with its central server at the site's interval. Looks every 15 seconds whether a sync is
 * due, so a new interval applies at once. On a cluster every node looks; {@link RemoteData#claim()} lets exactly
 * one sync run at a time, and a sync whose node died is taken over once its heartbeat is stale.
 */
@Stateless
@PermitAll
public class RemoteSyncTimer {

    @EJB
    private RemoteData data;

    @EJB
    private RemoteSyncRun syncRun;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false, info = "remote site sync")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void syncWhenDue() {
        if (data.due()) {
            syncRun.run();
        }
    }
}
