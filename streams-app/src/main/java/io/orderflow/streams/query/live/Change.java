package io.orderflow.streams.query.live;

import io.orderflow.avro.Alert;
import io.orderflow.avro.OrderEvent;

/** A change the live stream tells about: an order event or an alert raised or cleared. */
public sealed interface Change {

    record OrderChanged(OrderEvent event) implements Change {
    }

    record AlertChanged(Alert alert) implements Change {
    }
}
