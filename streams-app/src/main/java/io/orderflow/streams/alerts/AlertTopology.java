package io.orderflow.streams.alerts;

import io.orderflow.avro.AlertType;

import io.orderflow.avro.Alert;
import io.orderflow.avro.OrderState;
import io.orderflow.streams.analytics.JsonSerde;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Overdue-delivery and stalled-order alerts (DOMAIN.md "Timeliness").
 *
 * <p>Reads order states (order id &rarr; OrderState, as written to {@code orders}), writes {@code alerts} (alert id &rarr; Alert,
 * RAISED once when due, CLEARED when the order's new state no longer has it due at that time).
 * Alert ids are {@code OVERDUE_DELIVERY:<order id>} and {@code STALLED:<order id>}. A wall-clock
 * punctuation raises what is due with or without traffic; it reads only the due entries of
 * {@value #DUE_STORE}, so its cost does not grow with the number of open orders. Dates already
 * past (imported orders) fire at the next punctuation.
 *
 * <p>Stores (persistent, logged, all queryable by name):
 * <ul>
 *   <li>{@value #ACTIVE_STORE}: alert id &rarr; Alert (Avro) for every alert that holds now;</li>
 *   <li>{@value #DUE_STORE}: {@code <due millis, 15 digits>|<order id>|<type>} &rarr; order id,
 *       the alerts scheduled and not yet raised, in due-time order;</li>
 *   <li>{@value #SCHEDULE_STORE}: order id &rarr; {@link ScheduledAlerts} (JSON), what is scheduled per order.</li>
 * </ul>
 * Metric {@code due-entries-visited-total} (scope {@code alerts}): due-index entries read by punctuations.
 */
public final class AlertTopology {

    public static final String ACTIVE_STORE = "alerts-active-store";
    public static final String DUE_STORE = "alerts-due-store";
    public static final String SCHEDULE_STORE = "alerts-schedule-store";

    private AlertTopology() {
    }

    /** The id of an alert in {@value #ACTIVE_STORE}: {@code <type>:<order id>}, kept in the order's partition. */
    public static String alertId(AlertType type, String orderId) {
        return AlertRules.alertId(type, orderId);
    }

    /** Adds the alert topology, reading {@code topics.orders()} as its own source. */
    public static void build(StreamsBuilder builder, AlertTopics topics, AlertSettings settings) {
        KStream<String, OrderState> orders = builder.stream(
                topics.orders().name(),
                Consumed.with(topics.orders().keySerde(), topics.orders().valueSerde())
                        .withName("alerts-orders-source"));
        build(orders, topics, settings);
    }

    /** Adds the alert topology on a stream of order states the caller already reads (one source per topic). */
    public static void build(KStream<String, OrderState> orders, AlertTopics topics, AlertSettings settings) {
        Serde<Alert> alertSerde = topics.alerts().valueSerde();
        orders.process(new Supplier(settings, alertSerde), Named.as("alerts-scheduler"))
                .to(topics.alerts().name(),
                        Produced.with(topics.alerts().keySerde(), alertSerde).withName("alerts-sink"));
    }

    private record Supplier(AlertSettings settings, Serde<Alert> alertSerde)
            implements ProcessorSupplier<String, OrderState, String, Alert> {

        @Override
        public Processor<String, OrderState, String, Alert> get() {
            return new AlertScheduler(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(ACTIVE_STORE), Serdes.String(), alertSerde)
                            .withCachingEnabled(),
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(DUE_STORE), Serdes.String(), Serdes.String())
                            .withCachingEnabled(),
                    Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(SCHEDULE_STORE),
                            Serdes.String(), JsonSerde.of(ScheduledAlerts.class)).withCachingEnabled());
        }
    }
}
