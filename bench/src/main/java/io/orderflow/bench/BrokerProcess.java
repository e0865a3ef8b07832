package io.orderflow.bench;

import io.orderflow.localstack.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The KRaft broker of a bench run, in its own JVM ({@link BrokerMain}, from the bench's class path, {@value #HEAP}):
 * its CPU is measured apart from the app's, and a benchmark's figures do not depend on the broker sharing a heap
 * and a JIT with the app. Its output goes to {@code broker.log} in the stack's directory.
 */
final class BrokerProcess implements AutoCloseable {

    static final String HEAP = "-Xmx1g";
    private static final long READY_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static BrokerProcess start(Path dataDir, Map<String, String> overrides) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(), dataDir.toString()));
        overrides.forEach((key, value) -> command.add(key + "=" + value));
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolveSibling("broker.log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(BrokerMain.READY)) {
                    BrokerProcess broker = new BrokerProcess(process, line.substring(BrokerMain.READY.length()).strip());
                    drain(out);
                    return broker;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the broker did not start; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the rest of the broker's standard output, so that it never blocks on a full pipe. */
    private static void drain(BufferedReader out) {
        Thread drainer = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded: the broker logs to its standard error, which goes to broker.log
                }
            } catch (IOException e) {
                // the broker ended
            }
        }, "broker-stdout");
        drainer.setDaemon(true);
        drainer.start();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the broker's JVM has used so far, every thread, user and system. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for the broker (pid " + process.pid() + ")"));
    }

    /** An admin client on the broker; the caller closes it. */
    Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** Creates the topics that do not exist yet. */
    void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = admin()) {
            KafkaBroker.createTopics(admin, topics);
        }
    }

    /** Closes the broker's standard input, on which it shuts down cleanly; killed after 60 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
