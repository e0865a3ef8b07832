package io.orderflow.streams;

import static io.orderflow.api.Settings.bounded;
import static io.orderflow.api.Settings.text;
import static io.orderflow.api.Settings.whole;

import io.orderflow.api.KafkaConnection;
import io.orderflow.api.LogFormat;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The app's settings, read from environment variables (a map, so tests pass their own).
 *
 * @param settings all settings, for topic names ({@code ORDERFLOW_TOPIC_*})
 */
public record AppConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String applicationId,
        Path stateDir,
        int standbyReplicas,
        int threads,
        int queryPort,
        String applicationServer,
        long rocksDbCacheBytes,
        long recordCacheBytes,
        int commitIntervalMs,
        int pollMs,
        int sessionTimeoutMs,
        int heartbeatIntervalMs,
        int topicPartitions,
        short topicReplication,
        Map<String, String> settings) {

    /**
     * The one block cache and write-buffer manager of all the app's RocksDB stores (memtables up to half of it).
     * Below 256 MiB the stores' memtables are flushed while tiny and RocksDB's flushes and compactions take
     * the CPU the stream thread needs (BENCHMARKS.md, figure 1).
     */
    public static final long DEFAULT_ROCKSDB_CACHE_BYTES = 256L * 1024 * 1024;

    /** How long the app's producer waits to fill a batch (Kafka Streams sets 100 ms). */
    static final int PRODUCER_LINGER_MS = 5;

    /**
     * The largest request the app's producer sends, so the largest record it can write: Kafka's default,
     * just under the broker's default {@code message.max.bytes} (1048588). Set here, not left implicit,
     * because the order processor refuses a command whose records would not fit under it
     * ({@code order/OrderSize}, reading it back from this configuration).
     */
    public static final int PRODUCER_MAX_REQUEST_BYTES = 1024 * 1024;

    /** How long the stream thread waits for input before it looks at a due commit (Kafka Streams' default). */
    static final int DEFAULT_POLL_MS = 100;

    /**
     * How long the group waits for an instance that stopped heartbeating (killed, frozen, cut off)
     * before its tasks move to the others: 10 s instead of Kafka's 45 s, so that a crashed
     * instance's partitions are processed again within 15 s (the classic protocol's floor is the
     * broker's group.min.session.timeout.ms, 6 s by default).
     */
    static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

    /**
     * How often the instance heartbeats, which is also how late a survivor learns that a
     * rebalance began: at most a fifth of the session timeout, so that eviction plus notice stay
     * within 12 s (Kafka's own 3 s is a fifteenth of its 45 s).
     */
    static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 2_000;

    public static AppConfig from(Map<String, String> env) {
        LogFormat.from(env); // logback has read it already (logback.xml); a value that is none stops the app here
        int queryPort = bounded(env, "QUERY_PORT", 7070, 0, 65_535);
        int sessionTimeoutMs = bounded(env, "STREAMS_SESSION_TIMEOUT_MS", DEFAULT_SESSION_TIMEOUT_MS, 1, Integer.MAX_VALUE);
        int heartbeatIntervalMs = bounded(env, "STREAMS_HEARTBEAT_INTERVAL_MS", DEFAULT_HEARTBEAT_INTERVAL_MS, 1,
                Integer.MAX_VALUE);
        if (heartbeatIntervalMs >= sessionTimeoutMs) {
            throw new IllegalArgumentException("STREAMS_HEARTBEAT_INTERVAL_MS (" + heartbeatIntervalMs
                    + ") must be below STREAMS_SESSION_TIMEOUT_MS (" + sessionTimeoutMs + ")");
        }
        String home = text(env, "ORDERFLOW_HOME", ".orderflow");
        return new AppConfig(
                text(env, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                text(env, "SCHEMA_REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7"),
                text(env, "STREAMS_APPLICATION_ID", "orderflow-streams"),
                Path.of(text(env, "STREAMS_STATE_DIR", home + "/streams-state-" + queryPort)),
                bounded(env, "STREAMS_NUM_STANDBY_REPLICAS", 0, 0, Integer.MAX_VALUE),
                bounded(env, "STREAMS_NUM_THREADS", 1, 1, Integer.MAX_VALUE),
                queryPort,
                // with QUERY_PORT=0 known only once the query API listens (listeningOn)
                text(env, "STREAMS_APPLICATION_SERVER", queryPort == 0 ? null : "localhost:" + queryPort),
                whole(env, "ROCKSDB_CACHE_BYTES", DEFAULT_ROCKSDB_CACHE_BYTES, BoundedRocksDbConfig.MIN_CACHE_BYTES,
                        Long.MAX_VALUE),
                whole(env, "STREAMS_CACHE_MAX_BYTES", 10L * 1024 * 1024, 0, Long.MAX_VALUE),
                bounded(env, "STREAMS_COMMIT_INTERVAL_MS", 30, 0, Integer.MAX_VALUE),
                bounded(env, "STREAMS_POLL_MS", DEFAULT_POLL_MS, 1, 1000),
                sessionTimeoutMs,
                heartbeatIntervalMs,
                bounded(env, "ORDERFLOW_TOPIC_PARTITIONS", 6, 1, 10_000),
                (short) bounded(env, "ORDERFLOW_TOPIC_REPLICATION", 1, 1, Short.MAX_VALUE),
                Map.copyOf(env));
    }

    /**
     * This configuration once the query API listens on {@code port}, as it does on a free port of its own choosing
     * with QUERY_PORT=0: other instances are told that port ({@code application.server}) unless
     * STREAMS_APPLICATION_SERVER names the address they reach it at.
     */
    public AppConfig listeningOn(int port) {
        return new AppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, standbyReplicas, threads,
                port, applicationServer != null ? applicationServer : "localhost:" + port, rocksDbCacheBytes,
                recordCacheBytes, commitIntervalMs, pollMs, sessionTimeoutMs, heartbeatIntervalMs, topicPartitions,
                topicReplication, settings);
    }

    /**
     * The Kafka Streams configuration: exactly-once, dead letters for records that cannot be read
     * or processed (the app keeps running), every internal resource explicitly named, RocksDB
     * memory bounded by one shared cache.
     *
     * <p>Throughput (BENCHMARKS.md, figure 1): the stores whose keys are few and written over and over
     * (sales buckets, report ledgers, stock levels) are cached
     * ({@value StreamsConfig#STATESTORE_CACHE_MAX_BYTES_CONFIG}, STREAMS_CACHE_MAX_BYTES), so that a
     * key written many times between two commits reaches RocksDB and its changelog once per commit.
     * The stores with a key per order are not: Kafka Streams' record cache keeps clean entries until
     * it is full and then makes the store being written evict (and flush) its own entries, so per-order
     * entries, which fill it for good, turned every write of a hot aggregate key into a changelog
     * record. {@value StreamsConfig#STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG} is off: the stores are not
     * transactional, and the check summed every store's uncommitted bytes on every loop. A task
     * with two inputs (commands and stock results, scans and registrations) processes what it has
     * instead of waiting for the other input's fetch ({@value StreamsConfig#MAX_TASK_IDLE_MS_CONFIG}
     * disabled): no processor here depends on the interleaving of its inputs by timestamp, since
     * an order's commands wait for its stock answer and a scan for its registration by design.
     *
     * <p>Latency (BENCHMARKS.md, figure 2): under exactly-once nothing the app writes is visible to
     * read_committed readers (the live stream, the next instance, a partner) before its transaction
     * commits, so the commit interval is most of an order's way from 202 to visible. It is 30 ms
     * (STREAMS_COMMIT_INTERVAL_MS) instead of Kafka Streams' 100 ms under exactly-once, and the
     * producer sends after {@value #PRODUCER_LINGER_MS} ms instead of Kafka Streams' 100 ms, so
     * that a commit finds its records already sent rather than sending them all and waiting. The
     * stream thread looks at a due commit only once its poll returns, and the poll waits up to
     * STREAMS_POLL_MS for input; Kafka Streams' 100 ms is kept: a shorter poll costs CPU both idle
     * and per order, and shortening it showed no latency difference above the host's noise
     * (BENCHMARKS.md, "Settings chosen by these measurements").
     *
     * <p>Failover: the classic rebalance protocol with a 10-s session timeout and 2-s heartbeats
     * ({@link #DEFAULT_SESSION_TIMEOUT_MS}, {@link #DEFAULT_HEARTBEAT_INTERVAL_MS}); the README
     * says what they cost and why not the streams protocol of KIP-1071.
     */
    /**
     * How every Kafka client of the app reaches the cluster: KAFKA_BOOTSTRAP_SERVERS and every other
     * {@code KAFKA_*} client setting (security.protocol, sasl.*, ssl.*; {@code _FILE} for secrets), see
     * {@link KafkaConnection}.
     */
    public Map<String, Object> kafkaClient() {
        return KafkaConnection.from(settings, bootstrapServers);
    }

    public Properties streamsProperties(String deadLetterTopic) {
        Properties props = new Properties();
        // the connection first (KAFKA_*: the cluster, its security); what follows holds whatever it says
        props.putAll(kafkaClient());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topicReplication);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        props.put(StreamsConfig.POLL_MS_CONFIG, (long) pollMs);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER_MS);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), PRODUCER_MAX_REQUEST_BYTES);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, recordCacheBytes);
        props.put(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, -1L);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RetryRegistryOutages.Deserialization.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                RetryRegistryOutages.Processing.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        props.put(BoundedRocksDbConfig.CACHE_BYTES_CONFIG, rocksDbCacheBytes);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionTimeoutMs);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), heartbeatIntervalMs);
        return props;
    }
}
