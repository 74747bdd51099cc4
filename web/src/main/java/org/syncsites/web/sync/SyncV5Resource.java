package org.syncsites.web.sync;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.syncsites.platform.Text;
import org.syncsites.sync.AuthenticatedSite;
import org.syncsites.sync.SiteSignIn;
import org.syncsites.sync.SyncExchange;
import org.syncsites.sync.SyncRefusal;
import org.syncsites.syncv5.Action;
import org.syncsites.syncv5.Batch;
import org.syncsites.syncv5.ErrorCode;
import org.syncsites.syncv5.Feed;
import org.syncsites.syncv5.OperationStatus;
import org.syncsites.syncv5.SyncHeaders;
import org.syncsites.syncv5.SyncRecord;
import org.syncsites.syncv5.SyncV5;
import org.syncsites.syncv5.SyncV5Json;

/**
 * The seven endpoints of mSupply's sync v5 protocol (see docs/sync-v5.md), as a legacy
 * central server answers them. Every request signs the site in first. Field names, types and actions are the
 * protocol's, written and read by its one codec ({@link SyncV5Json}); POST bodies are accepted with or without a
 * Content-Type; errors are {@code {"error":{"code","message","data"}}} with a 4xx status, and nothing is written
 * by a refused request.
 * <p>
 * The requests of a sync's exchange that touch no other site ({@code site}, {@code site_status}, the two pulls and the
 * acknowledgement) sign in and answer in one transaction: one connection and one commit per request instead of two; a
 * refusal keeps what the sign-in noted (failed attempts, the site's history). A push is left out: it locks the sites
 * that hold the pushed records' stores in ascending order ({@code LockOrder}), which a sign-in that had already locked
 * the pushing site's row could break.
 */
@Path("/v5")
@ApplicationScoped // one instance: nothing is made or injected per request (headers are read from the request)
@Produces(MediaType.APPLICATION_JSON)
public class SyncV5Resource {

    /** Largest request body accepted (bytes): a push of thousands of records fits easily. */
    static final int MAX_BODY = 8 * 1024 * 1024;
    /** The longest record the central keeps (store_record.data). */
    static final int MAX_RECORD = 1_000_000;
    /** How long {@code initialise} waits for the site's queue to be filled before answering. */
    static final long INITIALISE_WAIT_MILLIS = Long.getLong("syncsites.sync.initialiseWaitMillis", 25 * 60_000);
    /** The largest {@code limit} open-mSupply's client can send (a u32). */
    private static final long U32_MAX = 4_294_967_295L;
    /** A syncOutId as this server hands them out: a positive whole number, as text. */
    private static final Pattern SYNC_OUT_ID = Pattern.compile("\\d{1,18}");

    /** Each site's {@code initialise} waiting on this node for its queue: one at a time. */
    private final ConcurrentMap<Long, AsyncResponse> initialising = new ConcurrentHashMap<>();

    @EJB
    private SiteSignIn signIn;

    @EJB
    private SyncExchange exchange;

    @Resource
    private ManagedScheduledExecutorService timer;

    /** The current request (a proxy: this resource serves every request). */
    @Context
    private HttpServletRequest request;

    @GET
    @Path("site")
    @Transactional(dontRollbackOn = SyncRefusal.class) // sign-in and answer: one transaction (see above)
    public String site() {
        return SyncV5Json.siteInfo(exchange.state(signIn()));
    }

    @GET
    @Path("site_status")
    @Transactional(dontRollbackOn = SyncRefusal.class) // sign-in and answer: one transaction (see above)
    public String siteStatus() {
        return SyncV5Json.siteStatus(exchange.operationStatus(signIn()));
    }

    /**
     * Sync Sites' own addition to v5, for a remote site's "Check connection": answers 200 with what works and
     * what does not, and never counts as a failed sign-in (see {@link SiteSignIn#check}).
     */
    @GET
    @Path("check_connection")
    public String checkConnection() {
        return SyncV5Json.connectionCheck(signIn.check(headers()));
    }

