package io.orderflow.streams.analytics;

import io.orderflow.avro.LateSale;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.Product;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.serde.Topic;
import java.util.Objects;

/**
 * The topics the analytics topology reads and writes.
 *
 * @param orderEvents one event per accepted change of an order, keyed by order id (read)
 * @param products the product catalog, keyed by SKU (read as a global table, for categories)
 * @param lateSales sale deltas too late for their bucket, keyed by {@code <dimension>|<value>} (written)
 * @param registry where the stores' Avro value schemas are registered, as the topics' are
 */
public record AnalyticsTopics(
        Topic<String, OrderEvent> orderEvents, Topic<String, Product> products, Topic<String, LateSale> lateSales,
        SchemaRegistryClient registry) {

    /** Default name of the late-records topic. */
    public static final String LATE_SALES_TOPIC = "sales-late-records";

    public AnalyticsTopics {
        Objects.requireNonNull(orderEvents, "orderEvents");
        Objects.requireNonNull(products, "products");
        Objects.requireNonNull(lateSales, "lateSales");
        Objects.requireNonNull(registry, "registry");
    }
}
