package io.orderflow.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run in this JVM
 * from the Maven Central artifacts: no Docker, no mock.
 *
 * <p>The data directory is formatted with Kafka's own {@link Formatter} on first start and reused as it is
 * afterwards, so a restart keeps the cluster id, the topics and their records. The quorum is static
 * ({@code controller.quorum.voters}), which keeps the controller's address out of the metadata log: the
 * controller port may change between runs on the same data directory.
 *
 * <p>Settings are those of a single node: replication factor 1 for every internal topic, min ISR 1, no
 * automatic topic creation, no initial rebalance delay; transactions work (Kafka Streams exactly-once v2).
 */
public final class KafkaBroker implements AutoCloseable {

    static final int NODE_ID = 1;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    /** Null for a PLAINTEXT broker. */
    private final BrokerSecurity security;
    private KafkaRaftServer server;

    private KafkaBroker(Path dataDir, int port, int controllerPort, Map<String, String> overrides, BrokerSecurity security) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
        this.security = security;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) that keeps its data in {@code dataDir}, and waits
     * until it is registered and answers an admin client.
     */
    public static KafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with broker settings that replace the single-node defaults. */
    public static KafkaBroker start(Path dataDir, int port, Map<String, String> overrides) {
        return start(dataDir, port, overrides, null);
    }

    /**
     * As {@link #start(Path, int, Map)}, with the client port a SASL_SSL listener (SCRAM-SHA-512) secured by
     * {@code security}, which is also the broker's own (inter-broker) listener; null for PLAINTEXT. The SCRAM users
     * are stored in the cluster before the listener first opens ({@link #storeCredentials()}). The controller
     * listener stays PLAINTEXT on {@code localhost}, advertised to no client. This broker's own admin clients
     * connect as any client must, with credentials.
     */
    public static KafkaBroker start(Path dataDir, int port, Map<String, String> overrides, BrokerSecurity security) {
        Path dir = dataDir.toAbsolutePath();
        int brokerPort = port == 0 ? Ports.free() : port;
        KafkaBroker broker = new KafkaBroker(dir, brokerPort, Ports.free(), overrides, security);
        broker.startServer();
        return broker;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics that do not exist yet; topics that already exist are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = admin()) {
            createTopics(admin, topics);
        }
    }

    /** Creates through {@code admin} the topics that do not exist yet; topics that already exist are left as they are. */
    public static void createTopics(Admin admin, Collection<NewTopic> topics) {
        try {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + topics, e);
        }
    }

    /** Creates single-partition topics by name; see {@link #createTopics(Collection)}. */
    public void createTopics(String... names) {
        createTopics(Arrays.stream(names).map(name -> new NewTopic(name, 1, (short) 1)).toList());
    }

    /** What secures the client port, when it is secured. */
    public Optional<BrokerSecurity> security() {
        return Optional.ofNullable(security);
    }

    /**
     * What a client of this broker needs: {@code bootstrap.servers} and, on a secured broker, the SASL_SSL settings
     * with the applications' credentials ({@link BrokerSecurity#clientProperties()}).
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        if (security != null) {
            properties.putAll(security.clientProperties());
        }
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** An admin client on this broker (with credentials when it is secured); the caller closes it. */
    public Admin admin() {
        Map<String, Object> properties = clientProperties();
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(properties);
    }

    /** Shuts the broker down gracefully and waits until it has stopped. Stopping twice is harmless. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        log.info("Stopping Kafka broker on {}", bootstrapServers());
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Stops the broker and starts it again on the same ports and data directory. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        if (server != null) {
            throw new IllegalStateException("Kafka broker already running on " + bootstrapServers());
        }
        if (security != null && !security.isStoredIn(dataDir)) {
            storeCredentials();
        }
        String listener = security == null ? "PLAINTEXT" : BrokerSecurity.PROTOCOL;
        KafkaConfig config = new KafkaConfig(config(listener, port), false);
        formatIfNeeded(config);
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
            server = started;
            try (Admin admin = admin()) {
                awaitReady(admin, bootstrapServers());
            }
        } catch (RuntimeException e) {
            server = null;
            started.shutdown();
            started.awaitShutdown();
            throw e;
        }
        log.info("Kafka broker {} ready on {}{} (data in {})", config.nodeId(), bootstrapServers(),
                security == null ? "" : " (" + BrokerSecurity.PROTOCOL + ", " + BrokerSecurity.MECHANISM + ")", dataDir);
    }

    /**
     * Puts the SCRAM users of {@link #security} into the cluster metadata, before the SASL_SSL listener first opens:
     * it accepts nobody without them. The broker runs for this once, with no listener but a PLAINTEXT one on
     * {@code localhost} at a port of the moment; the client port stays closed meanwhile. Done again whenever the
     * passwords are not those stored last (a data directory made without {@code --secure}, new passwords).
     */
    private void storeCredentials() {
        int setupPort = Ports.free();
        KafkaConfig config = new KafkaConfig(config("PLAINTEXT", setupPort), false);
        formatIfNeeded(config);
        KafkaRaftServer setup = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            setup.startup();
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + setupPort,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
                awaitReady(admin, "localhost:" + setupPort + " (storing the SCRAM users)");
                security.createCredentials(admin);
            }
        } finally {
            setup.shutdown();
            setup.awaitShutdown();
        }
        security.markStoredIn(dataDir);
        log.info("Stored the SCRAM users of {} in {}", security.dir(), dataDir);
    }

    /**
     * The broker's settings with one client listener named {@code listener} on {@code listenerPort}: PLAINTEXT, or
     * SASL_SSL secured by {@link #security}. It is also the inter-broker listener.
     */
    private Map<String, String> config(String listener, int listenerPort) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("listeners", listener + "://localhost:" + listenerPort + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        props.put("advertised.listeners", listener + "://localhost:" + listenerPort);
        props.put("listener.security.protocol.map", listener + ":" + listener + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", listener);
        if (listener.equals(BrokerSecurity.PROTOCOL)) {
            props.putAll(security.brokerSettings(listener));
        }
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("log.dirs", dataDir.toString());
        props.put("metadata.log.dir", dataDir.toString());

        // One node: every internal topic has one replica, and one in-sync replica is enough.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");

        // Sized for a two-core machine that also runs the applications and their tests.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        props.putAll(overrides);
        return props;
    }

    private void formatIfNeeded(KafkaConfig config) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + dataDir, e);
        }
        // The same calls as `kafka-storage.sh format -t <id> -c server.properties` with static voters.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                .setIgnoreFormatted(false)
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setHasDynamicQuorum(false);
        Set<String> directories = new TreeSet<>(config.logDirs());
        directories.add(config.metadataLogDir());
        formatter.setDirectories(directories);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka data directory " + dataDir + ": " + out.toString(StandardCharsets.UTF_8), e);
        }
        log.debug("Formatted {}: {}", dataDir, out.toString(StandardCharsets.UTF_8).trim());
    }

    private static void awaitReady(Admin admin, String where) {
        Await.until(READY_TIMEOUT, "Kafka broker on " + where + " to register", () -> {
            Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return nodes.stream().anyMatch(node -> node.id() == NODE_ID);
        });
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + dataDir + "]";
    }
}
