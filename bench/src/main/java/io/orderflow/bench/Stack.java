package io.orderflow.bench;

import io.orderflow.localstack.Ports;
import io.orderflow.localstack.SchemaRegistry;
import io.orderflow.serde.HttpSchemaRegistryClient;
import io.orderflow.serde.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local stack of one benchmark run: a KRaft broker ({@link BrokerProcess}) and an Apicurio registry, each in
 * a child JVM of its own, on a fresh temporary directory and free ports, deleted at the end. What runs in the
 * bench's own JVM is what a figure measures (an app under test, its load, its watchers), not the broker.
 */
final class Stack implements AutoCloseable {

    final Path dir;
    final BrokerProcess broker;
    final SchemaRegistry registry;
    final SchemaRegistryClient registryClient;

    private Stack(Path dir, BrokerProcess broker, SchemaRegistry registry) {
        this.dir = dir;
        this.broker = broker;
        this.registry = registry;
        this.registryClient = HttpSchemaRegistryClient.forUrls(registry.url());
    }

    static Stack start() {
        try {
            Path dir = Files.createTempDirectory("orderflow-bench-");
            BrokerProcess broker = BrokerProcess.start(dir.resolve("kafka"), brokerOverrides());
            try {
                return new Stack(dir, broker, SchemaRegistry.start(dir.resolve("registry"), 0));
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Broker properties given as {@code -Dorderflow.bench.broker.<property>=<value>} (in BENCH_JAVA_OPTS), on top
     * of the local stack's own: an experiment knob, like {@code orderflow.bench.streams.*}.
     */
    static Map<String, String> brokerOverrides() {
        return knobs("orderflow.bench.broker.");
    }

    /** The system properties named {@code <prefix><property>}, as {@code property → value}. */
    static Map<String, String> knobs(String prefix) {
        Map<String, String> overrides = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(prefix))
                .forEach(name -> overrides.put(name.substring(prefix.length()), System.getProperty(name)));
        return overrides;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    static int freePort() {
        return Ports.free();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
