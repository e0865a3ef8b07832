package io.orderflow.streams.tracking;

import io.orderflow.avro.HeldScans;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.TrackingScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns a scan into a command on its order, or holds it until the shipment is registered.
 * The command id is {@code scan:<carrier>:<partner event id>}, so a repeated partner event is
 * applied once by the order processor.
 */
final class TrackingRouter implements Processor<String, Object, String, OrderCommand> {

    /** A shipment's tracking key now belongs to this order. */
    record Registration(String orderId) {
    }

    private ProcessorContext<String, OrderCommand> context;
    private KeyValueStore<String, String> registry;
    private KeyValueStore<String, HeldScans> held;

    @Override
    public void init(ProcessorContext<String, OrderCommand> context) {
        this.context = context;
        this.registry = context.getStateStore(TrackingTopology.REGISTRY_STORE);
        this.held = context.getStateStore(TrackingTopology.HELD_SCANS_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.key() == null) {
            throw new IllegalArgumentException("tracking record without key; scans are keyed carrier:trackingNumber");
        }
        if (record.value() instanceof TrackingScan scan) {
            String orderId = registry.get(record.key());
            if (orderId == null) {
                HeldScans waiting = held.get(record.key());
                List<TrackingScan> scans = waiting == null ? new ArrayList<>() : waiting.getScans();
                scans.add(scan);
                held.put(record.key(), new HeldScans(scans));
            } else {
                context.forward(record.withKey(orderId).withValue(command(orderId, scan)));
            }
        } else if (record.value() instanceof Registration registration) {
            registry.put(record.key(), registration.orderId());
            HeldScans waiting = held.get(record.key());
            if (waiting != null) {
                held.delete(record.key());
                for (TrackingScan scan : waiting.getScans()) {
                    context.forward(record.withKey(registration.orderId())
                            .withValue(command(registration.orderId(), scan)));
                }
            }
        }
    }

    private static OrderCommand command(String orderId, TrackingScan scan) {
        return OrderCommand.newBuilder()
                .setCommandId("scan:" + scan.getCarrier() + ":" + scan.getEventId())
                .setOrderId(orderId)
                .setActor(scan.getActor())
                .setAt(scan.getAt())
                .setPayload(scan)
                .build();
    }
}
