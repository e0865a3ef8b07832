package io.orderflow.bench;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Role;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.serde.GeneratedAvroTypes;
import io.orderflow.streams.AppConfig;
import io.orderflow.streams.TopicSetup;
import io.orderflow.streams.Topics;
import io.orderflow.streams.order.OrderLifecycleTopology;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Order states written straight into the changelog of {@code orders-store}, for the figures that need many
 * orders in state (4, 5, 6): the pipeline drains ~200 orders/s here, so a million through it would take hours,
 * while a restore reads the changelog as written. Each record is what the order processor itself writes there:
 * the {@link OrderState} serialized by the store's own serde. The orders are varied and seeded (status across
 * the lifecycle, 1–4 lines, a history of 1–5 entries, a shipment once shipped, 5 000 customers), so RocksDB
 * compresses them as it would real ones. Order {@code i} always has the same id and content, so a run can
 * extend a previous one ({@code from}).
 */
final class OrderStates {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final OrderStatus[] STATUSES = {OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED,
            OrderStatus.SHIPPED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, OrderStatus.COMPLETED,
            OrderStatus.COMPLETED, OrderStatus.COMPLETED, OrderStatus.CANCELLED};
    private static final String[] CITIES = {"深圳市南山区", "北京市朝阳区", "上海市浦东新区", "广州市天河区", "杭州市西湖区"};

    static {
        GeneratedAvroTypes.trust(); // the builders read defaults of generated types, before any serde did
    }

    private OrderStates() {
    }

    static String changelog(String applicationId) {
        return applicationId + "-" + OrderLifecycleTopology.ORDERS_STORE + "-changelog";
    }

    static String orderId(int i) {
        return String.format("S-%09d", i);
    }

