package io.orderflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records on output topics, as raw bytes (no decoding, so that watching costs the apps
 * under measurement little CPU): an exactly-once app's output is visible when its transaction commits.
 */
final class OutputCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> counts = new HashMap<>();
    private long firstRecordNanos;

    OutputCounter(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            counts.put(topic, 0L);
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Polls until the topics together hold {@code expected} committed records or {@code timeout} passes;
     * returns the nanoTime at which the count was reached, or -1 on timeout.
     */
    long awaitTotal(long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                if (firstRecordNanos == 0) {
                    firstRecordNanos = System.nanoTime();
                }
                counts.merge(record.topic(), 1L, Long::sum);
            });
            if (total() >= expected) {
                return System.nanoTime();
            }
        }
        return -1;
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    long count(String topic) {
        return counts.getOrDefault(topic, 0L);
    }

    long firstRecordNanos() {
        return firstRecordNanos;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
