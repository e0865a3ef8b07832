package io.orderflow.streams.alerts;

import io.orderflow.avro.Alert;
import io.orderflow.serde.Topic;
import java.util.Objects;

/**
 * The topic the alert topology writes.
 *
 * @param alerts alerts raised and cleared, keyed by alert id
 */
public record AlertTopics(Topic<String, Alert> alerts) {

    public AlertTopics {
        Objects.requireNonNull(alerts, "alerts");
    }
}