    /**
     * Queues the site's data and answers once it is queued, as the protocol's clients expect (an answer before that
     * would let them pull a half-filled queue and count the site as initialised). The wait holds no request thread:
     * the request is suspended and a managed timer looks at the queue (every 200 ms, after 10 s every 2 s), so a
     * hundred sites initialising at once cost no worker threads; a site asking again ends its earlier wait. open-mSupply's client takes a request that times out (no byte for 5 minutes, its read time-out)
     * as "still working": it asks again, up to three times, then polls {@code site_status} until idle; newer clients
     * poll {@code site} until {@code completed} whatever the answer. So the answer waits for the queue however long
     * it takes, up to {@link #INITIALISE_WAIT_MILLIS} (25 minutes, within the 30-minute time-out some releases had).
     * Then it answers with the queue as it is: the site pulls what is queued, and an empty pull before the rest is
     * queued is refused 503 {@code initialisation_in_progress}, after which the site polls {@code site_status}.
     */
    @POST
    @Path("initialise")
    @Consumes(MediaType.WILDCARD)
    public void initialise(InputStream body, @Suspended AsyncResponse answer) {
        AuthenticatedSite site = signIn();
        String text = read(body);
        if (!text.isBlank()) {
            decode(text, SyncV5Json::readInitialiseRequest);
        }
        long queued = exchange.initialise(site);
        long now = System.currentTimeMillis();
        AsyncResponse earlier = initialising.put(site.siteId(), answer);
        if (earlier != null) {
            // the site asked again: its client gave up on the earlier request, whose wait ends here
            earlier.resume(SyncV5Json.initialiseAnswer(queued));
        }
        answerWhenQueued(answer, site, queued, now, 0);
    }

    /**
     * Looks at the site's queue until it is filled, or until {@link #INITIALISE_WAIT_MILLIS} after {@code since}: every
     * 200 ms for the first 10 seconds (a small site is answered at once), then every 2 seconds.
     */
    private void answerWhenQueued(AsyncResponse answer, AuthenticatedSite site, long queued, long since, long delay) {
        SyncExchange exchange = this.exchange;
        timer.schedule(
                () -> {
                    if (answer.isDone()) {
                        return; // answered meanwhile (the site asked again)
                    }
                    try {
                        long waited = System.currentTimeMillis() - since;
                        if (exchange.currentStatus(site) == OperationStatus.IDLE || waited > INITIALISE_WAIT_MILLIS) {
                            // at the end of the wait, while its queue still fills, an empty pull is refused
                            // (SyncExchange.queuedRecords)
                            initialising.remove(site.siteId(), answer);
                            answer.resume(SyncV5Json.initialiseAnswer(Math.max(queued, exchange.queueLength(site))));
                        } else {
                            answerWhenQueued(answer, site, queued, since, waited < 10_000 ? 200 : 2_000);
                        }
                    } catch (RuntimeException e) {
                        initialising.remove(site.siteId(), answer);
                        answer.resume(e);
                    }
                },
                delay,
                TimeUnit.MILLISECONDS);
    }

    @GET
    @Path("central_records")
    @Transactional(dontRollbackOn = SyncRefusal.class) // sign-in and answer: one transaction (see above)
    public Response centralRecords(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        AuthenticatedSite site = signIn();
        long from = number("cursor", cursor, 0, Long.MAX_VALUE);
        Batch batch = exchange.centralRecords(site, from, batchSize(limit));
        return streamed(Feed.CENTRAL, batch);
    }

    @GET
    @Path("queued_records")
    @Transactional(dontRollbackOn = SyncRefusal.class) // sign-in and answer: one transaction (see above)
    public Response queuedRecords(@QueryParam("limit") String limit) {
        AuthenticatedSite site = signIn();
        Batch batch = exchange.queuedRecords(site, batchSize(limit));
        return streamed(Feed.QUEUE, batch);
    }

