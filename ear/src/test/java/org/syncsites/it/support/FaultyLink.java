package org.syncsites.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback between a sync client and a server, in the test's JVM, that spoils the link as satellite
 * and 2G links do. Faults, each switched on and off while traffic flows:
 * <ul>
 *   <li>{@link #cuttingEvery cuts}: about every so often, the next bytes to cross (either way) are forwarded only in
 *       part and the connection is then reset: a cut in the middle of a request, or of an answer;
 *   <li>{@link #stalling stalls}: nothing crosses for a while, then traffic goes on;
 *   <li>{@link #trickling trickle}: each direction limited to a rate in bits per second (50,000 for 2G).
 * </ul>
 * It reads the HTTP request lines that cross it (plain HTTP), so a test sees what its client asked for, e.g. the
 * request sizes of its pulls. The intervals and cut points come from a seeded random, but which bytes a cut hits
 * depends on timing, so a run is not replayed byte for byte.
 */
public final class FaultyLink implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("(GET|POST|PUT|DELETE) (\\S+) HTTP/1\\.1\r\n");

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Random random;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger cutsInRequests = new AtomicInteger();
    private final AtomicInteger cutsInAnswers = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    private volatile long cutEveryMillis;
    private volatile long nextCutAt = Long.MAX_VALUE;
    private volatile long stallEveryMillis;
    private volatile long stallMillis;
    private volatile long nextStallAt = Long.MAX_VALUE;
    private volatile long stalledUntil;
    private volatile int bitsPerSecond;
    private final Object cutLock = new Object();
    private volatile boolean closed;

    private FaultyLink(InetSocketAddress target, long seed) throws IOException {
        this.target = target;
        this.random = new Random(seed);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A link to {@code host:port}; its faults are chosen with this seed. */
    public static FaultyLink to(String host, int port, long seed) {
        try {
            return new FaultyLink(new InetSocketAddress(host, port), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address clients use instead of the server's: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Cuts a connection about every {@code mean} (between half and one and a half of it), or never with null. */
    public FaultyLink cuttingEvery(Duration mean) {
        synchronized (cutLock) {
            cutEveryMillis = mean == null ? 0 : mean.toMillis();
            nextCutAt = mean == null ? Long.MAX_VALUE : System.currentTimeMillis() + nextInterval(cutEveryMillis);
        }
        return this;
    }

    /** Stops all traffic for {@code length} about every {@code mean}, or never with null. */
    public FaultyLink stalling(Duration mean, Duration length) {
        synchronized (cutLock) {
            stallEveryMillis = mean == null ? 0 : mean.toMillis();
            stallMillis = length == null ? 0 : length.toMillis();
            nextStallAt = mean == null ? Long.MAX_VALUE : System.currentTimeMillis() + nextInterval(stallEveryMillis);
        }
        return this;
    }

    /** Limits each direction to this many bits per second, or 0 for no limit. */
    public FaultyLink trickling(int bitsPerSecondEachWay) {
        bitsPerSecond = bitsPerSecondEachWay;
        return this;
    }

    /** No more faults: the link carries everything at once. */
    public FaultyLink healed() {
        synchronized (cutLock) {
            cuttingEvery(null);
            stalling(null, null);
            stalledUntil = 0;
        }
        return trickling(0);
    }

    public int cutsInRequests() {
        return cutsInRequests.get();
    }

    public int cutsInAnswers() {
        return cutsInAnswers.get();
    }

    public int connections() {
        return connections.get();
    }

    /** Every request line that crossed the link, e.g. {@code "GET /sync/v5/queued_records?limit=500"}. */
    public List<String> requests() {
        return List.copyOf(requestLines);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        open.forEach(FaultyLink::reset);
    }

    // ------------------------------------------------------------------ the proxy

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 5_000);
                } catch (IOException unreachable) {
                    reset(client); // the server is not there: the client sees its connection dropped
                    throw unreachable;
                }
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                connections.incrementAndGet();
                forward(client, server, true);
                forward(server, client, false);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("FaultyLink: " + e);
                }
            }
        }
    }

    private void forward(Socket from, Socket to, boolean request) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    boolean cut = false;
                    try {
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        int read;
                        while ((read = in.read(buffer)) > 0) {
                            if (request) {
                                noteRequestLines(buffer, read);
                            }
                            awaitStall();
                            int cutAt = cutPoint(read);
                            if (cutAt >= 0) {
                                send(out, buffer, cutAt);
                                (request ? cutsInRequests : cutsInAnswers).incrementAndGet();
                                cut = true;
                                break;
                            }
                            send(out, buffer, read);
                        }
                    } catch (IOException endOfConnection) {
                        // the other side closed or was cut
                    } finally {
                        // a cut resets both ends (RST), as a dropped link looks; an ordinary end closes them (FIN), so
                        // that what was sent before it still arrives
                        end(from, cut);
                        end(to, cut);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "faulty-link-" + (request ? "up" : "down"));
        thread.setDaemon(true);
        thread.start();
    }

    /** Where to cut these bytes if a cut is due now (a random point inside them), else -1. */
    private int cutPoint(int length) {
        if (System.currentTimeMillis() < nextCutAt) {
            return -1;
        }
        synchronized (cutLock) {
            if (System.currentTimeMillis() < nextCutAt) {
                return -1;
            }
            nextCutAt =
                    cutEveryMillis == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + nextInterval(cutEveryMillis);
            return random.nextInt(length);
        }
    }

    private void awaitStall() throws IOException {
        long now = System.currentTimeMillis();
        if (now >= nextStallAt) {
            synchronized (cutLock) {
                if (now >= nextStallAt) {
                    stalledUntil = now + stallMillis;
                    nextStallAt = stallEveryMillis == 0 ? Long.MAX_VALUE : now + nextInterval(stallEveryMillis);
                }
            }
        }
        long wait = stalledUntil - System.currentTimeMillis();
        if (wait > 0) {
            sleep(wait);
        }
    }

    /** Writes at the link's rate: in pieces of at most 1/20 s of traffic each, with the pause each one takes. */
    private void send(OutputStream out, byte[] buffer, int length) throws IOException {
        int offset = 0;
        while (offset < length) {
            int rate = bitsPerSecond;
            int piece = rate == 0 ? length - offset : Math.max(1, Math.min(length - offset, rate / 8 / 20));
            out.write(buffer, offset, piece);
            out.flush();
            offset += piece;
            if (rate > 0) {
                sleep(piece * 8_000L / rate);
            }
        }
    }

    private void noteRequestLines(byte[] buffer, int length) {
        Matcher line = REQUEST_LINE.matcher(new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
        while (line.find()) {
            requestLines.add(line.group(1) + " " + line.group(2));
        }
    }

    private long nextInterval(long mean) {
        synchronized (random) {
            return mean / 2 + (long) (random.nextDouble() * mean);
        }
    }

    /** Closes a socket with a reset (RST), as a dropped link looks to the other side, not an orderly end. */
    private static void reset(Socket socket) {
        end(socket, true);
    }

    private static void end(Socket socket, boolean reset) {
        try {
            if (!socket.isClosed()) {
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
