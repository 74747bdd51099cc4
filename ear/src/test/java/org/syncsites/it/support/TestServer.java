package org.syncsites.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one server of a test pass, for the tests that speak to the application from outside (HTTP, a browser, the
 * database): the build's WildFly with the demo EAR in its deployments, started by the first test class that names
 * this extension and stopped when the pass ends. The application is deployed once per pass, not once per class;
 * each test makes the data it reads (its own sites, stores and users, named after the test) instead of counting on
 * a fresh application.
 *
 * <p>Its base directory is {@code target/servers/it} ({@code log/server.log}, {@code console.log}); its database the
 * pass's ({@code syncsites.it.db.url}, emptied before the pass by {@link PrepareTestDatabase}); its system properties
 * {@code syncsites.it.server.args}, the same the tests that run inside a server give the server Arquillian starts
 * (arquillian.xml). It listens on 127.0.0.1:8080 ({@link Browserless#BASE}).
 */
public final class TestServer implements BeforeAllCallback {

    private static final String NAME = "it";

    /**
     * The network's settings (thresholds, alert addresses), one for the whole server: the test classes that change
     * or depend on them hold this lock ({@code @ResourceLock}), so that one running beside the others (AlertsIT) never
     * meets another's change.
     */
    public static final String NETWORK_SETTINGS = "the network's settings";

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.create(TestServer.class))
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    /** The server's log, for tests that look for what it logged. */
    public static Path log() {
        return Path.of("target", "servers", NAME, "log", "server.log").toAbsolutePath();
    }

    /** The started server, stopped (SIGTERM, then waited for) when the root context closes at the pass's end. */
    private record Running(WildFlyProcess server, Thread stopper) implements ExtensionContext.Store.CloseableResource {

        static Running start() {
            if (answers()) {
                throw new IllegalStateException("Something already answers at " + Browserless.BASE + ": stop it (a "
                        + "server left running, ./start.sh) so that the tests run against the build's own.");
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("syncsites.db.url", System.getProperty("syncsites.it.db.url"));
            Arrays.stream(System.getProperty("syncsites.it.server.args", "")
                            .trim()
                            .split("\\s+"))
                    .filter(argument -> argument.startsWith("-D"))
                    .map(argument -> argument.substring(2).split("=", 2))
                    .forEach(pair -> properties.put(pair[0], pair.length > 1 ? pair[1] : ""));
            String adminPassword = System.getenv("SYNCSITES_ADMIN_PASSWORD");
            if (adminPassword == null) {
                throw new IllegalStateException("SYNCSITES_ADMIN_PASSWORD is not set: run the tests with Maven "
                        + "(./test.sh), which sets it, or set it as ear/pom.xml does");
            }
            WildFlyProcess server;
            try {
                server = WildFlyProcess.start(
                        NAME,
                        "standalone-full.xml",
                        0,
                        properties,
                        adminPassword,
                        List.of(),
                        Map.of(
                                "JBOSS_JAVA_SIZING",
                                System.getProperty("syncsites.it.server.heap", "-Xms256m -Xmx1536m")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // stopped also when the test JVM ends otherwise (Ctrl-C, a failure before the pass ends)
            Thread stopper = new Thread(server::stop, "stop the test server");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                server.awaitHealthy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.stop();
                throw new IllegalStateException("interrupted while the test server started", e);
            } catch (RuntimeException | AssertionError e) {
                server.stop();
                throw e;
            }
            return new Running(server, stopper);
        }

        /** Whether a server answers at the tests' address already. */
        private static boolean answers() {
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(
                                "127.0.0.1", URI.create(Browserless.BASE).getPort()),
                        500);
                return true;
            } catch (IOException nothingThere) {
                return false;
            }
        }

        @Override
        public void close() {
            server.stop();
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }
}
