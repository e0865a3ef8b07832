package io.orderflow.gateway.service;

import io.orderflow.api.TopicNames;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.Product;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.TrackingScan;
import io.orderflow.contract.TopicName;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.serde.Topic;
import java.util.List;

/**
 * The contract's topics the gateway writes, as the contract declares them ({@link TopicName}: value type, layout)
 * under the names in force.
 */
public record GatewayTopics(
        Topic<String, OrderCommand> orderCommands,
        Topic<String, TrackingScan> trackingScans,
        Topic<String, Product> products,
        Topic<String, StockMovement> stockMovements,
        Topic<String, CustomerRecord> customers) {

    public static GatewayTopics from(TopicNames names, SchemaRegistryClient registry) {
        return new GatewayTopics(
                Topic.of(TopicName.ORDER_COMMANDS, names.name(TopicName.ORDER_COMMANDS), registry),
                Topic.of(TopicName.TRACKING_SCANS, names.name(TopicName.TRACKING_SCANS), registry),
                Topic.of(TopicName.PRODUCTS, names.name(TopicName.PRODUCTS), registry),
                Topic.of(TopicName.STOCK_MOVEMENTS, names.name(TopicName.STOCK_MOVEMENTS), registry),
                Topic.of(TopicName.CUSTOMERS, names.name(TopicName.CUSTOMERS), registry));
    }

    /** Every topic above, as the gateway creates them. */
    public List<Topic<?, ?>> all() {
        return List.of(orderCommands, trackingScans, products, stockMovements, customers);
    }
}
