package io.orderflow.streams.order;

import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockMessage;

/**
 * What the order processor writes, one type per destination; {@link OrderLifecycleTopology} routes each to its sink
 * by its type.
 */
public sealed interface OrderOutput {

    /** What is written (or handed on in the task). */
    Object value();

    /** The order's state before and after an accepted change, for the processors in the order's own task. */
    record Change(OrderChange value) implements OrderOutput {
    }

    /** An accepted change, to {@code order-events}. */
    record Event(OrderEvent value) implements OrderOutput {
    }

    /** A refused command, to {@code order-refusals}. */
    record Refused(Refusal value) implements OrderOutput {
    }

    /** A message of the order's claim on stock to one of its SKUs, to {@code orderflow-stock-by-sku}. */
    record ToSku(StockMessage value) implements OrderOutput {
    }

    /** A shipment's parcel (the record's key, {@code carrier:trackingNumber}) registered for order {@code value}. */
    record TrackingRegistration(String value) implements OrderOutput {
    }
}
