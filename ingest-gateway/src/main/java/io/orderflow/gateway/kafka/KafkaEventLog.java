package io.orderflow.gateway.kafka;

import io.orderflow.api.Problem;
import io.orderflow.gateway.api.FieldPath;
import io.orderflow.gateway.service.EventLog;
import io.orderflow.gateway.service.GatewayException;
import io.orderflow.gateway.service.Metrics;
import io.orderflow.gateway.service.Written;
import io.orderflow.serde.SchemaRegistryException;
import io.orderflow.serde.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to Kafka with acks=all and the idempotent producer: a future completes only once every in-sync replica
 * has the record, and fails (as {@link GatewayException.Unavailable}) when Kafka has not acknowledged it within the
 * delivery timeout. Throughput comes from batching (linger) and completion on the producer's callback, never
 * from answering early.
 */
public final class KafkaEventLog implements EventLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventLog.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private final Producer<String, byte[]> producer;
    private final Metrics metrics;
    /**
     * Answers are written off the producer's I/O thread (which must stay free to send) and off the common pool
     * (one thread on a two-core machine): a small pool of its own.
     */
    private final ExecutorService completions = Executors.newFixedThreadPool(
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), new ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable task) {
                    Thread thread = new Thread(task, "kafka-ack-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });

    public KafkaEventLog(Producer<String, byte[]> producer, Metrics metrics) {
        this.producer = producer;
        this.metrics = metrics;
    }

    /**
     * The producer settings: the connection's ({@code KAFKA_*}: the cluster, its security), then what the gateway
     * holds to whatever they say: nothing is acknowledged before all in-sync replicas have it.
     */
    public static Map<String, Object> producerConfig(Map<String, Object> connection, String clientId,
            Duration deliveryTimeout, String compression, int lingerMs) {
        int delivery = (int) deliveryTimeout.toMillis();
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, Math.min(5000, delivery / 2)));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, Math.min(5000, delivery / 2)));
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }

    public static KafkaProducer<String, byte[]> producer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Where callbacks hand over to, so that nothing runs on the producer's I/O thread. */
    public Executor completions() {
        return completions;
    }

    @Override
    public <V> CompletableFuture<Written> append(Topic<String, V> topic, String key, V value) {
        byte[] bytes;
        try {
            bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        } catch (SchemaRegistryException e) {
            metrics.write(topic.name(), false);
            return CompletableFuture.failedFuture(new GatewayException.Unavailable(
                    "the schema registry is unavailable; nothing was accepted", RETRY_AFTER_SECONDS, e));
        }
        CompletableFuture<Written> written = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, failure) -> {
                metrics.write(topic.name(), failure == null);
                if (failure == null) {
                    Written at = new Written(metadata.topic(), metadata.partition(), metadata.offset());
                    completions.execute(() -> written.complete(at));
                } else if (failure instanceof RecordTooLargeException) {
                    // what the services let through should never get here; if it does, it is the request, not Kafka
                    completions.execute(() -> written.completeExceptionally(new GatewayException.TooLarge(
                            "the request is too large to write", List.of(new Problem(FieldPath.ROOT,
                                    bytes.length + " bytes encoded: more than Kafka takes in one record")))));
                } else {
                    log.warn("Kafka did not acknowledge a record for {}: {}", topic.name(), failure.toString());
                    completions.execute(() -> written.completeExceptionally(unavailable(failure)));
                }
            });
        } catch (KafkaException e) {
            metrics.write(topic.name(), false);
            log.warn("Kafka refused a record for {}: {}", topic.name(), e.toString());
            written.completeExceptionally(unavailable(e));
        }
        return written;
    }

    private static GatewayException.Unavailable unavailable(Exception failure) {
        return new GatewayException.Unavailable("Kafka is unavailable; nothing was accepted", RETRY_AFTER_SECONDS, failure);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        completions.shutdown();
    }
}
