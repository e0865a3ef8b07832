package io.orderflow.streams;

import static io.orderflow.streams.AppStores.WAIT;
import static io.orderflow.streams.AppStores.awaitCatalog;
import static io.orderflow.streams.AppStores.awaitStock;
import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.LineKind;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry goes down while a record whose schemas the app has not used yet waits on its input: the stream
 * thread that meets it fails without skipping it ({@link RetryRegistryOutages}) and is replaced, again and again,
 * while the app stays up; once the registry is back, the record takes effect exactly once. Each replacement stalls
 * the app for about the consumer session timeout (the dead thread's member is not seen to leave before it), here
 * 10 s as in the e2e stack.
 */
@Tag("integration")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RegistryOutageIT {

    /** Before the test started, so that nothing lies ahead of the broker's clock on any date. */
    private static final Instant AT = Instant.now().minus(Duration.ofMinutes(10));

    @TempDir
    Path dir;

    @Test
    void shouldKeepARecordThroughARegistryOutageAndApplyItOnceTheRegistryIsBack() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
                SchemaRegistry registry = SchemaRegistry.start(dir.resolve("registry"), Ports.free())) {
            SchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(registry.url());
            Topics topics = Topics.from(Map.of(), client);
            Map<String, Object> producing = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            StreamsApp app = new StreamsApp(AppConfig.from(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SCHEMA_REGISTRY_URL", registry.url(),
                    "STREAMS_APPLICATION_ID", "orderflow-outage-it",
                    "STREAMS_STATE_DIR", dir.resolve("state").toString(),
                    "QUERY_PORT", String.valueOf(Ports.free()),
                    "ORDERFLOW_TOPIC_PARTITIONS", "2",
                    "STREAMS_SESSION_TIMEOUT_MS", "10000",
                    "GATEWAY_API_KEYS", "it-analyst it-analyst analyst")), Topics.from(Map.of(), client));
            AvroSerializer<Object> avro = new AvroSerializer<>(client, true, false);
            try (app;
                    KafkaProducer<String, Object> producer = new KafkaProducer<>(producing, new StringSerializer(), avro);
                    KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(producing, new ByteArraySerializer(),
                            new ByteArraySerializer())) {
                app.start();
                app.running().get(2, TimeUnit.MINUTES);
                producer.send(new ProducerRecord<>(topics.products().name(), "A", Product.newBuilder().setSku("A")
                        .setName("A").setCategory("tools").setReorderPoint(0).setKind(LineKind.GOODS)
                        .setUpdatedBy(ADMIN).setUpdatedAt(AT).build())).get();
                awaitCatalog(app, "A");

                // A stock receipt, its schema registered while the registry is up but never read by the app yet.
                byte[] receipt = avro.serialize(topics.stockMovements().name(),
                        new StockMovement("r-1", "A", StockMovementType.RECEIPT, 10, null, null, WAREHOUSE, AT));
                registry.stop();
                raw.send(new ProducerRecord<>(topics.stockMovements().name(), "A".getBytes(StandardCharsets.UTF_8),
                        receipt)).get();

                // the thread that meets it fails, and so does its replacement: retried, not skipped
                awaitFailedThreads(app, 2);
                assertThat(app.streams().state().isRunningOrRebalancing()).as("the app through the outage").isTrue();
                assertThat(stockIfQueryable(app, "A")).as("the receipt before the registry is back").isNull();

                registry.restart();
                awaitStock(app, "A", level -> level.getOnHand() >= 10);
                producer.send(new ProducerRecord<>(topics.stockMovements().name(), "A",
                        new StockMovement("r-2", "A", StockMovementType.RECEIPT, 5, null, null, WAREHOUSE, AT))).get();
                StockLevel level = awaitStock(app, "A", l -> l.getOnHand() >= 15);
                assertThat(level.getOnHand()).as("the receipt held through the outage, applied once").isEqualTo(15);
            }
        }
    }

    /** Waits until {@code count} of the app's stream threads have failed. */
    private static void awaitFailedThreads(StreamsApp app, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (failedThreads(app) < count && System.nanoTime() < deadline) {
            // pacing between reads of the metric; the count decides
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        assertThat(failedThreads(app)).as("stream threads failed while the registry is down")
                .isGreaterThanOrEqualTo(count);
    }

    private static long failedThreads(StreamsApp app) {
        for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> metric : app.streams().metrics().entrySet()) {
            if (metric.getKey().name().equals("failed-stream-threads")) {
                return ((Number) metric.getValue().metricValue()).longValue();
            }
        }
        return 0;
    }

    /** The stock level as any copy here holds it; null when there is none, or no copy is queryable now. */
    private static StockLevel stockIfQueryable(StreamsApp app, String sku) {
        try {
            return app.streams().store(StoreQueryParameters.fromNameAndType(StockTopology.STOCK_STORE,
                    QueryableStoreTypes.<String, StockLevel>keyValueStore()).enableStaleStores()).get(sku);
        } catch (InvalidStateStoreException replacing) {
            return null;
        }
    }
}
