package io.orderflow.gateway.kafka;

import io.orderflow.contract.TopicName;
import io.orderflow.gateway.GatewayApp;
import io.orderflow.gateway.GatewayConfig;
import io.orderflow.gateway.GatewayServices;
import io.orderflow.gateway.service.ApiKeys;
import io.orderflow.gateway.service.CatalogService;
import io.orderflow.gateway.service.GatewayTopics;
import io.orderflow.gateway.service.Idempotency;
import io.orderflow.gateway.service.ImportService;
import io.orderflow.gateway.service.Metrics;
import io.orderflow.gateway.service.OrderService;
import io.orderflow.gateway.service.PartnerService;
import io.orderflow.gateway.service.Readiness;
import io.orderflow.serde.HttpSchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's runtime on Kafka: creates the topics it writes (idempotently), one idempotent producer shared by
 * every write, the idempotency answers read back, order-id blocks, and the readiness check.
 */
public final class KafkaBackbone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBackbone.class);
    private static final Duration READY_CACHE = Duration.ofSeconds(1);

    private final GatewayConfig config;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaEventLog eventLog;
    private final KafkaAnswerLog answerLog;
    private final GatewayServices services;
    private volatile long readyCheckedAt;
    private volatile String notReadyBecause = "not checked yet";

    private KafkaBackbone(GatewayConfig config, Clock clock) {
        this.config = config;
        Metrics metrics = new Metrics();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
        this.producer = KafkaEventLog.producer(KafkaEventLog.producerConfig(
                config.bootstrapServers(), config.instanceId(), config.deliveryTimeout()));
        this.eventLog = new KafkaEventLog(producer, metrics);
        this.answerLog = new KafkaAnswerLog(config.idempotencyTopic(), producer, config.bootstrapServers(),
                GatewayApp.json());
        Idempotency idempotency = new Idempotency(answerLog, answerLog::loaded);
        GatewayTopics topics = GatewayTopics.from(config.topics(),
                HttpSchemaRegistryClient.forUrls(config.schemaRegistryUrl()));
        KafkaOrderIds orderIds = new KafkaOrderIds(producer, config.sequenceTopic(), config.instanceId(),
                config.deliveryTimeout());
        OrderService orders = new OrderService(eventLog, topics, idempotency, orderIds, clock, config.zone(),
                config.queryApiUrl());
        metrics.gauge("orderflow_gateway_idempotency_keys", idempotency::size);
        this.services = new GatewayServices(
                ApiKeys.from(config.apiKeysFile(), config.apiKeys(), config.demoKeys()),
                orders,
                new PartnerService(eventLog, topics, idempotency),
                new CatalogService(eventLog, topics, idempotency, clock),
                new ImportService(orders, clock, config.zone(), ImportService.backgroundWriters()),
                readiness(),
                metrics);
        createTopics();
        answerLog.start(idempotency);
    }

    public static KafkaBackbone start(GatewayConfig config) {
        return new KafkaBackbone(config, Clock.systemUTC());
    }

    public static KafkaBackbone start(GatewayConfig config, Clock clock) {
        return new KafkaBackbone(config, clock);
    }

    public GatewayServices services() {
        return services;
    }

    private Readiness readiness() {
        return () -> {
            long now = System.nanoTime();
            if (now - readyCheckedAt > READY_CACHE.toNanos()) {
                notReadyBecause = check();
                readyCheckedAt = now;
            }
            return notReadyBecause;
        };
    }

    private String check() {
        try {
            admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | TimeoutException e) {
            return "Kafka is unreachable";
        }
        return answerLog.loaded() ? null : "reading back idempotency answers";
    }

    /** Creates the topics the gateway writes unless they exist; waits for Kafka as long as it takes. */
    private void createTopics() {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(topic(config.topics().name(TopicName.ORDER_COMMANDS), config.partitions(), Map.of()));
        topics.add(topic(config.topics().name(TopicName.TRACKING_SCANS), config.partitions(), Map.of()));
        topics.add(topic(config.topics().name(TopicName.STOCK_MOVEMENTS), config.partitions(), Map.of()));
        topics.add(topic(config.topics().name(TopicName.PRODUCTS), config.partitions(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(topic(config.idempotencyTopic(), config.partitions(),
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(topic(config.sequenceTopic(), 1,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()))));
        for (int attempt = 1; ; attempt++) {
            try {
                for (var result : admin.createTopics(topics).values().entrySet()) {
                    try {
                        result.getValue().get(30, TimeUnit.SECONDS);
                        log.info("Created topic {}", result.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("Cannot create topics yet (attempt {}): {}", attempt, e.toString());
                try {
                    Thread.sleep(Math.min(5000, 500L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topics", ie);
                }
            }
        }
    }

    private NewTopic topic(String name, int partitions, Map<String, String> configs) {
        return new NewTopic(name, partitions, config.replication()).configs(configs);
    }

    @Override
    public void close() {
        answerLog.close();
        eventLog.close();
        admin.close(Duration.ofSeconds(5));
    }
}
