package org.syncsites.remote;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncsites.platform.Text;
import org.syncsites.remote.http.ConnectionFailed;
import org.syncsites.remote.http.SyncTransport;
import org.syncsites.site.SiteRules;
import org.syncsites.syncv5.Batch;
import org.syncsites.syncv5.InitialisationStatus;
import org.syncsites.syncv5.OperationStatus;
import org.syncsites.syncv5.SiteInfo;
import org.syncsites.syncv5.SyncRecord;

/**
 * One sync of this datafile with its central server, much as open-mSupply's remote sites do it: sign in
 * ({@code site}); on the first sync ask the central to prepare this site's data ({@code initialise}) and wait
 * for it; pull the central's master data; on later syncs push what was entered here (ending with the empty
 * request that starts the central's integration) and wait for the integration; then pull this site's queue,
 * acknowledging each batch once it is kept. Each batch is committed on its own, so a sync cut short resumes
 * where it stopped. At most one sync runs at a time, on any node. The request size adapts as it goes.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RemoteSyncRun {

    private static final Logger LOG = Logger.getLogger(RemoteSyncRun.class.getName());

    static final Duration INITIALISATION_WAIT = Duration.ofMinutes(30);
    static final Duration INTEGRATION_WAIT = Duration.ofSeconds(30);

    @EJB
    private RemoteData data;

    @Asynchronous
    public void startInBackground() {
        run();
    }

    /** Runs a sync unless one is running already. */
    public void run() {
        if (!data.claim()) {
            return;
        }
        RemoteSyncSettings settings = null;
        RequestSizeTuner tuner = new RequestSizeTuner(SiteRules.DEFAULT_SYNC_REQUEST_SIZE);
        Counts counts = new Counts();
        boolean success = false;
        Text message;
        try {
            settings = data.settingsForSync();
            if (settings == null) {
                message = Text.of("remote.run.notSetUp");
            } else {
                tuner = new RequestSizeTuner(settings.requestSize());
                SyncClient client = new SyncClient(
                        SyncTransport.of(settings.alternativeHttpClient(), settings.trustedCertificate()),
                        settings.serverUrl(),
                        settings.siteName(),
                        settings.passwordSha256(),
                        HardwareId.ofThisServer());
                client.onFailedAttempt(tuner::requestFailed);
                sync(client, settings, tuner, counts);
                success = true;
                message = Text.of("remote.run.done", counts.pushed, counts.received, counts.master);
            }
        } catch (SyncApiError e) {
            message = e.text();
        } catch (RemoteSyncProblem e) {
            message = e.text();
        } catch (ConnectionFailed e) { // each failed attempt has lowered the request size already
            message = counts.received + counts.pushed > 0
                    ? Text.of("remote.run.unreachableKept", e.text())
                    : Text.of("remote.run.unreachable", e.text());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The sync with the central server failed", e);
            message = Text.of("remote.run.unexpected", e.toString());
        }
        data.finish(success, message, counts.pushed, counts.received, tuner.size());
    }

    private void sync(SyncClient client, RemoteSyncSettings settings, RequestSizeTuner tuner, Counts counts) {
        data.progress(Text.of("remote.phase.signingIn"), 0, 0);
        SiteInfo site = client.site();
        data.learnCentral(site);
        if (!settings.initialised()) {
            if (site.initialisationStatus() != InitialisationStatus.STARTED) {
                data.progress(Text.of("remote.phase.initialising"), 0, 0);
                try {
                    client.initialise();
                } catch (ConnectionFailed | SyncApiError e) {
                    if (e instanceof SyncApiError error && error.status() != 503) {
                        throw error;
                    }
                    // still preparing, or the answer was lost: wait for it below, as open-mSupply does
                }
            }
            awaitIdle(client, INITIALISATION_WAIT, Duration.ofSeconds(2), Text.of("remote.phase.awaitInitialisation"));
        }
        // Master data before the push (unlike open-mSupply, which pushes first): it is the central's alone, so it
        // cannot overwrite anything entered here, and it says which stores are still this site's to send.
        pullCentral(client, settings.centralCursor(), tuner, counts);
        if (settings.initialised()) {
            push(client, tuner, counts);
            awaitIdle(client, INTEGRATION_WAIT, Duration.ofSeconds(1), Text.of("remote.phase.awaitIntegration"));
        }
        pullQueue(client, tuner, counts);
        if (!settings.initialised()) {
            data.markInitialised();
        }
    }

    private void push(SyncClient client, RequestSizeTuner tuner, Counts counts) {
        long total = -1;
        while (true) {
            Batch batch = data.nextPush(tuner.size());
            if (total < 0) {
                total = batch.count();
            }
            if (batch.records().isEmpty()) {
                break;
            }
            data.progress(Text.of("remote.phase.pushing"), counts.pushed, total);
            long started = System.nanoTime();
            client.push(batch.count(), batch.records());
            tuner.batchTook(
                    Duration.ofNanos(System.nanoTime() - started),
                    batch.records().size());
            data.pushed(Long.parseLong(
                    batch.records().get(batch.records().size() - 1).cursor()));
            counts.pushed += batch.records().size();
        }
        if (!client.push(0, List.of())) {
            throw new RemoteSyncProblem(Text.of("remote.run.integrationNotStarted"));
        }
    }

    private void pullCentral(SyncClient client, long cursor, RequestSizeTuner tuner, Counts counts) {
        while (true) {
            long started = System.nanoTime();
            Batch batch = client.centralRecords(cursor, tuner::size);
            tuner.batchTook(
                    Duration.ofNanos(System.nanoTime() - started),
                    batch.records().size());
            if (batch.records().isEmpty()) {
                if (cursor < batch.count()) {
                    data.integrateCentral(List.of(), batch.count()); // a gap at the end of the change log
                }
                return;
            }
            cursor = Long.parseLong(
                    batch.records().get(batch.records().size() - 1).cursor());
            data.integrateCentral(batch.records(), cursor);
            counts.received += batch.records().size();
            counts.master += batch.records().size();
            data.progress(Text.of("remote.phase.pullingMaster"), cursor, batch.count());
        }
    }

    private void pullQueue(SyncClient client, RequestSizeTuner tuner, Counts counts) {
        long received = 0;
        while (true) {
            long started = System.nanoTime();
            Batch batch = client.queuedRecords(tuner::size);
            if (batch.records().isEmpty()) {
                return;
            }
            data.integrateQueued(batch.records());
            client.acknowledge(batch.records().stream().map(SyncRecord::cursor).toList());
            tuner.batchTook(
                    Duration.ofNanos(System.nanoTime() - started),
                    batch.records().size());
            received += batch.records().size();
            counts.received += batch.records().size();
            data.progress(
                    Text.of("remote.phase.pullingQueue"),
                    received,
                    received - batch.records().size() + batch.count());
        }
    }

    private void awaitIdle(SyncClient client, Duration limit, Duration every, Text phase) {
        long deadline = System.nanoTime() + limit.toNanos();
        data.progress(phase, 0, 0);
        while (client.siteStatus() != OperationStatus.IDLE) {
            if (System.nanoTime() > deadline) {
                throw new RemoteSyncProblem(Text.of(
                        "remote.run.tooLong",
                        phase,
                        limit.toMinutes() == 0
                                ? Text.of("remote.run.seconds", limit.toSeconds())
                                : Text.of("remote.run.minutes", limit.toMinutes())));
            }
            data.progress(phase, 0, 0);
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteSyncProblem(Text.of("remote.run.interrupted"));
            }
        }
    }

    /** What one sync moved. */
    private static final class Counts {
        long pushed;
        long received;
        long master;
    }
}
