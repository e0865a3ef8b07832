package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.streams.analytics.OrderFixtures;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** An event that embeds the state just written to the store copies its bytes: they must be what encoding gives. */
class EmbeddedStateBytesTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Topics topics = Topics.from(java.util.Map.of(), registry);
    private final Serializer<OrderState> states = topics.orderStates().serializer();
    private final Serializer<OrderEvent> events = topics.orderEvents().valueSerde().serializer();
    private final Serializer<OrderEvent> plain = AvroSerde.specific(OrderEvent.class, registry, false).serializer();

    @Test
    void shouldWriteAnEventEmbeddingTheStateJustWrittenAsEncodingItWould() {
        OrderState state = state("O-1");
        states.serialize("orders-store-changelog", state);
        OrderEvent event = event(state);

        assertThat(events.serialize("order-events", event)).isEqualTo(plain.serialize("order-events", event));
    }

    @Test
    void shouldEncodeAStateThatIsNotTheOneJustWrittenEvenWhenEqual() {
        OrderState written = state("O-1");
        states.serialize("orders-store-changelog", written);
        OrderState other = OrderState.newBuilder(written).setNotes("changed").build();

        byte[] copied = events.serialize("order-events", event(other));

        assertThat(copied).isEqualTo(plain.serialize("order-events", event(other)));
        assertThat(copied).isNotEqualTo(plain.serialize("order-events", event(written)));
    }

    @Test
    void shouldCopyTheBytesOfTheStateWrittenSoThatTheyShowInTheEvent() {
        // the copy is really taken: a state changed in place after it was written (which the processor never does)
        // shows its bytes as written, not as the object is now
        OrderState state = state("O-2");
        states.serialize("orders-store-changelog", state);
        byte[] expected = plain.serialize("order-events", event(state("O-2")));
        state.setNotes("changed after it was written");

        assertThat(events.serialize("order-events", event(state))).isEqualTo(expected);
    }

    private static OrderState state(String orderId) {
        return OrderFixtures.order(orderId, OrderStatus.APPROVED, AT)
                .setLines(List.of(OrderFixtures.line("A", 2, "10.00"), OrderFixtures.line("B", 1, "5.50")))
                .build();
    }

    private static OrderEvent event(OrderState state) {
        return new OrderEvent(state.getOrderId() + "-1", state.getOrderId(), "c-1", "ApproveOrder",
                io.orderflow.streams.Commands.REVIEWER, AT, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, null, state);
    }
}
