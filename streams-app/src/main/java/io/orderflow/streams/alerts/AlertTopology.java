package io.orderflow.streams.alerts;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertType;
import io.orderflow.serde.Topic;
import io.orderflow.streams.order.OrderChange;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Overdue-delivery and stalled-order alerts ({@code docs/domain.md}, "Timeliness: alerts").
 *
 * <p>Reads the changes of orders (each order's state before and after), writes {@code alerts} (alert id &rarr;
 * Alert, RAISED once when due, CLEARED when the order's new state no longer has it due at that time). Alert ids
 * are {@code OVERDUE_DELIVERY:<order id>} and {@code STALLED:<order id>}. A wall-clock punctuation raises what
 * is due with or without traffic; it reads only the due entries of {@value #DUE_STORE}, so its cost does not
 * grow with the number of open orders. Dates already past (imported orders) fire at the next punctuation.
 *
 * <p>What is scheduled for an order is a pure function of its state ({@link AlertRules}), so the alerts keep no
 * copy of it: a change takes back the due entries of the state before it, and a due entry is raised only if the
 * order's current state, read from the store of the order states in the same task, still has it due then.
 *
 * <p>Stores (queryable by name):
 * <ul>
 *   <li>{@value #ACTIVE_STORE} (persistent, logged): alert id &rarr; Alert (Avro) for every alert that holds now;</li>
 *   <li>{@value #DUE_STORE} (persistent, not logged): {@code <due millis, 15 digits>|<order id>|<type>} &rarr;
 *       order id, the alerts scheduled and not yet raised, in due-time order. It is an index of the order states
 *       and the active alerts, both kept in the same task, so it is not written to Kafka: the scheduler builds it
 *       again from them whenever the task starts (after the states are restored: one pass over the task's order
 *       states, which is less than restoring them). On disk, not in the heap: its size follows the open orders.</li>
 * </ul>
 * Metric {@code due-entries-visited-total} (scope {@code alerts}): due-index entries read by punctuations.
 */
public final class AlertTopology {

    public static final String ACTIVE_STORE = "alerts-active-store";
    public static final String DUE_STORE = "alerts-due-store";

    private AlertTopology() {
    }

    /** The id of an alert in {@value #ACTIVE_STORE}: {@code <type>:<order id>}, kept in the order's partition. */
    public static String alertId(AlertType type, String orderId) {
        return AlertRules.alertId(type, orderId);
    }

    /**
     * Adds the alert topology on the changes of orders the caller already reads, in the task where
     * {@code statesStore} (order id &rarr; OrderState) holds each order's state after its latest change.
     */
    public static void build(KStream<String, OrderChange> changes, String statesStore, Topic<String, Alert> alerts,
                             AlertSettings settings) {
        Serde<Alert> alertSerde = alerts.valueSerde();
        changes.process(new Supplier(settings, statesStore, alertSerde), Named.as("alerts-scheduler"), statesStore)
                .to(alerts.name(), Produced.with(alerts.keySerde(), alertSerde).withName("alerts-sink"));
    }

    private record Supplier(AlertSettings settings, String statesStore, Serde<Alert> alertSerde)
            implements ProcessorSupplier<String, OrderChange, String, Alert> {

        @Override
        public Processor<String, OrderChange, String, Alert> get() {
            return new AlertScheduler(settings, statesStore);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(ACTIVE_STORE), Serdes.String(), alertSerde)
                            .withCachingDisabled(),
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(DUE_STORE), Serdes.String(), Serdes.String())
                            .withCachingDisabled().withLoggingDisabled());
        }
    }
}
