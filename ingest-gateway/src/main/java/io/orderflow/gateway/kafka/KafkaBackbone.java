package io.orderflow.gateway.kafka;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.orderflow.api.Json;
import io.orderflow.api.Monitoring;
import io.orderflow.contract.TopicLayout;
import io.orderflow.gateway.GatewayConfig;
import io.orderflow.gateway.GatewayServices;
import io.orderflow.gateway.service.CatalogService;
import io.orderflow.gateway.service.CustomerService;
import io.orderflow.gateway.service.GatewayTopics;
import io.orderflow.gateway.service.Idempotency;
import io.orderflow.gateway.service.ImportService;
import io.orderflow.gateway.service.Metrics;
import io.orderflow.gateway.service.OrderService;
import io.orderflow.gateway.service.PartnerService;
import io.orderflow.gateway.service.Readiness;
import io.orderflow.serde.HttpSchemaRegistryClient;
import io.orderflow.serde.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's runtime on Kafka: creates the topics it writes (idempotently), one idempotent producer shared by
 * every write, the idempotency answers read back, order-id blocks, and the readiness check. Its Kafka clients'
 * metrics (producer, consumer, admin) go to the gateway's registry through Micrometer's {@link KafkaClientMetrics}.
 */
public final class KafkaBackbone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBackbone.class);
    private static final Duration READY_CACHE = Duration.ofSeconds(1);

    private final GatewayConfig config;
    private final AdminClient admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaEventLog eventLog;
    private final KafkaAnswerLog answerLog;
    private final GatewayServices services;
    private final Idempotency idempotency;
    private final List<NewTopic> created;
    private final ScheduledExecutorService metricsRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gateway-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
    private volatile boolean topicsReady;
    private volatile boolean closed;
    private volatile long readyCheckedAt;
    private volatile String notReadyBecause = "not checked yet";

    private KafkaBackbone(GatewayConfig config, Clock clock) {
        this.config = config;
        Metrics metrics = new Metrics();
        Map<String, Object> adminConfig = new java.util.HashMap<>(config.kafkaClient());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.admin = AdminClient.create(adminConfig);
        this.producer = KafkaEventLog.producer(KafkaEventLog.producerConfig(
                config.kafkaClient(), config.instanceId(), config.deliveryTimeout(), config.compression(),
                config.lingerMs()));
        this.eventLog = new KafkaEventLog(producer, metrics);
        this.answerLog = new KafkaAnswerLog(config.idempotencyTopic(), producer, config.kafkaClient(),
                Json.mapper(), eventLog.completions());
        Idempotency idempotency = new Idempotency(answerLog, answerLog::loaded);
        GatewayTopics topics = GatewayTopics.from(config.topics(),
                HttpSchemaRegistryClient.forUrls(config.schemaRegistryUrl(), config.registryAccess()));
        this.created = created(config, topics);
        KafkaOrderIds orderIds = new KafkaOrderIds(producer, config.sequenceTopic(), config.instanceId(),
                config.deliveryTimeout());
        OrderService orders = new OrderService(eventLog, topics, idempotency, orderIds, clock, config.zone(),
                config.queryApiUrl());
        metrics.gauge("orderflow.gateway.idempotency.keys", "Idempotency keys remembered", idempotency::size);
        // The producer's own metrics (buffer-available-bytes, request-latency-avg, record-error-rate, batch-size-avg
        // and the rest) as kafka_producer_*, the consumer of the idempotency answers as kafka_consumer_*.
        clientMetrics.add(new KafkaClientMetrics(producer, Tags.empty(), metricsRefresh, Monitoring.KAFKA_REFRESH));
        clientMetrics.add(new KafkaClientMetrics(answerLog.consumer(), Tags.empty(), metricsRefresh,
                Monitoring.KAFKA_REFRESH));
        clientMetrics.add(new KafkaClientMetrics(admin, Tags.empty(), metricsRefresh, Monitoring.KAFKA_REFRESH));
        clientMetrics.forEach(metrics::bind);
        this.services = new GatewayServices(
                config.keys(),
                orders,
                new PartnerService(eventLog, topics, idempotency),
                new CatalogService(eventLog, topics, idempotency, clock),
                new CustomerService(eventLog, topics, idempotency, clock),
                new ImportService(orders, clock, config.zone(), ImportService.backgroundWriters()),
                readiness(),
                metrics);
        this.idempotency = idempotency;
    }

    /**
     * Builds the clients and, in the background, creates the topics and reads back the idempotency answers: the
     * HTTP side can start at once, live but not ready until Kafka is there.
     */
    public static KafkaBackbone start(GatewayConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static KafkaBackbone start(GatewayConfig config, Clock clock) {
        KafkaBackbone backbone = new KafkaBackbone(config, clock);
        Thread connect = new Thread(backbone::connect, "gateway-connect");
        connect.setDaemon(true);
        connect.start();
        return backbone;
    }

    private void connect() {
        if (createTopics()) {
            topicsReady = true;
            answerLog.start(idempotency);
        }
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
        if (!topicsReady) {
            return "creating topics";
        }
        return answerLog.loaded() ? null : "reading back idempotency answers";
    }

    /**
     * The topics the gateway writes: the contract's as declared, and its own two, the idempotency answers (JSON,
     * compacted: the first answer per key) and the order-id blocks (one partition: one sequence; a week's worth).
     */
    private static List<NewTopic> created(GatewayConfig config, GatewayTopics contract) {
        List<Topic<?, ?>> topics = new ArrayList<>(contract.all());
        topics.add(new Topic<>(config.idempotencyTopic(), Serdes.String(), Serdes.ByteArray(),
                TopicLayout.compacting()));
        topics.add(new Topic<>(config.sequenceTopic(), Serdes.String(), Serdes.ByteArray(),
                TopicLayout.deleting().partitions(1)
                        .with(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()))));
        return topics.stream().map(topic -> topic.newTopic(config.partitions(), config.replication(), other -> {
            throw new IllegalStateException("no topic of the gateway's is partitioned like another: " + other);
        })).toList();
    }

    /** Creates the topics the gateway writes unless they exist; waits for Kafka as long as it takes. */
    private boolean createTopics() {
        for (int attempt = 1; !closed; attempt++) {
            try {
                for (var result : admin.createTopics(created).values().entrySet()) {
                    try {
                        result.getValue().get(30, TimeUnit.SECONDS);
                        log.info("Created topic {}", result.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("Cannot create topics yet (attempt {}): {}", attempt, e.toString());
                try {
                    // Back off between attempts while Kafka is unreachable; this runs on the background
                    // setup thread, never on a request thread, and readiness stays false meanwhile.
                    Thread.sleep(Math.min(5000, 500L * attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        clientMetrics.forEach(KafkaClientMetrics::close);
        metricsRefresh.shutdownNow();
        answerLog.close();
        eventLog.close();
        admin.close(Duration.ofSeconds(5));
    }
}
