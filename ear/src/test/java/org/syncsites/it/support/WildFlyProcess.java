package org.syncsites.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly of the build's unpacked server, started by a test in a base directory of its own
 * ({@code target/servers/<name>}: configuration copied from the server, the EAR in its deployments, its log in
 * {@code console.log}), for tests that need more than the one server Arquillian manages: cluster nodes, a
 * remote site. {@link #kill()} ends it with SIGKILL, as a crash would.
 */
public final class WildFlyProcess {

    private final String name;
    private final Process process;
    private final Path base;
    private final int portOffset;
    private final ProcessBuilder launch;

    private WildFlyProcess(String name, Process process, Path base, int portOffset, ProcessBuilder launch) {
        this.name = name;
        this.process = process;
        this.base = base;
        this.portOffset = portOffset;
        this.launch = launch;
    }

    /**
     * @param serverConfig e.g. standalone-full.xml
     * @param systemProperties passed as -D (e.g. syncsites.db.url, jboss.node.name)
     */
    public static WildFlyProcess start(
            String name,
            String serverConfig,
            int portOffset,
            Map<String, String> systemProperties,
            String adminPassword)
            throws IOException {
        return start(name, serverConfig, portOffset, systemProperties, adminPassword, List.of(), Map.of());
    }

    /**
     * @param cliScripts scripts of wildfly-config/cli (e.g. oidc.cli) applied to the server's copy of the
     *     configuration before it starts, as an administrator would
     * @param environment the server's environment besides the administrator's password
     */
    public static WildFlyProcess start(
            String name,
            String serverConfig,
            int portOffset,
            Map<String, String> systemProperties,
            String adminPassword,
            List<String> cliScripts,
            Map<String, String> environment)
            throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        Path base = Path.of("target", "servers", name).toAbsolutePath();
        if (Files.exists(base)) {
            try (Stream<Path> paths = Files.walk(base)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String script : cliScripts) {
            configure(home, base, serverConfig, Path.of(System.getProperty("syncsites.cli.dir"), script), environment);
        }
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(System.getProperty("syncsites.ear")), base.resolve("deployments/sync-sites.ear"));
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                serverConfig,
                "-b",
                "127.0.0.1",
                "-bprivate",
                "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + portOffset));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SYNCSITES_ADMIN_PASSWORD", adminPassword);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        base.resolve("console.log").toFile()));
        return new WildFlyProcess(name, builder.start(), base, portOffset, builder);
    }

    /**
     * Runs a CLI script on the server's configuration, offline (embed-server), as the build does, in the environment
     * the server gets (as README has an operator run https-certificate.cli with the key store's variables set).
     */
    private static void configure(
            Path home, Path base, String serverConfig, Path script, Map<String, String> environment)
            throws IOException {
        ProcessBuilder cli = new ProcessBuilder(
                        home.resolve("bin/jboss-cli.sh").toString(),
                        "--file=" + script,
                        "-Dsyncsites.server.config=" + serverConfig)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        base.resolve("configure.log").toFile()));
        cli.environment().putAll(environment);
        cli.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + base);
        try {
            Process process = cli.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)
                    || process.exitValue() != 0
                    || Files.readString(base.resolve("configure.log")).contains("\"outcome\" => \"failed\"")) {
                process.destroyForcibly();
                throw new AssertionError(script.getFileName() + " failed on " + base + ":\n"
                        + Files.readString(base.resolve("configure.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * Runs one management operation on the running server (jboss-cli on its management port, signed in as the local
     * user, as an operator on the machine is). @return what the CLI printed
     */
    public String management(String operation) throws IOException {
        Process cli = new ProcessBuilder(
                        Path.of(System.getProperty("jboss.home"), "bin/jboss-cli.sh")
                                .toString(),
                        "--connect",
                        "--controller=127.0.0.1:" + (9990 + portOffset),
                        "--command=" + operation)
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(1, TimeUnit.MINUTES)) {
                cli.destroyForcibly();
                throw new IOException(operation + " did not end on " + name);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The same server started again on its base directory and data, as after a crash (kill it first). */
    public WildFlyProcess restart() throws IOException {
        return new WildFlyProcess(name, launch.start(), base, portOffset, launch);
    }

    /**
     * A server of the configured kind ({@code standalone-full.xml}) with a database of its own ({@link #ownDatabase}),
     * started and healthy.
     *
     * @param systemProperties more -D besides the database's
     */
    public static WildFlyProcess startWithOwnDatabase(
            String name, int portOffset, String adminPassword, Map<String, String> systemProperties)
            throws IOException, SQLException, InterruptedException {
        Map<String, String> all = new HashMap<>(systemProperties);
        all.put("syncsites.db.url", ownDatabase(name));
        WildFlyProcess server = start(name, "standalone-full.xml", portOffset, all, adminPassword);
        try {
            return server.awaitHealthy();
        } catch (RuntimeException | Error | InterruptedException e) {
            server.kill();
            throw e;
        }
    }

    /**
     * A database of its own for a server a test starts, of the same kind as the test server's: an H2 file in the
     * server's base directory, or a PostgreSQL database created afresh.
     */
    public static String ownDatabase(String serverName) throws SQLException {
        String url = ownDatabaseUrl(serverName);
        if (url.startsWith("jdbc:postgresql:")) {
            String database = url.substring(url.lastIndexOf('/') + 1);
            try (Connection admin = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                statement.execute("CREATE DATABASE " + database);
            }
        }
        return url;
    }

    /** The URL of {@link #ownDatabase}, without creating it. */
    public static String ownDatabaseUrl(String serverName) {
        return System.getProperty("syncsites.it.db.url").startsWith("jdbc:postgresql:")
                ? "jdbc:postgresql://127.0.0.1:5432/syncsites_" + serverName.replace('-', '_')
                : "jdbc:h2:file:"
                        + Path.of("target", "servers", serverName, "data", "syncsites")
                                .toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + (8080 + portOffset);
    }

    /** The server's data directory (its H2 files, when it uses H2, live in {@code data/}). */
    public Path base() {
        return base;
    }

    public WildFlyProcess awaitHealthy() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " stopped while starting:\n" + errorsLogged());
            }
            try {
                if (client.send(
                                        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + " (" + baseUrl() + ") did not become healthy in 3 minutes:\n" + errorsLogged());
    }

    /** Whether the server's console has logged this text. */
    public boolean logged(String text) throws IOException {
        return Files.readString(console()).contains(text);
    }

    public void awaitLog(String line) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.readString(console()).contains(line)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(name + " did not log '" + line + "' in 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** The server's ERROR lines with what follows each (a stack trace), for a failure's message. */
    public String errorsLogged() {
        try {
            List<String> lines = Files.readAllLines(console());
            StringBuilder errors = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" ERROR ")) {
                    lines.subList(i, Math.min(lines.size(), i + 15))
                            .forEach(l -> errors.append(l).append('\n'));
                }
            }
            return errors.toString();
        } catch (IOException e) {
            return "(its log could not be read: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGKILL to the server's JVM (the child of standalone.sh) and the script; returns once they are gone, so that
     * their ports are free for the next server.
     */
    public void kill() {
        ProcessTrees.end(process, true, name);
    }

    /** A clean shutdown (SIGTERM, as an operator's stop); returns once the server has ended. */
    public void stop() {
        ProcessTrees.end(process, false, name);
    }

    private Path console() {
        return base.resolve("console.log");
    }
}
