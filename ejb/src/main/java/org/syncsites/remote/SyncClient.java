package org.syncsites.remote;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.syncsites.remote.http.ConnectionFailed;
import org.syncsites.remote.http.HttpReply;
import org.syncsites.remote.http.SyncTransport;
import org.syncsites.syncv5.Batch;
import org.syncsites.syncv5.Feed;
import org.syncsites.syncv5.OperationStatus;
import org.syncsites.syncv5.SiteInfo;
import org.syncsites.syncv5.SyncRecord;
import org.syncsites.syncv5.SyncV5;
import org.syncsites.syncv5.SyncV5Json;

/**
 * A remote site's side of mSupply's sync v5 protocol (docs/sync-v5.md, §4.4), as open-mSupply's
 * client speaks it: Basic credentials of the site name and the SHA-256 hex of its password, the device's
 * hardware ID in {@code msupply-site-uuid}, routes resolved against the server URL's root, and up to three
 * attempts (connect timeouts 2, 5 and 10 s) when the server cannot be reached, does not answer in time or
 * answers 408. Other error answers are not retried: they become {@link SyncApiError}.
 */
public class SyncClient {

    /** The sync API version this client speaks (open-mSupply's SYNC_V5_VERSION since its release 2.13). */
    public static final int SYNC_VERSION = 14;

    public static final String APP_NAME = "Sync Sites";
    public static final String APP_VERSION = "1.0.0";

    private static final Duration[] CONNECT_TIMEOUTS = {
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final SyncTransport transport;
    private final URI server;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Runnable onFailedAttempt = () -> {};

    public SyncClient(
            SyncTransport transport, String serverUrl, String siteName, String passwordSha256, String hardwareId) {
        this.transport = transport;
        this.server = URI.create(serverUrl.strip());
        headers.put(
                SyncV5.AUTHORIZATION,
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((siteName + ":" + passwordSha256.toLowerCase(Locale.ROOT))
                                        .getBytes(StandardCharsets.UTF_8)));
        headers.put(SyncV5.HARDWARE_ID, hardwareId);
        headers.put(SyncV5.APP_VERSION, APP_VERSION);
        headers.put(SyncV5.APP_NAME, APP_NAME);
        headers.put(SyncV5.VERSION, Integer.toString(SYNC_VERSION));
        headers.put("Content-Type", "application/json");
    }

    public String transportName() {
        return transport.name();
    }

    public SiteInfo site() {
        return read(get(SyncV5.SITE), SyncV5.SITE, SyncV5Json::readSiteInfo);
    }

    /** What the central is doing for this site: idle, or e.g. initialisation in progress. */
    public OperationStatus siteStatus() {
        return read(get(SyncV5.SITE_STATUS), SyncV5.SITE_STATUS, SyncV5Json::readSiteStatus);
    }

    /** @return the site's queue length the central reports */
    public long initialise() {
        String route = SyncV5.INITIALISE;
        return read(
                        expectSuccess(send("POST", route, SyncV5Json.initialiseRequest()), route),
                        route,
                        json -> SyncV5Json.readBatch(json, Feed.QUEUE))
                .count();
    }

    /** @param limit the request size, asked again for each attempt (a failed attempt may have lowered it) */
    public Batch centralRecords(long cursor, IntSupplier limit) {
        String route = SyncV5.CENTRAL_RECORDS;
        return read(
                get(() -> route + "?cursor=" + cursor + "&limit=" + limit.getAsInt(), route),
                route,
                json -> SyncV5Json.readBatch(json, Feed.CENTRAL));
    }

    /** @param limit the request size, asked again for each attempt (a failed attempt may have lowered it) */
    public Batch queuedRecords(IntSupplier limit) {
        String route = SyncV5.QUEUED_RECORDS;
        return read(
                get(() -> route + "?limit=" + limit.getAsInt(), route),
                route,
                json -> SyncV5Json.readBatch(json, Feed.QUEUE));
    }

    /**
     * Called after each attempt that got no answer (before the next one, if any): a sync lowers its request size
     * then, so that the next attempt has less to carry over a link that breaks.
     */
    public SyncClient onFailedAttempt(Runnable listener) {
        this.onFailedAttempt = listener;
        return this;
    }

    public void acknowledge(List<String> syncOutIds) {
        String route = SyncV5.ACKNOWLEDGED_RECORDS;
        expectSuccess(send("POST", route, SyncV5Json.acknowledgement(syncOutIds)), route);
    }

    /** @return the central's {@code integrationStarted} */
    public boolean push(long queueLength, List<SyncRecord> records) {
        String route = SyncV5.QUEUED_RECORDS;
        String body = SyncV5Json.batch(Feed.PUSH, new Batch(queueLength, records));
        return read(expectSuccess(send("POST", route, body), route), route, SyncV5Json::readPushAnswer);
    }

    /**
     * Sync Sites' connection check ({@code GET /sync/v5/check_connection}), which never counts as a failed
     * sign-in. @return the raw answer: a central that is not Sync Sites answers 404.
     */
    public HttpReply checkConnection() {
        return send("GET", SyncV5.CHECK_CONNECTION, null);
    }

    // ------------------------------------------------------------------ HTTP

    private String get(String route) {
        return get(() -> route, route);
    }

    private String get(Supplier<String> routeAndQuery, String route) {
        return expectSuccess(send("GET", routeAndQuery, null), route);
    }

    private HttpReply send(String method, String route, String body) {
        return send(method, () -> route, body);
    }

    private HttpReply send(String method, Supplier<String> route, String body) {
        ConnectionFailed last = null;
        for (Duration connectTimeout : CONNECT_TIMEOUTS) {
            try {
                HttpReply reply = transport.send(
                        method, server.resolve(route.get()), headers, body, connectTimeout, READ_TIMEOUT);
                if (reply.status() != 408) {
                    return reply;
                }
                last = ConnectionFailed.requestTimedOut();
            } catch (ConnectionFailed e) {
                last = e;
            }
            onFailedAttempt.run();
        }
        throw last;
    }

    private static String expectSuccess(HttpReply reply, String route) {
        if (!reply.successful()) {
            throw SyncApiError.of(reply, route);
        }
        return reply.body();
    }

    /** A 2xx answer read by the codec; one that is not the protocol's shape is the central's error. */
    private static <T> T read(String body, String route, Function<String, T> codec) {
        try {
            return codec.apply(body);
        } catch (SyncV5Json.Malformed e) {
            throw SyncApiError.notTheProtocol(route, e.getMessage());
        }
    }
}
