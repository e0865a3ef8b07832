package io.orderflow.streams;

import static io.orderflow.streams.AppStores.awaitCatalog;
import static io.orderflow.streams.AppStores.awaitStock;
import static io.orderflow.streams.AppStores.pace;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.Dashboard;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Product;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.localstack.KafkaBroker;
import io.orderflow.localstack.Ports;
import io.orderflow.localstack.SchemaRegistry;
import io.orderflow.serde.AvroSerializer;
import io.orderflow.serde.HttpSchemaRegistryClient;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.live.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two app instances on a real single-node KRaft broker and schema registry share the work of
 * six partitions; one is stopped mid-stream and the other finishes it. Poison records on the
 * inputs end up on the dead-letter topic with the reason, and processing goes on.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StreamsAppIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final int ORDERS = 12;

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static String registryUrl;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        registryUrl = SchemaRegistry.shared().url();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static int freePort() {
        return Ports.free();
    }

    private static Map<String, String> settings(String instance) {
        int port = freePort();
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registryUrl,
                "STREAMS_APPLICATION_ID", "orderflow-it",
                "STREAMS_STATE_DIR", dir.resolve("state-" + instance).toString(),
                "QUERY_PORT", String.valueOf(port),
                "QUERY_PEER_SECRET", "it-peer-secret-shared-by-both",
                "ORDERFLOW_TOPIC_PARTITIONS", "6",
                "ROCKSDB_CACHE_BYTES", String.valueOf(16L * 1024 * 1024),
                "GATEWAY_DEMO_KEYS", "true");
    }

    /**
     * By default a closed Kafka Streams instance stays a member of its group until its session times out, and a
     * restart sits in REBALANCING until then; closing leaves the group instead.
     */
    @Test
    void shouldLeaveTheGroupWhenClosed() throws Exception {
        Map<String, String> settings = new HashMap<>(settings("leaving"));
        settings.put("STREAMS_APPLICATION_ID", "orderflow-it-leaving");
        // A session far longer than the wait below: only an explicit leave empties the group in time.
        settings.put("STREAMS_SESSION_TIMEOUT_MS", "300000");
        StreamsApp app = new StreamsApp(AppConfig.from(settings),
                Topics.from(Map.of(), HttpSchemaRegistryClient.forUrls(registryUrl)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            try (app) {
                app.start();
                app.running().get(2, TimeUnit.MINUTES);
                assertThat(members(admin, "orderflow-it-leaving")).isEqualTo(1);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (members(admin, "orderflow-it-leaving") > 0 && System.nanoTime() < deadline) {
                pace();
            }
            assertThat(members(admin, "orderflow-it-leaving")).isZero();
        }
    }

    /**
     * Operators' dashboard ({@code monitoring/grafana/dashboards/orderflow.json}) names only metrics the app really
     * exposes once its tasks run (Kafka Streams' task, processor-node and topic metrics come with them), and no
     * metric carries the peer secret or a key.
     */
    @Test
    void shouldExposeEveryMetricTheDashboardNames() throws Exception {
        Map<String, String> settings = new HashMap<>(settings("metrics"));
        settings.put("STREAMS_APPLICATION_ID", "orderflow-it-metrics");
        Dashboard dashboard = Dashboard.shipped();
        assertThat(dashboard.metricNames(Metrics.APPLICATION)).isNotEmpty();
        try (StreamsApp app = new StreamsApp(AppConfig.from(settings),
                Topics.from(Map.of(), HttpSchemaRegistryClient.forUrls(registryUrl)))) {
            app.start();
            app.running().get(2, TimeUnit.MINUTES);

            // Metrics of tasks assigned after the binder was bound appear at its next refresh.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String scrape = scrape(app);
            while (!dashboard.missing(Metrics.APPLICATION, scrape).isEmpty() && System.nanoTime() < deadline) {
                pace();
                scrape = scrape(app);
            }

            assertThat(dashboard.missing(Metrics.APPLICATION, scrape)).as("named by the dashboard, not on /metrics")
                    .isEmpty();
            assertThat(scrape).contains("kafka_stream_thread_process_rate{")
                    .doesNotContain("it-peer-secret-shared-by-both").doesNotContain("demo-");
        }
    }

    private static String scrape(StreamsApp app) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.http().port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(30, TimeUnit.SECONDS)
                .members().size();
    }

    @Test
    void shouldShareTheWorkBetweenTwoInstancesKeepStockExactAndSurviveLosingOne() throws Exception {
        SchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(registryUrl);
        Topics topics = Topics.from(Map.of(), registry);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        StreamsApp first = new StreamsApp(AppConfig.from(settings("1")), Topics.from(Map.of(), registry));
        StreamsApp second = new StreamsApp(AppConfig.from(settings("2")), Topics.from(Map.of(), registry));
        try (first;
                second;
                KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig,
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new AvroSerializer<>(registry, true, false));
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                        new ByteArraySerializer());
                Outputs<OrderState> orders = new Outputs<>(
                        OrderLifecycleTopology.statesTopic(AppConfig.from(settings("1")).applicationId()),
                        topics.orderStates().deserializer());
                Outputs<Refusal> refusals = new Outputs<>(topics.orderRefusals().name(),
                        topics.orderRefusals().valueSerde().deserializer());
                Outputs<byte[]> deadLetters = new Outputs<>(topics.deadLetters(), new ByteArrayDeserializer())) {
            first.start();
            second.start();
            first.running().get(2, TimeUnit.MINUTES);
            second.running().get(2, TimeUnit.MINUTES);

            // stamped before the test started, so that nothing lies ahead of the broker's clock on any date
            Instant at = Instant.now().minus(Duration.ofMinutes(10));
            for (String sku : List.of("A", "B")) {
                producer.send(new ProducerRecord<>(topics.products().name(), sku, Product.newBuilder().setSku(sku)
                        .setName(sku).setCategory("tools").setReorderPoint(0).setKind(LineKind.GOODS)
                        .setUpdatedBy(Commands.ADMIN).setUpdatedAt(at).build())).get();
            }
            awaitCatalog(first, "A", "B");
            awaitCatalog(second, "A", "B");

            // a poison record on the catalog neither stops the app nor the catalog
            raw.send(new ProducerRecord<>(topics.products().name(), "X".getBytes(StandardCharsets.UTF_8),
                    "not avro".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topics.products().name(), "C", Product.newBuilder().setSku("C")
                    .setName("C").setCategory("tools").setUpdatedBy(Commands.ADMIN).setUpdatedAt(at).build())).get();
            awaitCatalog(first, "C");
            awaitCatalog(second, "C");
            assertThat(first.streams().state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);

            movement(producer, topics, "r-1", "A", 10, at);
            movement(producer, topics, "r-2", "B", 5, at);
            for (int i = 0; i < ORDERS; i++) {
                command(producer, topics, "O-" + i, SALES, Commands.place(Commands.line("A", 1, "3.00"),
                        Commands.line("B", 1, "4.00")), at);
                command(producer, topics, "O-" + i, REVIEWER, Commands.approve(), at);
            }
            byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);
            for (String topic : List.of(topics.orderCommands().name(), topics.stockMovements().name(),
                    topics.trackingScans().name())) {
                raw.send(new ProducerRecord<>(topic, "O-0".getBytes(StandardCharsets.UTF_8), poison)).get();
            }

            Map<String, OrderState> latest = orders.awaitLatest(state -> count(state, OrderStatus.APPROVED) == 5
                    && count(state, OrderStatus.AWAITING_STOCK) == ORDERS - 5);
            assertThat(first.streams().metadataForLocalThreads())
                    .anySatisfy(thread -> assertThat(thread.activeTasks()).isNotEmpty());
            assertThat(second.streams().metadataForLocalThreads())
                    .anySatisfy(thread -> assertThat(thread.activeTasks()).isNotEmpty());
            assertThat(latest).hasSize(ORDERS);

            // stock arrives while one instance goes away: the other takes over its tasks
            movement(producer, topics, "r-3", "B", 10, at);
            second.close();
            movement(producer, topics, "r-4", "A", 5, at);
            orders.awaitLatest(state -> count(state, OrderStatus.APPROVED) == ORDERS);

            for (int i = 0; i < 6; i++) {
                command(producer, topics, "O-" + i, WAREHOUSE, Commands.ship("SF", "SF-" + i,
                        Commands.units("A", 1), Commands.units("B", 1)), at);
            }
            for (int i = 6; i < 9; i++) {
                command(producer, topics, "O-" + i, SALES, Commands.requestCancellation(), at);
                command(producer, topics, "O-" + i, REVIEWER, Commands.approveCancellation(), at);
            }
            latest = orders.awaitLatest(state -> count(state, OrderStatus.SHIPPED) == 6
                    && count(state, OrderStatus.CANCELLED) == 3 && count(state, OrderStatus.APPROVED) == 3);
            assertThat(latest.values()).filteredOn(order -> order.getStatus() == OrderStatus.SHIPPED)
                    .allSatisfy(order -> assertThat(order.getHistory()).extracting(h -> h.getAction())
                            .startsWith("PlaceOrder", "ApproveOrder").endsWith("ShipOrder"));

            for (String sku : List.of("A", "B")) {
                StockLevel level = awaitStock(first, sku, stock -> stock.getReserved() == 3);
                assertThat(level.getOnHand()).isEqualTo(15 - 6);
                assertThat(level.getShipped()).isEqualTo(6);
                assertThat(level.getReceived()).isEqualTo(15);
            }

            List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(4);
            assertThat(dead).extracting(record -> header(record, "__streams.errors.topic"))
                    .containsExactlyInAnyOrder(topics.products().name(), topics.orderCommands().name(),
                            topics.stockMovements().name(), topics.trackingScans().name());
            assertThat(dead).allSatisfy(record ->
                    assertThat(header(record, "__streams.errors.exception")).contains("SerializationException"));
            assertThat(refusals.poll()).isEmpty();
        }
    }

    private static long count(Map<String, OrderState> orders, OrderStatus status) {
        return orders.values().stream().filter(order -> order.getStatus() == status).count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void command(KafkaProducer<String, Object> producer, Topics topics, String orderId,
            io.orderflow.avro.Actor actor, Object payload, Instant at) throws Exception {
        String commandId = orderId + "-" + payload.getClass().getSimpleName();
        producer.send(new ProducerRecord<>(topics.orderCommands().name(), orderId,
                new OrderCommand(commandId, orderId, actor, at, payload))).get();
    }

    private static void movement(KafkaProducer<String, Object> producer, Topics topics, String id, String sku,
            int quantity, Instant at) throws Exception {
        producer.send(new ProducerRecord<>(topics.stockMovements().name(), sku,
                new StockMovement(id, sku, StockMovementType.RECEIPT, quantity, null, null, WAREHOUSE, at))).get();
    }

    /** Reads an output topic (committed records only) and remembers what it saw. */
    private static final class Outputs<V> implements AutoCloseable {
        private final KafkaConsumer<String, V> consumer;
        private final Map<String, V> latest = new HashMap<>();
        private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

        Outputs(String topic, Deserializer<V> values) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + topic,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values);
            consumer.subscribe(List.of(topic));
        }

        List<ConsumerRecord<String, V>> poll() {
            List<ConsumerRecord<String, V>> batch = new ArrayList<>();
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                batch.add(record);
                records.add(record);
                latest.put(record.key(), record.value());
            });
            return batch;
        }

        Map<String, V> awaitLatest(Predicate<Map<String, V>> condition) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                poll();
                if (condition.test(latest)) {
                    return Map.copyOf(latest);
                }
            }
            throw new AssertionError("condition not met within " + WAIT + "; latest: " + summary());
        }

        List<ConsumerRecord<String, V>> awaitRecords(int count) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && records.size() < count) {
                poll();
            }
            assertThat(records).hasSize(count);
            return List.copyOf(records);
        }

        private String summary() {
            Set<String> lines = new HashSet<>();
            latest.forEach((key, value) -> lines.add(key + "=" + (value instanceof OrderState state
                    ? state.getStatus() : value)));
            return lines.toString();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
