package io.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.gateway.kafka.KafkaEventLog;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void theProducerSendsUncompressedUnlessTold() {
        GatewayConfig config = GatewayConfig.from(Map.of());

        assertThat(config.compression()).isEqualTo("none");
        assertThat(KafkaEventLog.producerConfig(Map.of("bootstrap.servers", "b:9092"), "g", Duration.ofSeconds(10), config.compression(),
                config.lingerMs()))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void anotherCompressionIsTakenAsGiven() {
        GatewayConfig config = GatewayConfig.from(Map.of("GATEWAY_KAFKA_COMPRESSION", " LZ4 "));

        assertThat(config.compression()).isEqualTo("lz4");
        assertThat(KafkaEventLog.producerConfig(Map.of("bootstrap.servers", "b:9092"), "g", Duration.ofSeconds(10), config.compression(),
                config.lingerMs()))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void theProducerLingersAsToldWithinBounds() {
        assertThat(KafkaEventLog.producerConfig(Map.of("bootstrap.servers", "b:9092"), "g", Duration.ofSeconds(10), "none",
                GatewayConfig.from(Map.of()).lingerMs())).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
        assertThat(GatewayConfig.from(Map.of("GATEWAY_KAFKA_LINGER_MS", "0")).lingerMs()).isZero();
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("GATEWAY_KAFKA_LINGER_MS", "-1")))
                .hasMessageContaining("GATEWAY_KAFKA_LINGER_MS").hasMessageContaining("-1");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("GATEWAY_KAFKA_LINGER_MS", "soon")))
                .hasMessageContaining("GATEWAY_KAFKA_LINGER_MS").hasMessageContaining("soon");
    }

    @Test
    void anUnknownCompressionNamesTheVariableAndTheChoices() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("GATEWAY_KAFKA_COMPRESSION", "brotli")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_KAFKA_COMPRESSION")
                .hasMessageContaining("brotli")
                .hasMessageContaining("zstd");
    }

    @Test
    void everyNumberNamesItsVariableWhenItIsNotOne() {
        GatewayConfig defaults = GatewayConfig.from(Map.of());
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.deliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.partitions()).isEqualTo(6);
        assertThat(defaults.replication()).isEqualTo((short) 1);
        assertThat(GatewayConfig.from(Map.of("GATEWAY_DELIVERY_TIMEOUT_MS", " 6000 ")).deliveryTimeout())
                .isEqualTo(Duration.ofSeconds(6));

        Map<String, String> wrong = Map.of(
                "GATEWAY_PORT", "80a",
                "GATEWAY_DELIVERY_TIMEOUT_MS", "10s",
                "ORDERFLOW_TOPIC_PARTITIONS", "0",
                "ORDERFLOW_TOPIC_REPLICATION", "40000");
        wrong.forEach((name, value) -> assertThatThrownBy(() -> GatewayConfig.from(Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("'" + value + "'"));
    }

    @Test
    void anUnknownTimeZoneNamesTheVariableAndABlankOneIsUnset() {
        assertThat(GatewayConfig.from(Map.of("GATEWAY_TIME_ZONE", " ")).zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(GatewayConfig.from(Map.of("GATEWAY_TIME_ZONE", "Europe/Berlin")).zone())
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("GATEWAY_TIME_ZONE", "Mars/Olympus")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GATEWAY_TIME_ZONE must be a time zone id such as Asia/Shanghai, not 'Mars/Olympus'");
    }

    @Test
    void aDeliveryTimeoutTheProducerWouldRefuseIsRefusedHere() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("GATEWAY_DELIVERY_TIMEOUT_MS", "1500")))
                .hasMessageContaining("GATEWAY_DELIVERY_TIMEOUT_MS").hasMessageContaining("2000");

        GatewayConfig least = GatewayConfig.from(Map.of("GATEWAY_DELIVERY_TIMEOUT_MS", "2000",
                "GATEWAY_KAFKA_LINGER_MS", "1000"));
        KafkaEventLog.producer(KafkaEventLog.producerConfig(Map.of("bootstrap.servers", "localhost:1"), "g", least.deliveryTimeout(),
                least.compression(), least.lingerMs())).close(Duration.ZERO);
    }

    @Test
    void shouldRefuseALogFormatThatIsNoneNamingTheSetting() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("LOG_FORMAT", "txet")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOG_FORMAT must be one of json, text").hasMessageContaining("txet");
    }

    @Test
    void shouldLeaveTheDemoKeysOffUnlessAskedAndReadTheFlagAsTheOtherAppsDo() {
        assertThat(GatewayConfig.from(Map.of()).demoKeys()).isFalse();
        assertThat(GatewayConfig.from(Map.of("GATEWAY_DEMO_KEYS", "yes")).demoKeys()).isTrue();
        assertThat(GatewayConfig.from(Map.of("GATEWAY_DEMO_KEYS", "0")).demoKeys()).isFalse();
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("GATEWAY_DEMO_KEYS", "nein")))
                .hasMessageContaining("GATEWAY_DEMO_KEYS must be true or false");
    }

    @Test
    void shouldConnectAsTheKafkaVariablesSayButAcknowledgeOnlyWhatAllInSyncReplicasHave() {
        GatewayConfig config = GatewayConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_ACKS", "0", "KAFKA_ENABLE_IDEMPOTENCE", "false"));

        Map<String, Object> producer = KafkaEventLog.producerConfig(config.kafkaClient(), "g", Duration.ofSeconds(10),
                "none", 5);

        assertThat(producer).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SSL")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void shouldStartOnlyWhenEveryPartnerHasAWebhookSecretAndTakeItFromAFileVariable(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("sf-webhook"), "sf-s3cret\n");
        Map<String, String> env = Map.of("GATEWAY_API_KEYS", "sf-key SF logistics SF",
                "GATEWAY_WEBHOOK_SECRET_SF_FILE", secret.toString(),
                "KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"u\" password=\"kafka-s3cret\";");

        GatewayConfig config = GatewayConfig.from(env);

        assertThat(config.keys().principalOf("sf-key").orElseThrow().webhookSecret()).isEqualTo("sf-s3cret");
        assertThat(config.toString()).contains("SF").doesNotContain("sf-s3cret").doesNotContain("kafka-s3cret");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("GATEWAY_API_KEYS", "sf-key SF logistics SF")).keys())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_WEBHOOK_SECRET_SF_FILE");
    }
}
