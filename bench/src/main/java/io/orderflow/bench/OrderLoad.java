package io.orderflow.bench;

import io.orderflow.avro.Actor;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Product;
import io.orderflow.avro.Role;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.serde.AvroSerializer;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.streams.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The input of the throughput figure, written before any app starts so that both apps drain the same backlog:
 * a catalog of {@value #SKUS} SKUs, one receipt per SKU large enough for every order, then per order a
 * {@code PlaceOrder} by sales and an {@code ApproveOrder} by a reviewer (four eyes), two lines of one unit
 * each. Seeded, so every run writes the same records.
 *
 * <p>The products also go straight onto the relayed catalog topic, as a long-running app would have it:
 * without that, the preloaded orders reach the order processor before its own relay has filled the global
 * catalog, wait for it, and after the grace are refused as UNKNOWN_SKU (the first runs refused half the
 * commands that way, which measured the catalog wait, not the pipeline). Likewise the receipts are applied by the
 * app before the orders are written ({@link ThroughputBench#applyCatalog}): a task of a SKU reads its receipts and
 * the approvals' holds from two topics, and on a backlog the holds came first; the approvals then waited, raised
 * purchase requests and were served from the waiting lines, a race of an app started on a backlog that figure 1
 * measured instead of the pipeline's steady state.
 */
final class OrderLoad {

    static final int SKUS = 20;
    private static final Actor SALES = new Actor("bench.sales", Role.SALES);
    private static final Actor REVIEWER = new Actor("bench.reviewer", Role.REVIEWER);
    private static final Actor WAREHOUSE = new Actor("bench.warehouse", Role.WAREHOUSE);
    private static final Actor ADMIN = new Actor("bench.admin", Role.ADMIN);
    private static final Customer CUSTOMER = new Customer("C-1", "Acme Trading", "Li Lei", "+86 10 5555 0000", "1 Road");

    private OrderLoad() {
    }

    /**
     * Writes the orders, a placement and an approval each; returns the number of order commands written. The
     * catalog and the stock they need are written before with {@link #writeCatalog}, and applied by the app before
     * these are written ({@link ThroughputBench#applyCatalog}), as a running system has them.
     */
    static int writeOrders(String bootstrapServers, SchemaRegistryClient registry, Topics topics, int orders) {
        return writeOrders(bootstrapServers, registry, topics, orders, SKUS);
    }

    /** As {@link #writeOrders(String, SchemaRegistryClient, Topics, int)}, over the first {@code skus} SKUs. */
    static int writeOrders(String bootstrapServers, SchemaRegistryClient registry, Topics topics, int orders,
            int skus) {
        Instant at = Instant.now();
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>(registry, true, false))) {
            for (int i = 0; i < orders; i++) {
                String orderId = String.format("B-%08d", i);
                PlaceOrder place = PlaceOrder.newBuilder()
                        .setChannel(Channel.ONLINE)
                        .setOrderDate(today)
                        .setExpectedDeliveryDate(today.plusDays(7))
                        .setCustomer(CUSTOMER)
                        .setPaymentMethod(PaymentMethod.BANK_TRANSFER)
                        .setLines(List.of(line(sku(random.nextInt(skus)), "12.50"), line(sku(random.nextInt(skus)), "3.00")))
                        .build();
                producer.send(new ProducerRecord<>(topics.orderCommands().name(), orderId,
                        new OrderCommand(orderId + "-place", orderId, SALES, at, place)));
                producer.send(new ProducerRecord<>(topics.orderCommands().name(), orderId,
                        new OrderCommand(orderId + "-approve", orderId, REVIEWER, at, new ApproveOrder("ok", false))));
            }
            producer.flush();
        }
        return orders * 2;
    }

    /**
     * Writes the catalog ({@value #SKUS} SKUs, on the products topic and the relayed catalog topic) and a receipt of
     * {@code stock} units per SKU.
     */
    static void writeCatalog(String bootstrapServers, SchemaRegistryClient registry, Topics topics, int stock) {
        writeCatalog(bootstrapServers, registry, topics, stock, SKUS);
    }

    /** As {@link #writeCatalog(String, SchemaRegistryClient, Topics, int)}, {@code skus} SKUs. */
    static void writeCatalog(String bootstrapServers, SchemaRegistryClient registry, Topics topics, int stock,
            int skus) {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(),
                new AvroSerializer<>(registry, true, false))) {
            catalog(producer, topics, stock, Instant.now(), skus);
        }
    }

    private static void catalog(KafkaProducer<String, Object> producer, Topics topics, int stock, Instant at,
            int skus) {
        for (int s = 0; s < skus; s++) {
            String sku = sku(s);
            Product product = Product.newBuilder().setSku(sku).setName("Bench item " + s).setCategory("bench")
                    .setReorderPoint(0).setKind(LineKind.GOODS).setUpdatedBy(ADMIN).setUpdatedAt(at).build();
            producer.send(new ProducerRecord<>(topics.products().name(), sku, product));
            producer.send(new ProducerRecord<>(topics.catalog().name(), sku, product));
            producer.send(new ProducerRecord<>(topics.stockMovements().name(), sku, new StockMovement(
                    "bench-receipt-" + sku, sku, StockMovementType.RECEIPT, stock, null, null, WAREHOUSE, at)));
        }
        producer.flush();
    }

    static String sku(int index) {
        return String.format("SKU-%03d", index);
    }

    private static OrderLine line(String sku, String unitPrice) {
        BigDecimal price = new BigDecimal(unitPrice).setScale(2);
        return OrderLine.newBuilder().setSku(sku).setQuantity(1).setUnitPrice(price).setAmount(price).build();
    }
}
