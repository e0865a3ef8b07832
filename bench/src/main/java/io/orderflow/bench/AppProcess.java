package io.orderflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the project's applications in its own JVM from its own jar, as {@code ./orderflow up} runs it
 * ({@code -Xmx512m}), with its output in a log file: the gateway (figures 2 and 3), the streams-app (figures
 * 2, 4, 5 and 6), and the bench's {@link BareServer} (the floor under figures 3 and 4).
 */
final class AppProcess implements AutoCloseable {

    /** The heap {@code ./orderflow up} gives every application (local-stack's {@code AppSpec}). */
    static final String HEAP = "-Xmx512m";

    final String name;
    final String base;
    final Path logFile;
    final long startedNanos;
    private final Process process;

    private AppProcess(String name, String base, Path logFile, long startedNanos, Process process) {
        this.name = name;
        this.base = base;
        this.logFile = logFile;
        this.startedNanos = startedNanos;
        this.process = process;
    }

    /** Starts the gateway on a free port. */
    static AppProcess gateway(Stack stack) {
        int port = Stack.freePort();
        return start("gateway", jar("ingest-gateway", "orderflow-ingest-gateway.jar"), port, stack.dir.resolve("gateway.log"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                        "SCHEMA_REGISTRY_URL", stack.registry.url(),
                        "GATEWAY_PORT", String.valueOf(port),
                        "GATEWAY_INSTANCE_ID", "bench-gateway",
                        "GATEWAY_DEMO_KEYS", "true"));
    }

    /**
     * Starts a streams-app instance on a free query port with a fresh state directory under the stack's.
     *
     * @param extra more settings (environment), e.g. ORDERFLOW_TOPIC_PARTITIONS
     */
    static AppProcess streamsApp(Stack stack, String applicationId, String instance, Map<String, String> extra) {
        return streamsApp(stack, applicationId, instance, extra, Optional.empty());
    }

    /** As {@link #streamsApp(Stack, String, String, Map)}, the JVM kept to {@code cores} ({@code taskset -c}) when given. */
    static AppProcess streamsApp(Stack stack, String applicationId, String instance, Map<String, String> extra,
            Optional<String> cores) {
        int port = Stack.freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", stack.registry.url(),
                "STREAMS_APPLICATION_ID", applicationId,
                "STREAMS_STATE_DIR", stack.dir.resolve("state-" + applicationId + "-" + instance).toString(),
                "QUERY_PORT", String.valueOf(port),
                "STREAMS_APPLICATION_SERVER", "localhost:" + port,
                // The same for every instance of a bench run, so that they answer each other's peer calls.
                "QUERY_PEER_SECRET", "bench-peer-secret-" + applicationId,
                "GATEWAY_DEMO_KEYS", "true"));
        env.putAll(extra);
        return start("streams-app " + instance, jar("streams-app", "orderflow-streams-app.jar"), port,
                stack.dir.resolve("streams-app-" + applicationId + "-" + instance + ".log"), env, cores);
    }

    /**
     * Starts {@link BareServer} from the bench's own jar on a free port, answering {@code GET /v1/orders/{id}} with
     * {@code order} when given (or with {@code peer}'s answer, when given), and {@code POST /v1/orders} with
     * {@code accepted} when given, after sending the request's bytes to the stack's broker ({@link BareServer#TOPIC}).
     */
    static AppProcess bare(Stack stack, String name, Optional<Path> order, Optional<String> peer, Optional<Path> accepted) {
        int port = Stack.freePort();
        Map<String, String> env = new java.util.HashMap<>(Map.of("BARE_PORT", String.valueOf(port)));
        order.ifPresent(file -> env.put("BARE_ORDER_BODY", file.toString()));
        peer.ifPresent(base -> env.put("BARE_PEER", base));
        accepted.ifPresent(file -> env.putAll(Map.of("BARE_ACCEPTED_BODY", file.toString(),
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers())));
        Path jar;
        try {
            jar = Path.of(BareServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return start(name, List.of("-cp", jar.toString(), BareServer.class.getName()), port,
                stack.dir.resolve(name.replace(' ', '-') + ".log"), env, Optional.empty());
    }

    private static AppProcess start(String name, Path jar, int port, Path logFile, Map<String, String> env) {
        return start(name, jar, port, logFile, env, Optional.empty());
    }

    private static AppProcess start(String name, Path jar, int port, Path logFile, Map<String, String> env,
            Optional<String> cores) {
        return start(name, List.of("-jar", jar.toString()), port, logFile, env, cores);
    }

    private static AppProcess start(String name, List<String> main, int port, Path logFile, Map<String, String> env,
            Optional<String> cores) {
        List<String> command = new java.util.ArrayList<>();
        // taskset execs the JVM in its own process, so the pid (CPU time, RSS) stays the JVM's
        cores.ifPresent(list -> command.addAll(List.of("taskset", "-c", list)));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP));
        command.addAll(extraJavaOptions());
        command.addAll(main);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(env);
        try {
            long started = System.nanoTime();
            return new AppProcess(name, "http://localhost:" + port, logFile, started, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JVM options for every app the bench starts, from {@code BENCH_APP_JAVA_OPTS}: e.g.
     * {@code -XX:StartFlightRecording=filename=/tmp/jfr/} (a directory: one recording per JVM) to profile the apps under load.
     */
    private static List<String> extraJavaOptions() {
        String extra = System.getenv().getOrDefault("BENCH_APP_JAVA_OPTS", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    /** A jar under {@code <module>/target} in the working directory or a parent of it. */
    static Path jar(String module, String file) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(Path.of(module, "target", file));
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException(module + "/target/" + file + " not found; "
                + "build with mvn -pl bench -am package -DskipTests (./bench.sh does)");
    }

    /** The app's {@code /metrics} now (Prometheus text). */
    String metrics() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code /health/ready} answers 200; returns the seconds since the JVM was started. */
    double awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; its log:\n" + tail());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // pacing between readiness polls (the poll decides, and bounds the figure's resolution to 50 ms)
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log " + logFile);
    }

    /** The JVM's process id. */
    long pid() {
        return process.pid();
    }

    /** CPU time the JVM has used so far, every thread, user and system. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for " + name + " (pid " + process.pid() + ")"));
    }

    /** The resident set size of the JVM (VmRSS of /proc/&lt;pid&gt;/status), in bytes. */
    long rssBytes() {
        return procStatus("VmRSS:");
    }

    /** The peak resident set size so far (VmHWM), in bytes. */
    long peakRssBytes() {
        return procStatus("VmHWM:");
    }

    private long procStatus(String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"));
            Optional<String> line = lines.stream().filter(l -> l.startsWith(field)).findFirst();
            return line.map(l -> Long.parseLong(l.replaceAll("\\D+", "")) * 1024).orElseThrow(
                    () -> new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the log, for failures. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