    /** The partition Kafka's default partitioner gives this key, as the gateway's producer does. */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * The app's topics and its orders-store changelog, created before the app starts, for a
     * benchmark that writes order states straight into that changelog.
     */
    static Topics prepare(Stack stack, String applicationId, int partitions) {
        Map<String, String> settings = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", stack.registry.url(),
                "STREAMS_APPLICATION_ID", applicationId,
                "ORDERFLOW_TOPIC_PARTITIONS", String.valueOf(partitions));
        Topics topics = Topics.from(settings, stack.registryClient);
        TopicSetup.ensure(AppConfig.from(settings), topics);
        createChangelog(stack, applicationId, partitions);
        return topics;
    }

    /** Creates the changelog as Kafka Streams would (compacted), before the app starts. */
    static void createChangelog(Stack stack, String applicationId, int partitions) {
        stack.broker.createTopics(List.of(new NewTopic(changelog(applicationId), partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
    }

    /** Writes orders {@code from} (inclusive) to {@code to} (exclusive); returns the bytes of values written. */
    static long write(Stack stack, Topics topics, String applicationId, int from, int to) {
        String changelog = changelog(applicationId);
        Serializer<OrderState> serializer = topics.orderStates().serializer();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                OrderState state = order(i);
                byte[] value = serializer.serialize(changelog, state);
                bytes += value.length;
                producer.send(new ProducerRecord<>(changelog, state.getOrderId(), value));
            }
            producer.flush();
        }
        return bytes;
    }

    /** Order {@code i}: seeded by its index, so the same every run. */
    static OrderState order(int i) {
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        String id = orderId(i);
        OrderStatus status = STATUSES[random.nextInt(STATUSES.length)];
        Instant created = START.plus(Duration.ofSeconds(random.nextLong(300L * 24 * 3600)));
        LocalDate orderDate = LocalDate.ofInstant(created, ZoneOffset.UTC);
        int customer = random.nextInt(5000);
        Actor sales = new Actor("sales-" + random.nextInt(20), Role.SALES);
        Actor reviewer = new Actor("reviewer-" + random.nextInt(5), Role.REVIEWER);
        List<OrderLineState> lines = new ArrayList<>();
        List<ShipmentLine> shipped = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        int lineCount = 1 + random.nextInt(4);
        boolean isShipped = status != OrderStatus.PENDING_REVIEW && status != OrderStatus.APPROVED
                && status != OrderStatus.CANCELLED;
        for (int l = 0; l < lineCount; l++) {
            String sku = String.format("SKU-%04d", random.nextInt(2000));
            int quantity = 1 + random.nextInt(5);
            BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(50_000), 2);
            BigDecimal amount = price.multiply(BigDecimal.valueOf(quantity));
            total = total.add(amount);
            lines.add(OrderLineState.newBuilder()
                    .setLine(OrderLine.newBuilder().setSku(sku).setQuantity(quantity).setUnitPrice(price)
                            .setAmount(amount).setSpec(random.nextBoolean() ? "red, L" : null).build())
                    .setReservedQuantity(status == OrderStatus.APPROVED ? quantity : 0)
                    .setShippedQuantity(isShipped ? quantity : 0)
                    .build());
            if (isShipped) {
                shipped.add(new ShipmentLine(sku, quantity));
            }
        }
        List<HistoryEntry> history = new ArrayList<>();
        history.add(entry(created, sales, "PLACE", null, OrderStatus.PENDING_REVIEW, id + "-place"));
        Instant at = created;
        OrderStatus previous = OrderStatus.PENDING_REVIEW;
        List<OrderStatus> path = status == OrderStatus.CANCELLED ? List.of(OrderStatus.CANCELLED)
                : List.of(OrderStatus.APPROVED, OrderStatus.SHIPPED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED,
                        OrderStatus.COMPLETED);
        for (OrderStatus next : path) {
            if (previous == status) {
                break;
            }
            at = at.plus(Duration.ofMinutes(30 + random.nextInt(3000)));
            Actor actor = next == OrderStatus.APPROVED || next == OrderStatus.CANCELLED ? reviewer : sales;
            history.add(entry(at, actor, next.name(), previous, next, id + "-" + next.name().toLowerCase()));
            previous = next;
        }
        List<Shipment> shipments = isShipped
                ? List.of(Shipment.newBuilder().setShipmentId(id + "-1").setCarrier("SF")
                        .setTrackingNumber("SF" + (100_000_000L + i)).setLines(shipped).setShippedAt(created)
                        .setExchange(false).build())
                : List.of();
        boolean paid = status == OrderStatus.COMPLETED;
        return OrderState.newBuilder()
                .setOrderId(id)
                .setStatus(status)
                .setPaymentStatus(paid ? PaymentStatus.PAID : PaymentStatus.UNPAID)
                .setChannel(Channel.values()[random.nextInt(Channel.values().length)])
                .setOrderDate(orderDate)
                .setExpectedDeliveryDate(orderDate.plusDays(3 + random.nextInt(10)))
                .setCustomer(Customer.newBuilder().setId(String.format("C%05d", customer)).setName("客户" + customer)
                        .setContactName("联系人" + customer).setPhone(String.format("138%08d", customer))
                        .setAddress(CITIES[customer % CITIES.length] + customer + "号").build())
                .setPaymentMethod(PaymentMethod.BANK_TRANSFER)
                .setCurrency("CNY")
                .setNotes(random.nextInt(4) == 0 ? "送货前电话联系" : null)
                .setLines(lines)
                .setTotalAmount(total)
                .setPaidAmount(paid ? total : BigDecimal.ZERO.setScale(2))
                .setCreatedBy(sales)
                .setReviewer(status == OrderStatus.PENDING_REVIEW ? null : reviewer)
                .setReviewedAt(status == OrderStatus.PENDING_REVIEW ? null : created.plus(Duration.ofHours(1)))
                .setShortfall(List.of())
                .setShipments(shipments)
                .setDeliveredAt(status == OrderStatus.DELIVERED || status == OrderStatus.COMPLETED ? at : null)
                .setHistory(history)
                .setCreatedAt(created)
                .setStatusSince(at)
                .setUpdatedAt(at)
                .setVersion(history.size())
                .build();
    }

    private static HistoryEntry entry(Instant at, Actor actor, String action, OrderStatus from, OrderStatus to,
            String commandId) {
        return HistoryEntry.newBuilder().setAt(at).setActor(actor).setAction(action).setFromStatus(from)
                .setToStatus(to).setCommandId(commandId).build();
    }
}
