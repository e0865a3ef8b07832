package io.orderflow.streams.tracking;

import static io.orderflow.streams.TombstoneException.unlessTombstone;

import io.orderflow.avro.HeldScans;
import io.orderflow.streams.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Routes carriers' scans to their orders. Reads {@code tracking-scans} and the order
 * processor's shipment registrations on {@code orderflow-tracking-registrations}, both keyed
 * {@code carrier:trackingNumber} (same partitioning, so a parcel's scans and its registration
 * meet in one task), and writes each scan as an {@code OrderCommand} to {@code order-commands},
 * keyed by the order id, where the lifecycle applies it like any other command (carrier check,
 * SHIPPED → IN_TRANSIT → DELIVERED, repeated partner events applied once).
 *
 * <p>Stores: {@code tracking-registry-store} (tracking key → order id) and
 * {@code held-scans-store} (tracking key → scans that came before their shipment was known;
 * they are forwarded, in arrival order, when the shipment is registered).
 */
public final class TrackingTopology {

    public static final String REGISTRY_STORE = "tracking-registry-store";
    public static final String HELD_SCANS_STORE = "held-scans-store";

    private TrackingTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGISTRY_STORE),
                Serdes.String(), Serdes.String()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_SCANS_STORE),
                Serdes.String(), topics.storeSerde(HeldScans.class)).withCachingDisabled());

        KStream<String, Object> scans = builder
                .stream(topics.trackingScans().name(),
                        Consumed.with(topics.trackingScans().keySerde(), topics.trackingScans().valueSerde())
                                .withName("tracking-scans-source"))
                .mapValues(scan -> (Object) unlessTombstone(scan, topics.trackingScans().name(), "a scan"),
                        Named.as("tracking-scans-as-input"));
        KStream<String, Object> registrations = builder
                .stream(topics.trackingRegistrations().name(),
                        Consumed.with(topics.trackingRegistrations().keySerde(),
                                topics.trackingRegistrations().valueSerde())
                                .withName("tracking-registrations-source"))
                .mapValues(orderId -> (Object) new TrackingRouter.Registration(orderId),
                        Named.as("tracking-registrations-as-input"));

        scans.merge(registrations, Named.as("tracking-inputs"))
                .process(TrackingRouter::new, Named.as("tracking-router"), REGISTRY_STORE, HELD_SCANS_STORE)
                .to(topics.orderCommands().name(),
                        Produced.with(topics.orderCommands().keySerde(), topics.orderCommands().valueSerde())
                                .withName("tracking-order-commands-sink"));
    }
}
