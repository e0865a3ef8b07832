package io.orderflow.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaBrokerIT {

    @TempDir
    static Path dataDir;

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dataDir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldDeliverIdempotentAcksAllRecordsToAConsumer() throws Exception {
        broker.createTopics("plain");
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("plain", "o-1", "placed")).get();
            producer.send(new ProducerRecord<>("plain", "o-1", "approved")).get();
        }

        assertThat(readAll("plain", 2, "read_uncommitted"))
                .extracting(ConsumerRecord::value)
                .containsExactly("placed", "approved");
    }

    @Test
    void shouldTreatExistingTopicsAsCreated() throws Exception {
        broker.createTopics("twice");
        broker.createTopics("twice");

        try (Admin admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).contains("twice");
        }
    }

    @Test
    void shouldShowOnlyCommittedTransactionsToReadCommittedConsumers() throws Exception {
        broker.createTopics("transactional");
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "o-2", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "o-2", "committed"));
            producer.commitTransaction();
        }

        assertThat(readAll("transactional", 1, "read_committed"))
                .extracting(ConsumerRecord::value)
                .containsExactly("committed");
    }

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestart() throws Exception {
        broker.createTopics("survives-restart");
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("survives-restart", "o-3", "before")).get();
        }

        broker.restart();

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("survives-restart", "o-3", "after")).get();
        }
        assertThat(readAll("survives-restart", 2, "read_uncommitted"))
                .extracting(ConsumerRecord::value)
                .containsExactly("before", "after");
    }

    @Test
    void shouldReuseTheDataDirectoryWhenStartedAgain() throws Exception {
        broker.createTopics("survives-stop");
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("survives-stop", "o-4", "kept")).get();
        }
        String clusterId = clusterId();

        broker.stop();
        broker = KafkaBroker.start(broker.dataDir(), broker.port());

        assertThat(clusterId()).isEqualTo(clusterId);
        assertThat(readAll("survives-stop", 1, "read_uncommitted"))
                .extracting(ConsumerRecord::value)
                .containsExactly("kept");
    }

    private static String clusterId() throws Exception {
        try (Admin admin = broker.admin()) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    /** Reads the topic from the beginning until {@code expected} records arrived, or fails after 30 s. */
    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected, String isolation) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more poll shows that nothing beyond the expected records (an aborted one, say) is visible.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
