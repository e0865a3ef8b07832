package io.orderflow.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real schema registry that speaks Confluent's Schema Registry REST API: Apicurio Registry 2.6 from Maven
 * Central, run as a child JVM from its unpacked distribution (see {@link ApicurioDistribution}). No Docker and
 * no home-made registry.
 *
 * <p>Schemas are kept in an H2 file database under the data directory, so ids survive a restart. The
 * Confluent-compatible API is at {@link #url()}; clients append {@code /subjects/...} and
 * {@code /schemas/ids/N}. The child's output goes to {@code registry.log} in the data directory, and the child
 * is stopped with this JVM.
 */
public final class SchemaRegistry implements AutoCloseable {

    /** The path of Apicurio's Confluent-compatible API. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Inherited variables that would change what the registry does: with KAFKA_BOOTSTRAP_SERVERS set (as in
     * the launcher's external mode) Apicurio would publish its events to that cluster.
     */
    private static final List<String> INHERITED_ENV_REMOVED = List.of(
            "KAFKA_BOOTSTRAP_SERVERS", "K_SINK", "REGISTRY_DATASOURCE_USERNAME", "REGISTRY_DATASOURCE_PASSWORD",
            "QUARKUS_PROFILE", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistry.class);
    private static final int LOG_TAIL_LINES = 40;
    private static SchemaRegistry shared;

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private final boolean stopWithJvm;
    private final boolean isShared;
    private ChildProcess process;

    private SchemaRegistry(Path dataDir, int port, Path logFile, boolean stopWithJvm, boolean isShared) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
        this.stopWithJvm = stopWithJvm;
        this.isShared = isShared;
    }

    /**
     * Starts a registry on {@code port} (0 picks a free one) that keeps its schemas in {@code dataDir}, and waits
     * until its Confluent-compatible API answers.
     */
    public static SchemaRegistry start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath();
        return start(dir, port, dir.resolve("registry.log"), true, false);
    }

    static SchemaRegistry start(Path dataDir, int port, Path logFile, boolean stopWithJvm, boolean isShared) {
        SchemaRegistry registry = unstarted(dataDir, port, logFile, stopWithJvm, isShared);
        registry.startProcess();
        return registry;
    }

    /** A registry not started yet: {@link #startProcess()} starts it. */
    static SchemaRegistry unstarted(Path dataDir, int port, Path logFile, boolean stopWithJvm, boolean isShared) {
        return new SchemaRegistry(dataDir.toAbsolutePath(), port == 0 ? Ports.free() : port,
                logFile.toAbsolutePath(), stopWithJvm, isShared);
    }

    /**
     * One registry for the whole JVM, on a temporary directory and a free port, started on first use and
     * stopped when the JVM exits. Integration tests of several classes share it; {@link #close()} on it does
     * nothing.
     */
    public static synchronized SchemaRegistry shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("orderflow-registry-");
                shared = start(dir, 0, dir.resolve("registry.log"), false, true);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.stopProcess();
                    try {
                        ApicurioDistribution.deleteRecursively(dir);
                    } catch (IOException e) {
                        // A temporary directory left behind is harmless.
                    }
                }, "stop-shared-registry"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a directory for the shared registry", e);
            }
        }
        return shared;
    }

    /** The Confluent-compatible base URL, e.g. {@code http://localhost:8081/apis/ccompat/v7}. */
    public String url() {
        return "http://localhost:" + port + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops the registry (SIGTERM, then SIGKILL after a grace period). Does nothing on {@link #shared()}. */
    public void stop() {
        if (!isShared) {
            stopProcess();
        }
    }

    /** Stops the registry and starts it again on the same port and data directory. */
    public void restart() {
        stopProcess();
        startProcess();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void stopProcess() {
        if (process == null) {
            return;
        }
        log.info("Stopping schema registry on {}", url());
        process.stop();
        process = null;
    }

    /** Spawns the child and waits until it answers. */
    void startProcess() {
        awaitStarted(spawnProcess());
    }

    /** Spawns the child; {@link #awaitStarted} waits for it. */
    synchronized ChildProcess spawnProcess() {
        if (process != null) {
            throw new IllegalStateException("Schema registry already running on " + url());
        }
        Path runner = ApicurioDistribution.runnerJar();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create registry data directory " + dataDir, e);
        }
        process = ChildProcess.start("schema-registry", command(runner), environment(), INHERITED_ENV_REMOVED,
                logFile, true, stopWithJvm);
        return process;
    }

    /**
     * Waits until the child answers; throws with the tail of its log when it does not. The wait holds no
     * lock, so that {@link #stop()} from another thread (a shutdown hook) ends a start in progress at once.
     */
    void awaitStarted(ChildProcess started) {
        try {
            awaitReady(started);
        } catch (RuntimeException e) {
            synchronized (this) {
                if (process == started) {
                    process = null;
                }
            }
            started.stop();
            throw new IllegalStateException(e.getMessage() + System.lineSeparator() + "Last lines of " + logFile + ":"
                    + System.lineSeparator() + started.logTail(LOG_TAIL_LINES), e);
        }
        log.info("Schema registry ready on {} (data in {})", url(), dataDir);
    }

    private List<String> command(Path runner) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        // A small heap and the quick JIT: it is a local registry on a two-core machine shared with Kafka.
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Dquarkus.http.host=127.0.0.1");
        // The distribution sets these pool sizes for its prod profile: 20 connections are too many for one H2 file.
        command.add("-D%prod.quarkus.datasource.jdbc.initial-size=1");
        command.add("-D%prod.quarkus.datasource.jdbc.min-size=1");
        command.add("-D%prod.quarkus.datasource.jdbc.max-size=8");
        command.add("-jar");
        command.add(runner.toString());
        return command;
    }

    private Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("HTTP_PORT", Integer.toString(port)),
                // The "in-memory" storage of the distribution is Apicurio's SQL storage on H2: a file URL makes
                // it persistent, sequences (and so schema ids) included.
                Map.entry("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dataDir.resolve("h2").resolve("registry")),
                Map.entry("REGISTRY_AUTH_ENABLED", "false"),
                Map.entry("AUTH_ENABLED", "false"),
                Map.entry("ENABLE_SENTRY", "false"),
                // Ids of the Confluent API are Apicurio content ids (legacy mode off): one id per distinct schema
                // text, the same under every subject, as with Confluent. Registering the same schema text again
                // returns the same id. Canonical-hash mode stays off: its Avro canonical form drops docs, so a
                // doc-only change would silently map to the old schema, which Confluent would not do.
                Map.entry("ENABLE_CCOMPAT_LEGACY_ID_MODE", "false"),
                Map.entry("ENABLE_CCOMPAT_CANONICAL_HASH_MODE", "false"),
                Map.entry("ENABLE_ACCESS_LOG", "false"),
                Map.entry("LOG_LEVEL", "INFO"));
    }

    private void awaitReady(ChildProcess child) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest subjects = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        Await.until(READY_TIMEOUT, "schema registry on " + url(), () -> {
            if (!child.isAlive()) {
                throw new Await.GiveUp("the registry exited with code " + child.process().exitValue()
                        + " before it was ready");
            }
            return http.send(subjects, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    @Override
    public String toString() {
        return "SchemaRegistry[" + url() + ", " + dataDir + "]";
    }
}
