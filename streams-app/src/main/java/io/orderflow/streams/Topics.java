package io.orderflow.streams;

import io.orderflow.api.Settings;
import io.orderflow.api.TopicNames;
import io.orderflow.avro.Alert;
import io.orderflow.avro.CustomerExposure;
import io.orderflow.avro.CustomerRecord;
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
import io.orderflow.contract.TopicLayout;
import io.orderflow.contract.TopicName;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.serde.Topic;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic the app reads or writes, each declared once: its name, the serdes of its keys and values and how it
 * is made ({@link TopicLayout}: cleanup policy, partitions). Keys are plain strings; values Avro in Confluent's wire
 * format. The contract's topics are declared in {@link TopicName} and taken from there as they are; {@link TopicSetup}
 * creates {@link #all()} of them, and docker-compose.yml's topic-init must create the same (a test compares them).
 *
 * <p>Some topics are the app's own, not part of the contract, so they are declared here, each in one line of
 * {@link #from} (name overridable like the others, e.g. {@code ORDERFLOW_TOPIC_STOCK_BY_SKU}):
 * <ul>
 *   <li>{@code orderflow-stock-by-sku}: what orders ask of a SKU's stock (and the SKUs of each other along an
 *       order's chain), keyed by SKU, partitioned like {@code stock-movements} so a SKU's messages and movements
 *       meet in one task (see {@code StockTopology}); no topic has one partition;</li>
 *   <li>{@code orderflow-stock-answers}: the SKUs' answers, keyed by order id, partitioned like
 *       {@code order-commands} so each answer reaches the task that owns the order;</li>
 *   <li>{@code orderflow-tracking-registrations}: {@code carrier:trackingNumber -> order id} for each
 *       shipment, partitioned like {@code tracking-scans};</li>
 *   <li>{@code orderflow-catalog}: the catalog relayed for the global store, compacted and partitioned like
 *       {@code products};</li>
 *   <li>{@code orderflow-customers}: the customer records relayed (with their history) for the global store
 *       {@code customers-store}, compacted and partitioned like {@code customers};</li>
 *   <li>{@code orderflow-customer-exposure}: what each approved and unpaid order of a customer with a credit limit
 *       still owes, keyed {@code customerId/orderId}, compacted, read as the global store
 *       {@code customer-exposure-store} at approval.</li>
 * </ul>
 * They are ordinary topics rather than repartition topics because the flow order → SKU → order (and SKU → SKU)
 * is a cycle, which the DSL can only express through topics it reads back.
 *
 * <p>To add a topic of the app's own: a component here; its one declaration in {@link #from}, name, setting,
 * serdes and layout, e.g.
 * <pre>{@code
 * new Topic<>(Settings.text(settings, "ORDERFLOW_TOPIC_STOCK_HOLDS", "orderflow-stock-holds"), key,
 *         avro(StockHold.class, registry), TopicLayout.deleting().partitionedLike(names.name(TopicName.ORDER_COMMANDS)))
 * }</pre>
 * its entry in {@link #all()}, so that {@link TopicSetup} makes it; and its {@code create} line in
 * docker-compose.yml's topic-init. {@code TopicDeclarationTest} fails until the four agree.
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
        Topic<byte[], byte[]> deadLetterTopic,
        Topic<String, StockMessage> stockBySku,
        Topic<String, StockAnswer> stockAnswers,
        Topic<String, String> trackingRegistrations,
        Topic<String, Product> catalog,
        Topic<String, CustomerRecord> customers,
        Topic<String, CustomerRecord> customerDirectory,
        Topic<String, CustomerExposure> customerExposure,
        SchemaRegistryClient registry) {

    public static final String STOCK_BY_SKU_SETTING = "ORDERFLOW_TOPIC_STOCK_BY_SKU";
    public static final String STOCK_ANSWERS_SETTING = "ORDERFLOW_TOPIC_STOCK_ANSWERS";
    public static final String TRACKING_REGISTRATIONS_SETTING = "ORDERFLOW_TOPIC_TRACKING_REGISTRATIONS";
    public static final String CATALOG_SETTING = "ORDERFLOW_TOPIC_CATALOG";
    public static final String CUSTOMER_DIRECTORY_SETTING = "ORDERFLOW_TOPIC_CUSTOMER_DIRECTORY";
    public static final String CUSTOMER_EXPOSURE_SETTING = "ORDERFLOW_TOPIC_CUSTOMER_EXPOSURE";

    /** The topics named by {@code settings} (usually the environment), values read through {@code registry}. */
    public static Topics from(Map<String, String> settings, SchemaRegistryClient registry) {
        TopicNames names = TopicNames.from(settings);
        Serde<String> key = Serdes.String();
        return new Topics(
                contract(TopicName.ORDER_COMMANDS, names, registry),
                contract(TopicName.TRACKING_SCANS, names, registry),
                contract(TopicName.PRODUCTS, names, registry),
                contract(TopicName.STOCK_MOVEMENTS, names, registry),
                // an event embeds the state the order processor has just written to orders-store: its bytes are
                // copied, not encoded a second time (see orderStates()); the bytes written are the same
                contract(TopicName.ORDER_EVENTS, names, registry).withValueSerde(
                        AvroSerde.embedding(OrderEvent.class, OrderState.class, registry, false)),
                contract(TopicName.ORDER_REFUSALS, names, registry),
                contract(TopicName.PURCHASE_REQUESTS, names, registry),
                contract(TopicName.ALERTS, names, registry),
                contract(TopicName.SALES_LATE_RECORDS, names, registry),
                new Topic<>(names.name(TopicName.DEAD_LETTERS), Serdes.ByteArray(), Serdes.ByteArray(),
                        TopicName.DEAD_LETTERS.layout()),
                new Topic<>(Settings.text(settings, STOCK_BY_SKU_SETTING, "orderflow-stock-by-sku"),
                        key, avro(StockMessage.class, registry),
                        TopicLayout.deleting().partitionedLike(names.name(TopicName.STOCK_MOVEMENTS))),
                new Topic<>(Settings.text(settings, STOCK_ANSWERS_SETTING, "orderflow-stock-answers"),
                        key, avro(StockAnswer.class, registry),
                        TopicLayout.deleting().partitionedLike(names.name(TopicName.ORDER_COMMANDS))),
                new Topic<>(Settings.text(settings, TRACKING_REGISTRATIONS_SETTING, "orderflow-tracking-registrations"),
                        key, Serdes.String(),
                        TopicLayout.deleting().partitionedLike(names.name(TopicName.TRACKING_SCANS))),
                new Topic<>(Settings.text(settings, CATALOG_SETTING, "orderflow-catalog"),
                        key, avro(Product.class, registry),
                        TopicLayout.compacting().partitionedLike(names.name(TopicName.PRODUCTS))),
                contract(TopicName.CUSTOMERS, names, registry),
                new Topic<>(Settings.text(settings, CUSTOMER_DIRECTORY_SETTING, "orderflow-customers"),
                        key, avro(CustomerRecord.class, registry),
                        TopicLayout.compacting().partitionedLike(names.name(TopicName.CUSTOMERS))),
                new Topic<>(Settings.text(settings, CUSTOMER_EXPOSURE_SETTING, "orderflow-customer-exposure"),
                        key, avro(CustomerExposure.class, registry),
                        TopicLayout.compacting().partitionedLike(names.name(TopicName.ORDER_COMMANDS))),
                registry);
    }

    /** Every topic above, as {@link TopicSetup} creates them. */
    public List<Topic<?, ?>> all() {
        return List.of(orderCommands, trackingScans, products, stockMovements, orderEvents, orderRefusals,
                purchaseRequests, alerts, lateSales, deadLetterTopic, stockBySku, stockAnswers,
                trackingRegistrations, catalog, customers, customerDirectory, customerExposure);
    }

    /** The name of the dead-letter topic, where records that could not be read or processed go as read. */
    public String deadLetters() {
        return deadLetterTopic.name();
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

    private static <V extends SpecificRecord> Topic<String, V> contract(TopicName<V> topic, TopicNames names,
                                                                        SchemaRegistryClient registry) {
        return Topic.of(topic, names.name(topic), registry);
    }

    private static <T> Serde<T> avro(Class<T> type, SchemaRegistryClient registry) {
        return AvroSerde.specific(type, registry, false);
    }
}
