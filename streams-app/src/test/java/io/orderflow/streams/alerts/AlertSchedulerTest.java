package io.orderflow.streams.alerts;

import static io.orderflow.streams.analytics.OrderFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.InMemorySchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert scheduler as a task starts it, restored or revived: its due index is not logged, so it is built again
 * from the order states and the active alerts the task's stores hold, in place of whatever the local store had.
 */
class AlertSchedulerTest {

    private static final String STATES = "orders-store";
    private static final Instant START = Instant.parse("2026-11-22T00:00:00Z");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final MockProcessorContext<String, Alert> context = new MockProcessorContext<>();
    private KeyValueStore<String, OrderState> states;
    private KeyValueStore<String, Alert> active;
    private KeyValueStore<String, String> due;

    @BeforeEach
    void stores() {
        states = store(STATES, AvroSerde.specific(OrderState.class, registry, false));
        active = store(AlertTopology.ACTIVE_STORE, AvroSerde.specific(Alert.class, registry, false));
        due = store(AlertTopology.DUE_STORE, Serdes.String());
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private List<String> entries() {
        List<String> keys = new ArrayList<>();
        try (var all = due.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private List<String> punctuateAt(Instant now) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now.toEpochMilli());
        List<String> raised = context.forwarded().stream().map(f -> f.record().value())
                .filter(alert -> alert.getState() == AlertState.RAISED).map(Alert::getAlertId).toList();
        context.resetForwards();
        return raised;
    }

    @Test
    void shouldBuildTheDueIndexFromTheRestoredStatesAndRaisedAlertsWhenTheTaskStarts() {
        // restored: O-1 waiting for review; O-2 waiting too long, its stall already raised; O-3 done
        states.put("O-1", order("O-1", OrderStatus.PENDING_REVIEW, START).build());
        Instant longAgo = START.minus(Duration.ofHours(30));
        states.put("O-2", order("O-2", OrderStatus.PENDING_REVIEW, longAgo).build());
        active.put("STALLED:O-2", Alert.newBuilder().setAlertId("STALLED:O-2").setType(AlertType.STALLED)
                .setState(AlertState.RAISED).setOrderId("O-2").setOrderStatus(OrderStatus.PENDING_REVIEW)
                .setMessage("O-2 stalled").setDueAt(longAgo.plus(Duration.ofHours(24))).setAt(START).build());
        states.put("O-3", order("O-3", OrderStatus.COMPLETED, START).build());
        // what the local index held before: an entry of a change rolled back, an order gone since
        due.put(new DueKey(START.toEpochMilli(), "O-3", AlertType.STALLED).encode(), "O-3");
        due.put(new DueKey(START.toEpochMilli(), "O-9", AlertType.OVERDUE_DELIVERY).encode(), "O-9");
        AlertSettings settings = AlertSettings.fromEnv(Map.of(AlertSettings.PUNCTUATION_INTERVAL, "PT10S"));

        new AlertScheduler(settings, STATES).init(context);

        assertThat(entries()).as("O-1's stall; nothing for O-2, its stall raised, for the completed O-3 nor O-9")
                .containsExactly(new DueKey(START.plus(Duration.ofHours(24)).toEpochMilli(), "O-1",
                        AlertType.STALLED).encode());
        assertThat(punctuateAt(START.plusSeconds(10))).as("nothing raised twice").isEmpty();
        assertThat(punctuateAt(START.plus(Duration.ofHours(24)).plusSeconds(10))).containsExactly("STALLED:O-1");
        assertThat(entries()).isEmpty();
    }

    @Test
    void shouldBuildAnEmptyIndexForATaskWithNoOrders() {
        new AlertScheduler(AlertSettings.fromEnv(Map.of()), STATES).init(context);

        assertThat(entries()).isEmpty();
        assertThat(context.scheduledPunctuators()).hasSize(1);
    }
}
