package io.orderflow.gateway.service;

import io.orderflow.api.TopicNames;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.Product;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.TrackingScan;
import io.orderflow.contract.TopicName;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.serde.Topic;
import org.apache.kafka.common.serialization.Serdes;

/** The topics the gateway writes, each declared once with its serdes: keys are plain strings, values Avro. */
public record GatewayTopics(
        Topic<String, OrderCommand> orderCommands,
        Topic<String, TrackingScan> trackingScans,
        Topic<String, Product> products,
        Topic<String, StockMovement> stockMovements) {

    public static GatewayTopics from(TopicNames names, SchemaRegistryClient registry) {
        return new GatewayTopics(
                new Topic<>(names.name(TopicName.ORDER_COMMANDS), Serdes.String(),
                        AvroSerde.specific(OrderCommand.class, registry, false)),
                new Topic<>(names.name(TopicName.TRACKING_SCANS), Serdes.String(),
                        AvroSerde.specific(TrackingScan.class, registry, false)),
                new Topic<>(names.name(TopicName.PRODUCTS), Serdes.String(),
                        AvroSerde.specific(Product.class, registry, false)),
                new Topic<>(names.name(TopicName.STOCK_MOVEMENTS), Serdes.String(),
                        AvroSerde.specific(StockMovement.class, registry, false)));
    }
}
