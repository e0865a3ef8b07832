package io.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.gateway.kafka.KafkaEventLog;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void theProducerSendsUncompressedUnlessTold() {
        GatewayConfig config = GatewayConfig.from(Map.of());

        assertThat(config.compression()).isEqualTo("none");
        assertThat(KafkaEventLog.producerConfig("b:9092", "g", Duration.ofSeconds(10), config.compression(),
                config.lingerMs()))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    @Test
    void anotherCompressionIsTakenAsGiven() {
        GatewayConfig config = GatewayConfig.from(Map.of("GATEWAY_KAFKA_COMPRESSION", " LZ4 "));

        assertThat(config.compression()).isEqualTo("lz4");
        assertThat(KafkaEventLog.producerConfig("b:9092", "g", Duration.ofSeconds(10), config.compression(),
                config.lingerMs()))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void theProducerLingersAsToldWithinBounds() {
        assertThat(KafkaEventLog.producerConfig("b:9092", "g", Duration.ofSeconds(10), "none",
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
}
