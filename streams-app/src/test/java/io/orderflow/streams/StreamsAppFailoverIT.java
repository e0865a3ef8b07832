package io.orderflow.streams;

import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Product;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.localstack.KafkaBroker;
import io.orderflow.localstack.Ports;
import io.orderflow.localstack.SchemaRegistry;
import io.orderflow.serde.AvroSerializer;
import io.orderflow.serde.HttpSchemaRegistryClient;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.streams.stock.StockTopology;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance runs in a child JVM and is killed with SIGKILL in the middle of the stream; the
 * instance in this JVM takes over its tasks. Exactly-once means no command is applied twice
 * and none is lost: every order's history holds each of its commands once, and stock adds up.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StreamsAppFailoverIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int ORDERS = 30;

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

    private static Map<String, String> settings(String instance, int port) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registryUrl,
                "STREAMS_APPLICATION_ID", "orderflow-failover-it",
                "STREAMS_STATE_DIR", dir.resolve("state-" + instance).toString(),
                "QUERY_PORT", String.valueOf(port),
                "ORDERFLOW_TOPIC_PARTITIONS", "6",
                "ROCKSDB_CACHE_BYTES", String.valueOf(16L * 1024 * 1024));
    }

    /** Pacing between polls, not a readiness wait: the polled condition decides. */
    private static void pace() {
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void shouldApplyEveryCommandExactlyOnceWhenAnInstanceIsKilledMidStream() throws Exception {
        SchemaRegistryClient registry = HttpSchemaRegistryClient.forUrls(registryUrl);
        Topics topics = Topics.from(Map.of(), registry);
        int childPort = freePort();
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StreamsApp.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        child.environment().putAll(settings("child", childPort));
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Process killed = null;
        try (StreamsApp survivor = new StreamsApp(AppConfig.from(settings("survivor", freePort())), topics);
                KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                        new AvroSerializer<>(registry, true, false));
                KafkaConsumer<String, OrderState> orders = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "failover-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                        topics.orders().valueSerde().deserializer())) {
            survivor.start();
            survivor.running().get(2, TimeUnit.MINUTES);
            killed = child.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!ready(http, childPort) && System.nanoTime() < deadline) {
                pace();
            }
            assertThat(ready(http, childPort)).as("child instance ready").isTrue();

            Instant at = Instant.parse("2026-11-22T08:00:00Z");
            producer.send(new ProducerRecord<>(topics.products().name(), "A", Product.newBuilder().setSku("A")
                    .setName("A").setCategory("tools").setKind(LineKind.GOODS).setUpdatedBy(Commands.ADMIN)
                    .setUpdatedAt(at).build())).get();
            deadline = System.nanoTime() + WAIT.toNanos();
            while (survivor.streams().store(StoreQueryParameters.fromNameAndType(CatalogTopology.PRODUCTS_STORE,
                    QueryableStoreTypes.<String, Product>keyValueStore())).get("A") == null
                    && System.nanoTime() < deadline) {
                pace();
            }
            producer.send(new ProducerRecord<>(topics.stockMovements().name(), "A",
                    new StockMovement("r-1", "A", StockMovementType.RECEIPT, ORDERS * 2, null, null, WAREHOUSE, at)))
                    .get();

            for (int i = 0; i < ORDERS; i++) {
                if (i == ORDERS / 2) {
                    killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                String id = "O-" + i;
                send(producer, topics, id, "place", SALES, Commands.place(Commands.line("A", 2, "1.00")), at);
                send(producer, topics, id, "approve", REVIEWER, Commands.approve(), at);
                send(producer, topics, id, "ship", WAREHOUSE, Commands.ship("SF", "T-" + i,
                        Commands.units("A", 1)), at);
            }

            Map<String, OrderState> latest = awaitLatest(orders, topics,
                    state -> state.size() == ORDERS && state.values().stream()
                            .allMatch(order -> order.getStatus() == OrderStatus.PARTIALLY_SHIPPED));
            for (OrderState order : latest.values()) {
                assertThat(order.getHistory()).as(order.getOrderId()).extracting(HistoryEntry::getAction)
                        .containsExactly("PlaceOrder", "ApproveOrder", "ShipOrder");
                assertThat(order.getLines().get(0).getShippedQuantity()).isEqualTo(1);
                assertThat(order.getLines().get(0).getReservedQuantity()).isEqualTo(1);
            }
            StockLevel level = null;
            deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    level = survivor.streams().store(StoreQueryParameters.fromNameAndType(StockTopology.STOCK_STORE,
                            QueryableStoreTypes.<String, StockLevel>keyValueStore())).get("A");
                    if (level != null && level.getShipped() == ORDERS) {
                        break;
                    }
                } catch (org.apache.kafka.streams.errors.InvalidStateStoreException rebalancing) {
                    // the ledger's store moves to this instance during the rebalance; ask again
                }
                pace();
            }
            assertThat(level).isNotNull();
            assertThat(level.getShipped()).isEqualTo(ORDERS);
            assertThat(level.getOnHand()).isEqualTo(ORDERS);
            assertThat(level.getReserved()).isEqualTo(ORDERS);
            assertThat(level.getReceived()).isEqualTo(ORDERS * 2);
        } finally {
            if (killed != null && killed.isAlive()) {
                killed.destroyForcibly();
            }
        }
    }

    private static void send(KafkaProducer<String, Object> producer, Topics topics, String orderId, String what,
            io.orderflow.avro.Actor actor, Object payload, Instant at) throws Exception {
        producer.send(new ProducerRecord<>(topics.orderCommands().name(), orderId,
                new OrderCommand(orderId + "-" + what, orderId, actor, at, payload))).get();
    }

    private static Map<String, OrderState> awaitLatest(KafkaConsumer<String, OrderState> consumer, Topics topics,
            Predicate<Map<String, OrderState>> condition) {
        consumer.subscribe(List.of(topics.orders().name()));
        Map<String, OrderState> latest = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
            if (condition.test(latest)) {
                return latest;
            }
        }
        Map<String, OrderStatus> statuses = new HashMap<>();
        latest.forEach((id, order) -> statuses.put(id, order.getStatus()));
        throw new AssertionError("orders did not reach the expected state within " + WAIT + ": " + statuses);
    }
}
