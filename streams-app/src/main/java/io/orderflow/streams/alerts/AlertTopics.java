package io.orderflow.streams.alerts;

import io.orderflow.avro.Alert;
import io.orderflow.avro.OrderState;
import io.orderflow.serde.Topic;
import java.util.Objects;

/**
 * The topics the alert topology reads and writes.
 *
 * @param orders the current state of every order, keyed by order id (read)
 * @param alerts alerts raised and cleared, keyed by alert id (written)
 */
public record AlertTopics(Topic<String, OrderState> orders, Topic<String, Alert> alerts) {

    public AlertTopics {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(alerts, "alerts");
    }
}