    /** A batch written straight to the response as it is serialised, never held as one String. */
    private static Response streamed(Feed feed, Batch batch) {
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            SyncV5Json.writeBatch(out, feed, batch);
            out.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("acknowledged_records")
    @Consumes(MediaType.WILDCARD)
    @Transactional(dontRollbackOn = SyncRefusal.class) // sign-in and answer: one transaction (see above)
    public Response acknowledge(InputStream body) {
        AuthenticatedSite site = signIn();
        List<String> ids = decode(read(body), SyncV5Json::readAcknowledgement);
        if (ids.size() > SyncExchange.MAX_BATCH) {
            throw SyncRefusal.badRequest(Text.of("sync.acknowledge.tooMany", Integer.toString(SyncExchange.MAX_BATCH)));
        }
        Set<Long> syncOutIds = new LinkedHashSet<>();
        for (String id : ids) {
            if (!SYNC_OUT_ID.matcher(id).matches()) {
                throw SyncRefusal.badRequest(Text.of("sync.acknowledge.syncId"));
            }
            syncOutIds.add(Long.parseLong(id));
        }
        exchange.acknowledge(site, syncOutIds);
        return Response.noContent().build();
    }

    @POST
    @Path("queued_records")
    @Consumes(MediaType.WILDCARD)
    public String push(InputStream body) {
        AuthenticatedSite site = signIn();
        Batch batch = decode(read(body), json -> SyncV5Json.readBatch(json, Feed.PUSH));
        if (batch.records().size() > SyncExchange.MAX_BATCH) {
            throw SyncRefusal.badRequest(Text.of("sync.push.tooMany", Integer.toString(SyncExchange.MAX_BATCH)));
        }
        batch.records().forEach(SyncV5Resource::requireKeepable);
        boolean last = batch.count() == 0;
        exchange.push(site, batch.records(), last);
        return SyncV5Json.pushAnswer(last);
    }

    // ------------------------------------------------------------------ helpers

    private AuthenticatedSite signIn() {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw tooLarge();
        }
        AuthenticatedSite site = signIn.signIn(headers());
        // a refusal from here on is noted in the site's sync history (SyncRefusalMapper)
        request.setAttribute(SyncRefusalMapper.SIGNED_IN_SITE, site);
        return site;
    }

    private SyncHeaders headers() {
        return new SyncHeaders(
                request.getHeader(SyncV5.AUTHORIZATION),
                request.getHeader(SyncV5.HARDWARE_ID),
                request.getHeader(SyncV5.APP_NAME),
                request.getHeader(SyncV5.APP_VERSION),
                request.getHeader(SyncV5.VERSION));
    }

    /** What the central keeps of a pushed record, beyond its shape (which the codec checked). */
    private static void requireKeepable(SyncRecord record) {
        String recordId = record.recordId();
        if (record.cursor().length() > 40 || record.tableName().length() > 64 || recordId.length() > 64) {
            throw SyncRefusal.badRequest(Text.of("sync.record.tooLong", recordId));
        }
        if (record.action() == Action.MERGE) {
            throw SyncRefusal.badRequest(Text.of("sync.record.merge", recordId));
        }
        if (record.action() == Action.DELETE) {
            return;
        }
        if (record.recordData() == null) {
            throw SyncRefusal.badRequest(Text.of("sync.record.noData", recordId));
        }
        if (record.recordData().length() > MAX_RECORD) {
            throw new SyncRefusal(
                    413,
                    ErrorCode.RECORD_TOO_LARGE,
                    Text.of(
                            "sync.record.tooLarge",
                            record.tableName(),
                            recordId,
                            Integer.toString(record.recordData().length()),
                            Integer.toString(MAX_RECORD)));
        }
    }

    /**
     * The request body, read only now that the site has signed in (a body from anyone else is never read into
     * memory), and at most {@link #MAX_BODY} bytes of it, chunked or not: more is refused with 413.
     */
    private static String read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SyncRefusal.badRequest(Text.of("sync.body.unreadable", String.valueOf(e.getMessage())));
        }
    }

    /** A body read by the codec; what is not the protocol's shape is refused with the codec's reason. */
    private static <T> T decode(String body, Function<String, T> codec) {
        try {
            return codec.apply(body);
        } catch (SyncV5Json.Malformed e) {
            throw SyncRefusal.badRequest(Text.of("sync.body.malformed", e.getMessage()));
        }
    }

    /**
     * The batch a pull asks for: its {@code limit}, a u32 in open-mSupply's client (its batch size, configurable on the
     * site). The protocol lets the server return fewer records than asked, so a limit above the largest batch
     * ({@link SyncExchange#MAX_BATCH}) is served as the largest, never refused: a site configured for larger batches
     * still syncs. Zero, a negative number or more than a u32 holds is refused (400).
     */
    private static int batchSize(String limit) {
        return (int) Math.min(number("limit", limit, 1, U32_MAX), SyncExchange.MAX_BATCH);
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value == null ? "" : value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SyncRefusal.badRequest(
                max == Long.MAX_VALUE
                        ? Text.of("sync.parameter.fromOnly", name, Long.toString(min), String.valueOf(value))
                        : Text.of(
                                "sync.parameter.range",
                                name,
                                Long.toString(min),
                                Long.toString(max),
                                String.valueOf(value)));
    }

    private static SyncRefusal tooLarge() {
        return new SyncRefusal(
                413, ErrorCode.REQUEST_TOO_LARGE, Text.of("sync.body.tooLarge", Integer.toString(MAX_BODY)));
    }
}
