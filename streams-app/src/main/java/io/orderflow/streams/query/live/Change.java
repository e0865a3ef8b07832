package io.orderflow.streams.query.live;

import io.orderflow.avro.Alert;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.Refusal;

/** A change the live stream tells about: an order event, an alert raised or cleared, or a command refused. */
public sealed interface Change {

    record OrderChanged(OrderEvent event) implements Change {
    }

    record AlertChanged(Alert alert) implements Change {
    }

    /** A command the streams app refused ({@code order-refusals}): the order stayed as it was. */
    record CommandRefused(Refusal refusal) implements Change {
    }
}
