package org.syncsites.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** The ports of a server a test starts at port offset 300 (8380, ...), which two test classes use. */
    public static final String PORTS_OF_OFFSET_300 = "ports of offset 300";

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
    private record Running(WildFlyProcess server) implements ExtensionContext.Store.CloseableResource {

        static Running start() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("syncsites.db.url", System.getProperty("syncsites.it.db.url"));
            Arrays.stream(System.getProperty("syncsites.it.server.args", "")
                            .trim()
                            .split("\\s+"))
                    .filter(argument -> argument.startsWith("-D"))
                    .map(argument -> argument.substring(2).split("=", 2))
                    .forEach(pair -> properties.put(pair[0], pair.length > 1 ? pair[1] : ""));
            try {
                WildFlyProcess server = WildFlyProcess.start(
                        NAME,
                        "standalone-full.xml",
                        0,
                        properties,
                        System.getenv("SYNCSITES_ADMIN_PASSWORD"),
                        List.of(),
                        Map.of(
                                "JBOSS_JAVA_SIZING",
                                System.getProperty("syncsites.it.server.heap", "-Xms256m -Xmx1536m")));
                return new Running(server.awaitHealthy());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the test server started", e);
            }
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
