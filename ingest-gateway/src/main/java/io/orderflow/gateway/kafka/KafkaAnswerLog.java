package io.orderflow.gateway.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.gateway.service.AnswerLog;
import io.orderflow.gateway.service.Idempotency;
import io.orderflow.gateway.service.StoredAnswer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First answers of idempotent requests on the compacted topic {@code gateway-idempotency} (key: the idempotency
 * key, value: the answer as JSON; gateway-internal, so not part of the Avro contract). Every instance tails the
 * whole topic into {@link Idempotency}: at startup up to the end before it reports ready, then continuously, so
 * an answer given by one instance is known to all, and survives restarts.
 */
public final class KafkaAnswerLog implements AnswerLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaAnswerLog.class);

    private final String topic;
    private final Producer<String, byte[]> producer;
    private final Consumer<String, byte[]> consumer;
    private final ObjectMapper json;
    private final Executor completions;
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread tailer;

    public KafkaAnswerLog(String topic, Producer<String, byte[]> producer, Map<String, Object> connection,
            ObjectMapper json, Executor completions) {
        this.topic = topic;
        this.completions = completions;
        this.producer = producer;
        this.json = json;
        Map<String, Object> config = new java.util.HashMap<>(connection);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Its consumer's metrics, for the gateway's registry ({@code kafka_consumer_*}). */
    Consumer<String, byte[]> consumer() {
        return consumer;
    }

    @Override
    public CompletableFuture<Void> save(String key, StoredAnswer answer) {
        CompletableFuture<Void> saved = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, json.writeValueAsBytes(answer)), (metadata, failure) -> {
                if (failure == null) {
                    completions.execute(() -> saved.complete(null));
                } else {
                    completions.execute(() -> saved.completeExceptionally(failure));
                }
            });
        } catch (IOException | RuntimeException e) {
            saved.completeExceptionally(e);
        }
        return saved;
    }

    /** Starts reading the topic into {@code idempotency}; {@link #loaded()} turns true once at the end. */
    public void start(Idempotency idempotency) {
        tailer = new Thread(() -> tail(idempotency), "gateway-idempotency-tailer");
        tailer.setDaemon(true);
        tailer.start();
    }

    public boolean loaded() {
        return loaded.get();
    }

    private void tail(Idempotency idempotency) {
        Map<TopicPartition, Long> end = null;
        try {
            while (running.get()) {
                try {
                    if (end == null) {
                        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                                .map(p -> new TopicPartition(p.topic(), p.partition()))
                                .toList();
                        if (partitions.isEmpty()) {
                            continue;
                        }
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                        end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        read(idempotency, record);
                    }
                    if (!loaded.get() && caughtUp(end)) {
                        log.info("Read back {} idempotent answers from {}", idempotency.size(), topic);
                        loaded.set(true);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Kafka unreachable or the topic not there yet: keep trying; until caught up the gateway is
                    // not ready and keyed requests are refused with 503.
                    log.warn("Cannot read {} yet: {}", topic, e.toString());
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void read(Idempotency idempotency, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        try {
            idempotency.remember(record.key(), json.readValue(record.value(), StoredAnswer.class));
        } catch (IOException e) {
            log.warn("Skipped an unreadable answer at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        if (tailer != null) {
            try {
                tailer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
