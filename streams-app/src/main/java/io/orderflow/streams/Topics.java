package io.orderflow.streams;

import io.orderflow.api.Settings;
import io.orderflow.api.TopicNames;
import io.orderflow.avro.Alert;
import io.orderflow.avro.LateSale;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Product;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockAnswer;
import io.orderflow.avro.StockMessage;
import io.orderflow.avro.TrackingScan;
import io.orderflow.contract.TopicName;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.serde.Topic;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic the app reads or writes, declared once with its serdes. Keys are plain strings;
 * values Avro in Confluent's wire format.
 *
 * <p>Some topics are the app's own, not part of the contract, so they are named here
 * (overridable like the others, e.g. {@code ORDERFLOW_TOPIC_STOCK_BY_SKU}):
 * <ul>
 *   <li>{@code orderflow-stock-by-sku}: what orders ask of a SKU's stock (and the SKUs of each
 *       other along an order's chain), keyed by SKU, partitioned like {@code stock-movements} so a
 *       SKU's messages and movements meet in one task (see {@code StockTopology});</li>
 *   <li>{@code orderflow-stock-answers}: the SKUs' answers, keyed by order id, partitioned like
 *       {@code order-commands} so each answer reaches the task that owns the order;</li>
 *   <li>{@code orderflow-tracking-registrations}: {@code carrier:trackingNumber -> order id} for each
 *       shipment, partitioned like {@code tracking-scans}.</li>
 * </ul>
 * They are ordinary topics rather than repartition topics because the flow order → SKU → order
 * (and SKU → SKU) is a cycle, which the DSL can only express through topics it reads back.
 *
 * <p>The registry travels along so that stores of internal Avro types get their serdes from it.
 */
public record Topics(
        Topic<String, OrderCommand> orderCommands,
        Topic<String, TrackingScan> trackingScans,
        Topic<String, Product> products,
        Topic<String, StockMovement> stockMovements,
        Topic<String, OrderEvent> orderEvents,
        Topic<String, Refusal> orderRefusals,
        Topic<String, PurchaseRequest> purchaseRequests,
        Topic<String, Alert> alerts,
        Topic<String, LateSale> lateSales,
        String deadLetters,
        Topic<String, StockMessage> stockBySku,
        Topic<String, StockAnswer> stockAnswers,
        Topic<String, String> trackingRegistrations,
        Topic<String, Product> catalog,
        SchemaRegistryClient registry) {

    public static final String STOCK_BY_SKU_SETTING = "ORDERFLOW_TOPIC_STOCK_BY_SKU";
    public static final String STOCK_ANSWERS_SETTING = "ORDERFLOW_TOPIC_STOCK_ANSWERS";
    public static final String TRACKING_REGISTRATIONS_SETTING = "ORDERFLOW_TOPIC_TRACKING_REGISTRATIONS";
    public static final String CATALOG_SETTING = "ORDERFLOW_TOPIC_CATALOG";

    /** The topics named by {@code settings} (usually the environment), values read through {@code registry}. */
    public static Topics from(Map<String, String> settings, SchemaRegistryClient registry) {
        TopicNames names = TopicNames.from(settings);
        Serde<String> key = Serdes.String();
        return new Topics(
                new Topic<>(names.name(TopicName.ORDER_COMMANDS), key, avro(OrderCommand.class, registry)),
                new Topic<>(names.name(TopicName.TRACKING_SCANS), key, avro(TrackingScan.class, registry)),
                new Topic<>(names.name(TopicName.PRODUCTS), key, avro(Product.class, registry)),
                new Topic<>(names.name(TopicName.STOCK_MOVEMENTS), key, avro(StockMovement.class, registry)),
                // an event embeds the state the order processor has just written to orders-store: its bytes are
                // copied, not encoded a second time (see orderStates())
                new Topic<>(names.name(TopicName.ORDER_EVENTS), key,
                        AvroSerde.embedding(OrderEvent.class, OrderState.class, registry, false)),
                new Topic<>(names.name(TopicName.ORDER_REFUSALS), key, avro(Refusal.class, registry)),
                new Topic<>(names.name(TopicName.PURCHASE_REQUESTS), key, avro(PurchaseRequest.class, registry)),
                new Topic<>(names.name(TopicName.ALERTS), key, avro(Alert.class, registry)),
                new Topic<>(names.name(TopicName.SALES_LATE_RECORDS), key, avro(LateSale.class, registry)),
                names.name(TopicName.DEAD_LETTERS),
                new Topic<>(Settings.text(settings, STOCK_BY_SKU_SETTING, "orderflow-stock-by-sku"), key,
                        avro(StockMessage.class, registry)),
                new Topic<>(Settings.text(settings, STOCK_ANSWERS_SETTING, "orderflow-stock-answers"), key,
                        avro(StockAnswer.class, registry)),
                new Topic<>(Settings.text(settings, TRACKING_REGISTRATIONS_SETTING, "orderflow-tracking-registrations"),
                        key, Serdes.String()),
                new Topic<>(Settings.text(settings, CATALOG_SETTING, "orderflow-catalog"), key,
                        avro(Product.class, registry)),
                registry);
    }

    /**
     * The serde of an order's state, as {@code orders-store} and its changelog hold it: the compacted topic of
     * every order's current state that consumers may read (see {@code OrderLifecycleTopology#statesTopic}).
     */
    public Serde<OrderState> orderStates() {
        return AvroSerde.keepingWritten(OrderState.class, registry, false);
    }

    /** A serde of an Avro value type for a store's changelog, through the same registry as the topics. */
    public <T> Serde<T> storeSerde(Class<T> type) {
        return avro(type, registry);
    }

    private static <T> Serde<T> avro(Class<T> type, SchemaRegistryClient registry) {
        return AvroSerde.specific(type, registry, false);
    }
}
