package io.orderflow.gateway;

import static io.orderflow.api.Settings.bounded;
import static io.orderflow.api.Settings.oneOf;
import static io.orderflow.api.Settings.text;

import io.orderflow.api.ApiKeys;
import io.orderflow.api.KafkaConnection;
import io.orderflow.api.LogFormat;
import io.orderflow.api.RegistryConnection;
import io.orderflow.api.Settings;
import io.orderflow.api.TopicNames;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's settings, from the environment (a map, so tests pass their own).
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS        localhost:9092
 * SCHEMA_REGISTRY_URL            http://localhost:8081/apis/ccompat/v7
 * GATEWAY_PORT                   8080
 * QUERY_API_URL                  http://localhost:7070   (Location: &lt;QUERY_API_URL&gt;/v1/orders/{id})
 * GATEWAY_INSTANCE_ID            a random id per start   (names the instance in logs and the sequence topic)
 * GATEWAY_TIME_ZONE              Asia/Shanghai           (business date of orders and generated ids)
 * GATEWAY_API_KEYS_FILE          none                    (see ApiKeys for the format)
 * GATEWAY_API_KEYS               none                    (same lines, separated by ';')
 * GATEWAY_DEMO_KEYS              false                   (the documented demo-* keys: local trials only)
 * GATEWAY_WEBHOOK_SECRET_&lt;C&gt;     none                    (carrier C's webhook secret when its key line has none; or _FILE)
 * GATEWAY_DELIVERY_TIMEOUT_MS    10000                   (a write Kafka has not acknowledged by then is a 503)
 * GATEWAY_KAFKA_COMPRESSION      none                    (the producer's compression.type: none, gzip, snappy, lz4, zstd)
 * GATEWAY_KAFKA_LINGER_MS        5                       (the producer's linger.ms: how long a write waits for others)
 * GATEWAY_TOPIC_IDEMPOTENCY      gateway-idempotency     (compacted: first answers of keyed requests)
 * GATEWAY_TOPIC_ORDER_SEQUENCE   gateway-order-sequence  (one partition: order-id sequence blocks)
 * ORDERFLOW_TOPIC_&lt;NAME&gt;         the contract's topic names
 * ORDERFLOW_TOPIC_PARTITIONS     6
 * ORDERFLOW_TOPIC_REPLICATION    1
 * </pre>
 */
public record GatewayConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        int port,
        String queryApiUrl,
        String instanceId,
        ZoneId zone,
        String apiKeysFile,
        String apiKeys,
        boolean demoKeys,
        Duration deliveryTimeout,
        String compression,
        int lingerMs,
        String idempotencyTopic,
        String sequenceTopic,
        TopicNames topics,
        int partitions,
        short replication,
        Map<String, Object> kafkaClient,
        Map<String, String> registryAccess,
        Map<String, String> webhookSecrets) {

    public static GatewayConfig from(Map<String, String> env) {
        LogFormat.from(env); // logback has read it already (logback.xml); a value that is none stops the app here
        return new GatewayConfig(
                text(env, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                text(env, "SCHEMA_REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7"),
                bounded(env, "GATEWAY_PORT", 8080, 0, 65_535),
                text(env, "QUERY_API_URL", "http://localhost:7070"),
                text(env, "GATEWAY_INSTANCE_ID", "gateway-" + UUID.randomUUID().toString().substring(0, 8)),
                Settings.zone(env, "GATEWAY_TIME_ZONE", "Asia/Shanghai"),
                text(env, "GATEWAY_API_KEYS_FILE", null),
                text(env, "GATEWAY_API_KEYS", null),
                ApiKeys.demoKeysOn(env),
                Duration.ofMillis(bounded(env, "GATEWAY_DELIVERY_TIMEOUT_MS", 10_000, MIN_DELIVERY_TIMEOUT_MS, 600_000)),
                oneOf(env, "GATEWAY_KAFKA_COMPRESSION", DEFAULT_COMPRESSION, COMPRESSIONS),
                bounded(env, "GATEWAY_KAFKA_LINGER_MS", DEFAULT_LINGER_MS, 0, 1000),
                text(env, "GATEWAY_TOPIC_IDEMPOTENCY", "gateway-idempotency"),
                text(env, "GATEWAY_TOPIC_ORDER_SEQUENCE", "gateway-order-sequence"),
                TopicNames.from(env),
                bounded(env, "ORDERFLOW_TOPIC_PARTITIONS", 6, 1, 10_000),
                (short) bounded(env, "ORDERFLOW_TOPIC_REPLICATION", 1, 1, Short.MAX_VALUE),
                KafkaConnection.from(env, text(env, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")),
                RegistryConnection.from(env),
                ApiKeys.webhookSecrets(env));
    }

    /**
     * The keys the gateway serves with: the keys file, the inline keys, the demo keys when asked, partners' webhook
     * secrets from their lines or GATEWAY_WEBHOOK_SECRET_&lt;CARRIER&gt;(_FILE). No key at all, or a partner with no
     * webhook secret, stops the gateway at start with what to set.
     */
    public ApiKeys keys() {
        return ApiKeys.configured(apiKeysFile, apiKeys, demoKeys, webhookSecrets).requireWebhookSecrets();
    }

    /** Names the settings, never a secret's value (the Kafka and registry settings hold passwords). */
    @Override
    public String toString() {
        return "GatewayConfig[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", port=" + port + ", instanceId=" + instanceId + ", kafkaClient=" + kafkaClient.keySet()
                + ", registryAccess=" + registryAccess.keySet() + ", webhookSecrets=" + webhookSecrets.keySet() + "]";
    }

    /**
     * The gateway sends uncompressed by default: at the rates where latency matters each POST is a batch of its
     * own (a few hundred bytes), which lz4 cannot shrink, while Kafka's lz4 stream allocates two 64 KiB buffers
     * per batch: a large share of what the gateway allocates per POST, and more CPU per POST (BENCHMARKS.md,
     * figures 2 and 3). A gateway far from its brokers, sending big batches, may prefer lz4 or zstd.
     */
    private static final String DEFAULT_COMPRESSION = "none";

    private static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    /**
     * How long a write waits for others to share its request. 0 answers a lone POST a few ms sooner (each keyed
     * POST writes twice: the command, then its answer), but under load the smaller batches cost markedly more CPU
     * per POST, in the gateway and the broker alike (BENCHMARKS.md, figure 3).
     */
    private static final int DEFAULT_LINGER_MS = 5;

    /**
     * The producer's request timeout is half the delivery timeout, at least 1 s, and Kafka refuses a delivery timeout
     * below the request timeout plus the linger (up to 1 s): 2 s is the least that always starts.
     */
    private static final int MIN_DELIVERY_TIMEOUT_MS = 2000;
}
