package io.orderflow.streams.query.live;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.orderflow.avro.Alert;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.Refusal;
import io.orderflow.serde.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code order-events}, {@code alerts} and {@code order-refusals} from their ends (every partition, no consumer
 * group: each instance tells its own clients about every change, read committed) and publishes
 * them to a {@link ChangeFeed}. One daemon thread; {@link #close} stops it. Its consumer's metrics go to
 * {@link Metrics} while it runs.
 */
public final class KafkaChangeSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaChangeSource.class);

    private final Properties props = new Properties();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, OrderEvent> events;
    private final Topic<String, Alert> alerts;
    private final Topic<String, Refusal> refusals;
    private final ChangeFeed feed;
    private final Thread thread;
    private final Metrics metrics;
    private volatile boolean running = true;

    public KafkaChangeSource(Map<String, Object> connection, Topic<String, OrderEvent> events,
                             Topic<String, Alert> alerts, Topic<String, Refusal> refusals, ChangeFeed feed,
                             Metrics metrics) {
        props.putAll(connection);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "orderflow-live-stream");
        this.events = events;
        this.alerts = alerts;
        this.refusals = refusals;
        this.feed = feed;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "orderflow-live-stream");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.consumer = consumer;
        KafkaClientMetrics consumerMetrics = metrics.bind(consumer);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                for (String topic : List.of(events.name(), alerts.name(), refusals.name())) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null) {
                        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                    }
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    publish(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("the live stream's consumer stopped", e);
        } finally {
            consumerMetrics.close();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void publish(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(events.name())) {
                feed.publish(new Change.OrderChanged(
                        events.valueSerde().deserializer().deserialize(record.topic(), record.value())));
            } else if (record.topic().equals(refusals.name())) {
                feed.publish(new Change.CommandRefused(
                        refusals.valueSerde().deserializer().deserialize(record.topic(), record.value())));
            } else {
                feed.publish(new Change.AlertChanged(
                        alerts.valueSerde().deserializer().deserialize(record.topic(), record.value())));
            }
        } catch (RuntimeException e) {
            log.warn("skipping an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread.isAlive()) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
