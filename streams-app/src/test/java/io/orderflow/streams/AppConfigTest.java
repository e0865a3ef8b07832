package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void shouldFallBackToTheDocumentedDefaults() {
        AppConfig config = AppConfig.from(Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://localhost:8081/apis/ccompat/v7");
        assertThat(config.applicationId()).isEqualTo("orderflow-streams");
        assertThat(config.stateDir()).isEqualTo(Path.of(".orderflow/streams-state-7070"));
        assertThat(config.standbyReplicas()).isZero();
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.queryPort()).isEqualTo(7070);
        assertThat(config.applicationServer()).isEqualTo("localhost:7070");
        assertThat(config.rocksDbCacheBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(config.recordCacheBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(config.topicReplication()).isEqualTo((short) 1);
    }

    @Test
    void shouldTakeEverySettingFromTheEnvironment() {
        AppConfig config = AppConfig.from(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka:29092"),
                Map.entry("SCHEMA_REGISTRY_URL", "http://registry:8080/apis/ccompat/v7"),
                Map.entry("STREAMS_APPLICATION_ID", "orderflow-test"),
                Map.entry("ORDERFLOW_HOME", "/data"),
                Map.entry("QUERY_PORT", "7071"),
                Map.entry("STREAMS_NUM_STANDBY_REPLICAS", "1"),
                Map.entry("STREAMS_NUM_THREADS", "2"),
                Map.entry("ROCKSDB_CACHE_BYTES", "1048576"),
                Map.entry("STREAMS_CACHE_MAX_BYTES", "0"),
                Map.entry("STREAMS_SESSION_TIMEOUT_MS", "30000"),
                Map.entry("STREAMS_HEARTBEAT_INTERVAL_MS", "3000"),
                Map.entry("STREAMS_COMMIT_INTERVAL_MS", "250"),
                Map.entry("STREAMS_POLL_MS", "50"),
                Map.entry("ORDERFLOW_TOPIC_PARTITIONS", "12"),
                Map.entry("ORDERFLOW_TOPIC_REPLICATION", "3")));

        assertThat(config.stateDir()).isEqualTo(Path.of("/data/streams-state-7071"));
        assertThat(config.applicationServer()).isEqualTo("localhost:7071");
        Properties props = config.streamsProperties("dead");
        assertThat(props).containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:29092")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "orderflow-test")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(BoundedRocksDbConfig.CACHE_BYTES_CONFIG, 1_048_576L)
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L)
                .containsEntry("consumer.session.timeout.ms", 30000)
                .containsEntry("consumer.heartbeat.interval.ms", 3000)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 50L);
    }

    @Test
    void shouldRejectBadNumbersNamingTheSetting() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("STREAMS_POLL_MS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("STREAMS_POLL_MS must be between 1 and 1000, not '0'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("STREAMS_POLL_MS", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("STREAMS_POLL_MS must be a whole number, not 'ten'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("STREAMS_COMMIT_INTERVAL_MS", "30ms")))
                .hasMessage("STREAMS_COMMIT_INTERVAL_MS must be a whole number, not '30ms'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("ROCKSDB_CACHE_BYTES", "64MiB")))
                .hasMessage("ROCKSDB_CACHE_BYTES must be a whole number, not '64MiB'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("STREAMS_SESSION_TIMEOUT_MS", "10s")))
                .hasMessage("STREAMS_SESSION_TIMEOUT_MS must be a whole number, not '10s'");
        assertThatThrownBy(() -> AppConfig.from(Map.of("STREAMS_SESSION_TIMEOUT_MS", "6000",
                        "STREAMS_HEARTBEAT_INTERVAL_MS", "6000")))
                .hasMessage("STREAMS_HEARTBEAT_INTERVAL_MS (6000) must be below STREAMS_SESSION_TIMEOUT_MS (6000)");
    }

    @Test
    void shouldTakeQueryPortZeroAsAFreePortAndTellPeersThePortItGets() {
        AppConfig any = AppConfig.from(Map.of("QUERY_PORT", "0"));
        assertThat(any.queryPort()).isZero();

        AppConfig listening = any.listeningOn(41_234);
        assertThat(listening.queryPort()).isEqualTo(41_234);
        assertThat(listening.applicationServer()).isEqualTo("localhost:41234");
        assertThat(listening.streamsProperties("dead-letters").get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .isEqualTo("localhost:41234");
        assertThat(AppConfig.from(Map.of("QUERY_PORT", "0", "STREAMS_APPLICATION_SERVER", "streams-1:7070"))
                .listeningOn(41_234).applicationServer()).as("the address peers reach it at, as set")
                .isEqualTo("streams-1:7070");
    }

    @Test
    void shouldRefuseALogFormatThatIsNoneNamingTheSetting() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("LOG_FORMAT", "jsno")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOG_FORMAT must be one of json, text").hasMessageContaining("jsno");
        AppConfig.from(Map.of("LOG_FORMAT", "TEXT"));
    }

    @Test
    void shouldRefuseANumberOutOfItsRangeNamingTheSettingAndTheValue() {
        Map<String, String> outOfRange = Map.of(
                "QUERY_PORT", "70000",
                "STREAMS_NUM_STANDBY_REPLICAS", "-1",
                "STREAMS_NUM_THREADS", "0",
                "STREAMS_COMMIT_INTERVAL_MS", "-30",
                "ROCKSDB_CACHE_BYTES", "0",
                "STREAMS_CACHE_MAX_BYTES", "-1",
                "ORDERFLOW_TOPIC_PARTITIONS", "0");
        outOfRange.forEach((name, value) -> assertThatThrownBy(() -> AppConfig.from(Map.of(name, value)))
                .as(name).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(name + " must be ").hasMessageEndingWith(", not '" + value + "'"));
        assertThatThrownBy(() -> AppConfig.from(Map.of("ROCKSDB_CACHE_BYTES", "1048575")))
                .hasMessage("ROCKSDB_CACHE_BYTES must be at least 1048576, not '1048575'");
    }

    @Test
    void shouldTakeABlankSettingAsUnset() {
        AppConfig config = AppConfig.from(Map.of("QUERY_PORT", " ", "ROCKSDB_CACHE_BYTES", "",
                "STREAMS_NUM_THREADS", " ", "ORDERFLOW_TOPIC_PARTITIONS", ""));

        assertThat(config.queryPort()).isEqualTo(7070);
        assertThat(config.rocksDbCacheBytes()).isEqualTo(AppConfig.DEFAULT_ROCKSDB_CACHE_BYTES);
        assertThat(config.threads()).isEqualTo(1);
        assertThat(config.topicPartitions()).isEqualTo(6);
    }

    @Test
    void shouldHandACrashedInstancesTasksOnWithinTwelveSecondsByDefault() {
        Properties props = AppConfig.from(Map.of()).streamsProperties("dead-letters");

        // Evicted after the session timeout, noticed by the others at their next heartbeat.
        int sessionTimeout = (int) props.get("consumer.session.timeout.ms");
        int heartbeat = (int) props.get("consumer.heartbeat.interval.ms");
        assertThat(sessionTimeout).isEqualTo(10_000);
        assertThat(heartbeat).isEqualTo(2_000);
        assertThat(sessionTimeout + heartbeat).isLessThanOrEqualTo(12_000);
    }

    @Test
    void shouldRunExactlyOnceWithDeadLettersAndExplicitNames() {
        Properties props = AppConfig.from(Map.of()).streamsProperties("dead-letters");

        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dead-letters")
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 30)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 100L)
                .containsEntry("producer.linger.ms", 5)
                .containsEntry("producer.max.request.size", AppConfig.PRODUCER_MAX_REQUEST_BYTES)
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
    }

    @Test
    void shouldNameTopicsFromTheEnvironment() {
        Topics topics = Topics.from(Map.of("ORDERFLOW_TOPIC_ORDER_EVENTS", "acme-order-events",
                "ORDERFLOW_TOPIC_DEAD_LETTERS", "acme-dlq", Topics.STOCK_BY_SKU_SETTING, "acme-stock"),
                new io.orderflow.serde.InMemorySchemaRegistry());

        assertThat(topics.orderEvents().name()).isEqualTo("acme-order-events");
        assertThat(topics.deadLetters()).isEqualTo("acme-dlq");
        assertThat(topics.stockBySku().name()).isEqualTo("acme-stock");
        assertThat(topics.orderCommands().name()).isEqualTo("order-commands");
    }

    @Test
    void shouldTakeABlankTopicNameAsUnset() {
        Topics topics = Topics.from(Map.of("ORDERFLOW_TOPIC_ORDER_EVENTS", " ", Topics.CATALOG_SETTING, "",
                Topics.STOCK_ANSWERS_SETTING, " acme-results "), new io.orderflow.serde.InMemorySchemaRegistry());

        assertThat(topics.orderEvents().name()).isEqualTo("order-events");
        assertThat(topics.catalog().name()).isEqualTo("orderflow-catalog");
        assertThat(topics.stockAnswers().name()).isEqualTo("acme-results");
    }

    @Test
    void shouldConnectEveryClientAsTheKafkaVariablesSayButKeepExactlyOnce() {
        AppConfig config = AppConfig.from(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_PROCESSING_GUARANTEE", "at_least_once"));

        Properties props = config.streamsProperties("dead-letters");

        assertThat(props).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.kafkaClient()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "broker:9093");
    }
}
