package io.orderflow.contract;

import io.orderflow.avro.Alert;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.LateSale;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.Product;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.TrackingScan;
import java.util.List;
import java.util.Objects;

/**
 * The topics of the contract, each declared once: its default name, the type of its values and how it is made
 * ({@link TopicLayout}: cleanup policy, partitions). Keys are plain UTF-8 strings. The apps' typed topics
 * ({@code io.orderflow.serde.Topic#of}) and their topic creation follow it, and so does docker-compose.yml's
 * topic-init (a test compares them). The names in force come from {@code io.orderflow.api.TopicNames} (api-common),
 * so that an installation can prefix or rename them.
 *
 * <p>A typed constant rather than an enum, so that the value type travels with the topic into the serdes (an enum
 * cannot be generic); {@link #values()} lists them all.
 *
 * @param <V> the type of the topic's values
 */
public final class TopicName<V> {

    /** Every command on an order, keyed by order id: from the gateway and straight from platforms. */
    public static final TopicName<OrderCommand> ORDER_COMMANDS =
            new TopicName<>("ORDER_COMMANDS", "order-commands", OrderCommand.class, TopicLayout.deleting());
    /** Logistics partners' tracking scans, keyed by carrier and tracking number. */
    public static final TopicName<TrackingScan> TRACKING_SCANS =
            new TopicName<>("TRACKING_SCANS", "tracking-scans", TrackingScan.class, TopicLayout.deleting());
    /** The product catalog, keyed by SKU, compacted: a product's latest version, a tombstone deletes it. */
    public static final TopicName<Product> PRODUCTS =
            new TopicName<>("PRODUCTS", "products", Product.class, TopicLayout.compacting());
    /** The customers as data, keyed by customer id, compacted: a record's latest version, a tombstone deletes it. */
    public static final TopicName<CustomerRecord> CUSTOMERS =
            new TopicName<>("CUSTOMERS", "customers", CustomerRecord.class, TopicLayout.compacting());
    /** Goods receipts and stocktake adjustments, keyed by SKU. */
    public static final TopicName<StockMovement> STOCK_MOVEMENTS =
            new TopicName<>("STOCK_MOVEMENTS", "stock-movements", StockMovement.class, TopicLayout.deleting());
    /** One event per accepted change of an order, keyed by order id. */
    public static final TopicName<OrderEvent> ORDER_EVENTS =
            new TopicName<>("ORDER_EVENTS", "order-events", OrderEvent.class, TopicLayout.deleting());
    /** One refusal per refused command, keyed by order id. */
    public static final TopicName<Refusal> ORDER_REFUSALS =
            new TopicName<>("ORDER_REFUSALS", "order-refusals", Refusal.class, TopicLayout.deleting());
    /** Purchase requests for short stock, keyed by SKU. */
    public static final TopicName<PurchaseRequest> PURCHASE_REQUESTS =
            new TopicName<>("PURCHASE_REQUESTS", "purchase-requests", PurchaseRequest.class, TopicLayout.deleting());
    /**
     * Alerts raised and cleared, keyed by alert id. Not compacted: a raise and its clearing are both events a
     * consumer acts on, and compaction could leave a slow one only the clearing.
     */
    public static final TopicName<Alert> ALERTS =
            new TopicName<>("ALERTS", "alerts", Alert.class, TopicLayout.deleting());
    /** Sales records too late for their time window: counted and published, never dropped. */
    public static final TopicName<LateSale> SALES_LATE_RECORDS =
            new TopicName<>("SALES_LATE_RECORDS", "sales-late-records", LateSale.class, TopicLayout.deleting());
    /** Records that could not be read or processed, as read (raw bytes), with the reason in headers. */
    public static final TopicName<byte[]> DEAD_LETTERS =
            new TopicName<>("DEAD_LETTERS", "dead-letters", byte[].class, TopicLayout.deleting());

    private static final List<TopicName<?>> VALUES = List.of(ORDER_COMMANDS, TRACKING_SCANS, PRODUCTS,
            CUSTOMERS, STOCK_MOVEMENTS, ORDER_EVENTS, ORDER_REFUSALS, PURCHASE_REQUESTS, ALERTS, SALES_LATE_RECORDS, DEAD_LETTERS);

    private final String name;
    private final String defaultName;
    private final Class<V> valueType;
    private final TopicLayout layout;

    private TopicName(String name, String defaultName, Class<V> valueType, TopicLayout layout) {
        this.name = name;
        this.defaultName = defaultName;
        this.valueType = Objects.requireNonNull(valueType, "valueType");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** Every topic of the contract, in the order above. */
    public static List<TopicName<?>> values() {
        return VALUES;
    }

    /** The constant's name, e.g. {@code ORDER_COMMANDS}. */
    public String name() {
        return name;
    }

    public String defaultName() {
        return defaultName;
    }

    /** The setting that overrides the name, e.g. {@code ORDERFLOW_TOPIC_ORDER_COMMANDS}. */
    public String setting() {
        return "ORDERFLOW_TOPIC_" + name;
    }

    /** The type of its values: a generated Avro record, or {@code byte[]} for records kept as read. */
    public Class<V> valueType() {
        return valueType;
    }

    public TopicLayout layout() {
        return layout;
    }

    @Override
    public String toString() {
        return name;
    }
}
