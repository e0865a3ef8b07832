package io.orderflow.streams;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.CustomerExposure;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Product;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockMark;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.avro.StockReservation;
import io.orderflow.avro.StockWaiter;
import io.orderflow.avro.TrackingScan;
import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.serde.Topic;
import io.orderflow.streams.customer.CustomerTopology;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.stock.StockTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole topology on a {@link TopologyTestDriver}, with the app's own Streams settings
 * (exactly-once, dead letters, explicit naming), an in-memory schema registry and given time:
 * every input is stamped one minute after the previous one.
 */
public final class Pipeline implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    public final Topics topics;
    private final String statesTopic;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, OrderCommand> commands;
    public final TestInputTopic<String, TrackingScan> scans;
    public final TestInputTopic<String, Product> products;
    public final TestInputTopic<String, StockMovement> movements;
    public final TestInputTopic<String, CustomerRecord> customers;
    public final TestInputTopic<byte[], byte[]> rawCommands;
    public final TestInputTopic<byte[], byte[]> rawScans;
    public final TestInputTopic<byte[], byte[]> rawProducts;
    public final TestInputTopic<byte[], byte[]> rawMovements;
    /** Every order's state as it changes: the orders' states topic, {@code orders-store}'s changelog. */
    public final TestOutputTopic<String, OrderState> orders;
    public final TestOutputTopic<String, OrderEvent> events;
    public final TestOutputTopic<String, Refusal> refusals;
    public final TestOutputTopic<String, PurchaseRequest> purchaseRequests;
    public final TestOutputTopic<String, Alert> alerts;
    public final TestOutputTopic<byte[], byte[]> deadLetters;

    private Instant now = T0;
    private int sequence;

    public Pipeline(Path stateDir) {
        this(stateDir, Map.of());
    }

    /** With the app's settings (environment names, e.g. {@code ORDERS_REFUND_FOUR_EYES_ABOVE}) for the topology. */
    public Pipeline(Path stateDir, Map<String, String> settings) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        topics = Topics.from(Map.of(), registry);
        Properties props = AppConfig.from(Map.of("STREAMS_STATE_DIR", stateDir.toString()))
                .streamsProperties(topics.deadLetters());
        driver = new TopologyTestDriver(OrderflowTopology.build(topics, settings), props, T0);
        commands = input(topics.orderCommands());
        scans = input(topics.trackingScans());
        products = input(topics.products());
        movements = input(topics.stockMovements());
        customers = input(topics.customers());
        rawCommands = raw(topics.orderCommands().name());
        rawScans = raw(topics.trackingScans().name());
        rawProducts = raw(topics.products().name());
        rawMovements = raw(topics.stockMovements().name());
        statesTopic = OrderLifecycleTopology.statesTopic(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        orders = driver.createOutputTopic(statesTopic, new StringDeserializer(), topics.orderStates().deserializer());
        events = output(topics.orderEvents());
        refusals = output(topics.orderRefusals());
        purchaseRequests = output(topics.purchaseRequests());
        alerts = output(topics.alerts());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The name of the orders' states topic under this pipeline's application id. */
    public String statesTopic() {
        return statesTopic;
    }

    public Instant now() {
        return now;
    }

    private Instant tick() {
        now = now.plus(Duration.ofMinutes(1));
        return now;
    }

    public void product(String sku, int reorderPoint) {
        product(sku, reorderPoint, LineKind.GOODS);
    }

    public void product(String sku, int reorderPoint, LineKind kind) {
        Instant at = tick();
        products.pipeInput(sku, Product.newBuilder().setSku(sku).setName("Product " + sku).setCategory("tools")
                .setReorderPoint(reorderPoint).setKind(kind).setUpdatedBy(Commands.ADMIN).setUpdatedAt(at)
                .build(), at);
    }

    /** A tombstone for {@code sku} on {@code products}: the product is deleted. */
    public void deleteProduct(String sku) {
        Instant at = tick();
        products.pipeInput(sku, null, at);
    }

    /** Puts {@code customer} on {@code customers}, changed now by an administrator. */
    public void customer(CustomerRecord customer) {
        Instant at = tick();
        customers.pipeInput(customer.getId(), CustomerRecord.newBuilder(customer).setUpdatedBy(Commands.ADMIN)
                .setUpdatedAt(at).build(), at);
    }

    /** The customer as the orders' tasks see it: the global store, history included. */
    public CustomerRecord customer(String customerId) {
        KeyValueStore<String, CustomerRecord> store = driver.getKeyValueStore(CustomerTopology.CUSTOMERS_STORE);
        return store.get(customerId);
    }

    /** What each order of {@code customerId} owes against its credit limit, as published (order id → amount). */
    public Map<String, java.math.BigDecimal> exposure(String customerId) {
        Map<String, java.math.BigDecimal> open = new java.util.TreeMap<>();
        KeyValueStore<String, CustomerExposure> store = driver.getKeyValueStore(CustomerTopology.EXPOSURE_STORE);
        try (KeyValueIterator<String, CustomerExposure> entries = store.all()) {
            entries.forEachRemaining(entry -> {
                if (entry.value.getCustomerId().equals(customerId)) {
                    open.put(entry.value.getOrderId(), entry.value.getOpen());
                }
            });
        }
        return open;
    }

    public void receive(String sku, int quantity) {
        movement("m-" + (++sequence), sku, StockMovementType.RECEIPT, quantity);
    }

    public void adjust(String sku, int quantity) {
        movement("m-" + (++sequence), sku, StockMovementType.ADJUSTMENT, quantity);
    }

    public void movement(String movementId, String sku, StockMovementType type, int quantity) {
        Instant at = tick();
        movements.pipeInput(sku, new StockMovement(movementId, sku, type, quantity, "PO-1", "count", Commands.WAREHOUSE,
                at), at);
    }

    /** Sends a command with a fresh id and returns the id. */
    public String send(String orderId, Actor actor, Object payload) {
        String commandId = "cmd-" + (++sequence);
        send(commandId, orderId, actor, payload);
        return commandId;
    }

    public void send(String commandId, String orderId, Actor actor, Object payload) {
        Instant at = tick();
        commands.pipeInput(orderId, new OrderCommand(commandId, orderId, actor, at, payload), at);
    }

    public void scan(TrackingScan scan) {
        tick();
        scans.pipeInput(scan.getCarrier() + ":" + scan.getTrackingNumber(), scan, scan.getAt());
    }

    public OrderState order(String orderId) {
        KeyValueStore<String, OrderState> store = driver.getKeyValueStore(OrderLifecycleTopology.ORDERS_STORE);
        return store.get(orderId);
    }

    public StockLevel level(String sku) {
        KeyValueStore<String, StockLevel> store = driver.getKeyValueStore(StockTopology.STOCK_STORE);
        return store.get(sku);
    }

    public int available(String sku) {
        StockLevel level = level(sku);
        return level == null ? 0 : level.getOnHand() - level.getReserved();
    }

    /**
     * What each order has in stock, gathered from the SKUs' marks and waiting lines: an order with units reserved
     * or held gets those lines ({@code waitingSince} null); an order only waiting gets the lines it waits for, with
     * its place in line as {@code waitingSince}.
     */
    public Map<String, StockReservation> reservations() {
        Map<String, List<ShipmentLine>> holding = new java.util.TreeMap<>();
        Map<String, List<ShipmentLine>> waiting = new java.util.TreeMap<>();
        Map<String, Long> since = new HashMap<>();
        KeyValueStore<String, StockMark> marks = driver.getKeyValueStore(StockTopology.MARKS_STORE);
        try (KeyValueIterator<String, StockMark> entries = marks.all()) {
            entries.forEachRemaining(entry -> {
                int units = entry.value.getReservedQuantity() + entry.value.getHeldQuantity();
                if (units > 0) {
                    holding.computeIfAbsent(entry.value.getOrderId(), id -> new ArrayList<>())
                            .add(new ShipmentLine(entry.key.substring(0, entry.key.indexOf('\u0000')), units));
                }
            });
        }
        KeyValueStore<String, StockWaiter> waiters = driver.getKeyValueStore(StockTopology.WAITERS_STORE);
        try (KeyValueIterator<String, StockWaiter> entries = waiters.all()) {
            entries.forEachRemaining(entry -> {
                waiting.computeIfAbsent(entry.value.getOrderId(), id -> new ArrayList<>())
                        .add(new ShipmentLine(entry.key.substring(0, entry.key.indexOf('\u0000')),
                                entry.value.getQuantity()));
                since.put(entry.value.getOrderId(), entry.value.getPriority());
            });
        }
        Map<String, StockReservation> all = new HashMap<>();
        waiting.forEach((orderId, lines) -> all.put(orderId,
                new StockReservation(orderId, lines, since.get(orderId), "")));
        holding.forEach((orderId, lines) -> all.put(orderId, new StockReservation(orderId, lines, null, "")));
        return all;
    }

    public List<StockLevel> levels() {
        KeyValueStore<String, StockLevel> store = driver.getKeyValueStore(StockTopology.STOCK_STORE);
        List<StockLevel> all = new ArrayList<>();
        try (KeyValueIterator<String, StockLevel> entries = store.all()) {
            entries.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    public List<Refusal> refusals() {
        return refusals.readValuesToList();
    }

    public List<KeyValue<String, OrderEvent>> events() {
        return events.readKeyValuesToList();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private TestInputTopic<byte[], byte[]> raw(String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
