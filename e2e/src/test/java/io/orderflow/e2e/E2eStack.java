package io.orderflow.e2e;

import io.orderflow.localstack.AppSpec;
import io.orderflow.localstack.KafkaBroker;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.Ports;
import io.orderflow.localstack.SchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole product as {@code ./orderflow up --instances 2} runs it, on free ports: an in-process KRaft broker,
 * the registry (a child JVM), the gateway and two streams-app instances, each a child JVM from its built jar. One
 * stack for the whole test JVM, started on first use and stopped when the JVM exits; the test classes keep apart
 * by their own order ids and SKUs. A test may kill and restart a streams-app instance or restart the broker, and
 * leaves the stack whole again for the next one ({@link #awaitReady()}). The instances run with what the launcher
 * gives them ({@link AppSpec#defaultEnv(int)}: one standby for two instances) and the apps' own defaults, on a broker set
 * as the launcher sets its own ({@link LocalStack#BROKER_SETTINGS}); what is
 * set here only speeds the tests up. Unlike the launcher, the stack restarts no instance by itself: a test kills
 * and restarts when it chooses.
 */
final class E2eStack {

    static final int PARTITIONS = 6;
    static final int INSTANCES = 2;
    /** A cold JVM on a loaded two-core machine: the streams app restores and rebalances before it is ready. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static E2eStack shared;

    private final Path home;
    private final Path root;
    private final KafkaBroker broker;
    private final String registryUrl;
    private final int gatewayPort = Ports.free();
    private final int[] queryPorts = new int[INSTANCES];
    /** The streams-app instances' QUERY_PEER_SECRET: one per stack, so they answer each other's peer calls. */
    private final String peerSecret = java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
    private final Process[] streamsApps = new Process[INSTANCES];
    private Process gateway;
    private final List<Path> logFiles = new ArrayList<>();

    private E2eStack(Path home) {
        this.home = home;
        this.root = Path.of(System.getProperty("orderflow.root", "..")).toAbsolutePath().normalize();
        this.broker = KafkaBroker.start(home.resolve("kafka"), 0, LocalStack.BROKER_SETTINGS);
        this.registryUrl = SchemaRegistry.shared().url();
        for (int i = 0; i < INSTANCES; i++) {
            queryPorts[i] = Ports.free();
        }
    }

    /** The stack of this JVM, started and ready. */
    static synchronized E2eStack shared() {
        if (shared == null) {
            try {
                E2eStack stack = new E2eStack(freshHome());
                Runtime.getRuntime().addShutdownHook(new Thread(stack::stopAll, "stop-e2e-stack"));
                shared = stack;
                stack.gateway = stack.spawn("ingest-gateway", "gateway", stack.gatewayEnv());
                for (int i = 0; i < INSTANCES; i++) {
                    stack.startStreamsApp(i);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        shared.awaitReady();
        return shared;
    }

    /**
     * {@code orderflow.e2e.home} (target/e2e-stack under Maven), emptied first so that each run starts a new cluster
     * and its logs stay there for reading after a failure; a temporary directory otherwise.
     */
    private static Path freshHome() throws IOException {
        String configured = System.getProperty("orderflow.e2e.home");
        if (configured == null) {
            return Files.createTempDirectory("orderflow-e2e-");
        }
        Path home = Path.of(configured).toAbsolutePath();
        if (Files.exists(home)) {
            try (var paths = Files.walk(home)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(home);
    }

    String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** The query API of instance {@code index} (0 or 1). */
    String queryUrl(int index) {
        return "http://localhost:" + queryPorts[index];
    }

    KafkaBroker broker() {
        return broker;
    }

    /** Every child process's log file: the gateway's and each start of each streams-app instance. */
    synchronized List<Path> logFiles() {
        return List.copyOf(logFiles);
    }

    /** Kills streams-app instance {@code index} with SIGKILL: no close, no commit, no leaving the group. */
    void killStreamsApp(int index) throws InterruptedException {
        Process process = streamsApps[index];
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("streams-app-" + (index + 1) + " did not die");
        }
    }

    /** Starts streams-app instance {@code index} again, on its port and its state directory. */
    synchronized void startStreamsApp(int index) {
        if (streamsApps[index] != null && streamsApps[index].isAlive()) {
            throw new IllegalStateException("streams-app-" + (index + 1) + " is running");
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUERY_PORT", Integer.toString(queryPorts[index]));
        env.put("QUERY_PEER_SECRET", peerSecret);
        env.put("STREAMS_STATE_DIR", home.resolve("state").resolve("streams-app-" + (index + 1)).toString());
        env.put("STREAMS_APPLICATION_SERVER", "localhost:" + queryPorts[index]);
        env.put("STREAMS_APPLICATION_ID", "orderflow-e2e");
        // the order desk's page relays its commands through its own origin to the gateway, as the launcher sets it
        env.put("QUERY_GATEWAY_URL", gatewayUrl());
        // What ./orderflow up --instances 2 gives every instance (one standby); the session timeout is the app's own.
        env.putAll(spec("streams-app").defaultEnv(INSTANCES));
        env.put("ROCKSDB_CACHE_BYTES", Long.toString(16L * 1024 * 1024));
        // Alerts within seconds instead of hours, so that a test can watch one raised and cleared.
        env.put("ALERTS_PUNCTUATION_INTERVAL", "PT1S");
        env.put("ALERTS_STALLED_PENDING_REVIEW", "PT3S");
        // The monthly archive looks every second, so that an imported order finished months ago is archived within
        // seconds; at most 1000 live orders a look, so that the looks cost the shared stack little CPU.
        env.put("ARCHIVE_PUNCTUATION_INTERVAL", "PT1S");
        env.put("ARCHIVE_MAX_PER_PUNCTUATION", "1000");
        env.putAll(commonEnv());
        streamsApps[index] = spawn("streams-app", "streams-app-" + (index + 1), env);
    }

    /** Waits until the gateway and every streams-app instance answer {@code /health/ready} with 200. */
    void awaitReady() {
        List<String> urls = new ArrayList<>();
        urls.add(gatewayUrl());
        for (int i = 0; i < INSTANCES; i++) {
            urls.add(queryUrl(i));
        }
        try {
            for (String url : urls) {
                Poll.until(READY_TIMEOUT, url + "/health/ready", () -> {
                    requireAlive();
                    return status(url + "/health/ready") == 200;
                });
            }
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; diagnosis:" + diagnose(), e);
        }
    }

    /**
     * Writes a thread dump of every running streams-app instance next to its log, and says which of them hold a
     * Java-level deadlock: the first thing to read when the pipeline stops catching up.
     */
    String diagnose() {
        StringBuilder findings = new StringBuilder();
        for (int i = 0; i < INSTANCES; i++) {
            Process process = streamsApps[i];
            if (process == null || !process.isAlive()) {
                findings.append(" streams-app-").append(i + 1).append(" is not running;");
                continue;
            }
            Path dump = home.resolve("logs").resolve("streams-app-" + (i + 1) + ".threads.txt");
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(dump.toFile()).start();
                if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                    jcmd.destroyForcibly();
                }
                String threads = Files.readString(dump);
                findings.append(" streams-app-").append(i + 1).append(threads.contains("Found one Java-level deadlock")
                        ? ": DEADLOCKED (see " + dump + ");" : ": threads in " + dump + ";");
            } catch (IOException e) {
                findings.append(" streams-app-").append(i + 1).append(": no thread dump (").append(e.getMessage()).append(");");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return findings.toString();
            }
        }
        return findings.toString();
    }

    private void requireAlive() {
        if (!gateway.isAlive()) {
            throw new Poll.GiveUp("the gateway exited; see " + logFiles());
        }
        for (int i = 0; i < INSTANCES; i++) {
            if (!streamsApps[i].isAlive()) {
                throw new Poll.GiveUp("streams-app-" + (i + 1) + " exited; see " + logFiles());
            }
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Map<String, String> commonEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("ORDERFLOW_HOME", home.toString());
        env.put("ORDERFLOW_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        return env;
    }

    private Map<String, String> gatewayEnv() {
        Map<String, String> env = new HashMap<>(commonEnv());
        env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        env.put("GATEWAY_INSTANCE_ID", "gateway-e2e");
        // what ./orderflow up gives the gateway (the demo keys)
        env.putAll(spec("ingest-gateway").defaultEnv(1));
        env.put("QUERY_API_URL", queryUrl(0));
        return env;
    }

    /** Starts the jar of {@code app} (as {@link AppSpec#orderflowApps()} names it) with its output in a log file. */
    private synchronized Process spawn(String app, String name, Map<String, String> env) {
        Path jar = root.resolve(spec(app).classpath().get(0));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built; run the reactor build (mvn -pl e2e -am verify)");
        }
        long starts = logFiles.stream().filter(file -> file.getFileName().toString().startsWith(name + ".")).count();
        Path log = home.resolve("logs").resolve(name + (starts == 0 ? "" : ".restart-" + starts) + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + name + ": " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            logFiles.add(log);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** {@code app} as the launcher runs it ({@link AppSpec#orderflowApps()}). */
    private static AppSpec spec(String app) {
        return AppSpec.orderflowApps().stream().filter(candidate -> candidate.name().equals(app)).findFirst().orElseThrow();
    }

    private void stopAll() {
        List<Process> children = new ArrayList<>();
        for (Process process : streamsApps) {
            if (process != null) {
                children.add(process);
            }
        }
        if (gateway != null) {
            children.add(gateway);
        }
        children.forEach(Process::destroy);
        for (Process child : children) {
            try {
                if (!child.waitFor(20, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        broker.close();
    }
}
