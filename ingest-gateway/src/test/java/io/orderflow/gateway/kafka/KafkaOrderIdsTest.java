package io.orderflow.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.orderflow.gateway.service.GatewayException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaOrderIdsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    private final MockProducer<String, byte[]> sequenceTopic =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void shouldNumberOrdersOfTheDayInTheDocumentedForm() {
        KafkaOrderIds ids = new KafkaOrderIds(sequenceTopic, "gateway-order-sequence", "g-1", Duration.ofSeconds(1));

        assertThat(ids.next(DAY)).isEqualTo("20261122-000001");
        assertThat(ids.next(DAY)).isEqualTo("20261122-000002");
    }

    @Test
    void shouldPadTheDateAndTheNumberAsTheDocumentedFormDoes() {
        assertThat(KafkaOrderIds.id(java.time.LocalDate.of(2026, 3, 7), 42)).isEqualTo("20260307-000042");
        assertThat(KafkaOrderIds.id(java.time.LocalDate.of(2026, 11, 22), 123_456)).isEqualTo("20261122-123456");
        assertThat(KafkaOrderIds.id(java.time.LocalDate.of(2026, 12, 31), 12_345_678)).isEqualTo("20261231-12345678");
    }

    @Test
    void shouldNeverGiveTwoInstancesOrARestartTheSameId() {
        Set<String> seen = new HashSet<>();
        KafkaOrderIds first = new KafkaOrderIds(sequenceTopic, "gateway-order-sequence", "g-1", Duration.ofSeconds(1));
        KafkaOrderIds second = new KafkaOrderIds(sequenceTopic, "gateway-order-sequence", "g-2", Duration.ofSeconds(1));
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(first.next(DAY))).isTrue();
            assertThat(seen.add(second.next(DAY))).isTrue();
        }
        KafkaOrderIds restarted = new KafkaOrderIds(sequenceTopic, "gateway-order-sequence", "g-1", Duration.ofSeconds(1));
        for (int i = 0; i < 500; i++) {
            assertThat(seen.add(restarted.next(DAY))).isTrue();
        }
        assertThat(seen).hasSize(2500);
    }

    @Test
    void shouldAnswerUnavailableWithinTheTimeoutWhenKafkaCannotReserveABlock() {
        MockProducer<String, byte[]> down = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaOrderIds ids = new KafkaOrderIds(down, "gateway-order-sequence", "g-1", Duration.ofMillis(200));

        assertThrows(GatewayException.Unavailable.class, () -> ids.next(DAY));
    }
}
