package io.orderflow.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.orderflow.api.Dashboard;
import io.orderflow.avro.OrderCommand;
import io.orderflow.gateway.GatewayApp;
import io.orderflow.gateway.GatewayConfig;
import io.orderflow.gateway.service.Metrics;
import io.orderflow.localstack.KafkaBroker;
import io.orderflow.localstack.SchemaRegistry;
import io.orderflow.serde.AvroDeserializer;
import io.orderflow.serde.HttpSchemaRegistryClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway on a real single-node KRaft broker and a real schema registry: what it acknowledged is on the topic
 * exactly once, across retries, gateway restarts and a broker stopped under load.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = """
            {"channel": "PHONE", "expectedDeliveryDate": "2026-11-30",
             "customer": {"id": "C001", "name": "张三", "phone": "13800000000"},
             "paymentMethod": "CASH",
             "lines": [{"sku": "SKU-A", "quantity": 3, "unitPrice": "12.50", "amount": "37.50"}]}
            """;

    @TempDir
    static Path dataDir;
    private static KafkaBroker broker;
    private static SchemaRegistry registry;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private KafkaBackbone backbone;
    private Javalin app;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Files.createDirectories(dataDir.resolve("kafka")), 0);
        registry = SchemaRegistry.shared();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void startGateway() throws Exception {
        startGatewayNow();
    }

    @AfterEach
    void stopGateway() {
        stopGatewayNow();
    }

    private void startGatewayNow() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", registry.url());
        env.put("GATEWAY_DELIVERY_TIMEOUT_MS", "6000");
        env.put("GATEWAY_DEMO_KEYS", "true");
        env.put("ORDERFLOW_TOPIC_PARTITIONS", "3");
        backbone = KafkaBackbone.start(GatewayConfig.from(env));
        app = GatewayApp.create(backbone.services()).start(0);
        Conditions.await(Duration.ofSeconds(60), "the gateway to be ready",
                () -> get("/health/ready").statusCode() == 200);
    }

    private void stopGatewayNow() {
        if (app != null) {
            app.stop();
        }
        if (backbone != null) {
            backbone.close();
        }
    }

    @Test
    void shouldPutARetriedRequestOnTheTopicExactlyOnceAcrossAGatewayRestart() throws Exception {
        HttpResponse<String> first = post("/v1/orders", ORDER, "it-retry-1");
        HttpResponse<String> retry = post("/v1/orders", ORDER, "it-retry-1");
        stopGatewayNow();
        startGatewayNow();
        HttpResponse<String> afterRestart = post("/v1/orders", ORDER, "it-retry-1");
        HttpResponse<String> clientId = post("/v1/orders", ORDER.replaceFirst("\\{", "{\"orderId\": \"IT-CLIENT-1\", "), null);
        stopGatewayNow();
        startGatewayNow();
        HttpResponse<String> clientIdAgain = post("/v1/orders", ORDER.replaceFirst("\\{", "{\"orderId\": \"IT-CLIENT-1\", "), null);

        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(first.body());
        assertThat(JSON.readTree(retry.body())).isEqualTo(answer);
        assertThat(JSON.readTree(afterRestart.body())).isEqualTo(answer);
        assertThat(afterRestart.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(JSON.readTree(clientIdAgain.body())).isEqualTo(JSON.readTree(clientId.body()));
        String[] token = answer.get("consistencyToken").asText().split(":");
        assertThat(token[0]).isEqualTo("order-commands");

        List<ConsumerRecord<String, OrderCommand>> records = readAll("order-commands");
        assertThat(records.stream().filter(r -> r.key().equals(answer.get("orderId").asText()))).hasSize(1);
        assertThat(records.stream().filter(r -> r.key().equals("IT-CLIENT-1"))).hasSize(1);
        ConsumerRecord<String, OrderCommand> written = records.stream()
                .filter(r -> r.key().equals(answer.get("orderId").asText())).findFirst().orElseThrow();
        assertThat(written.partition()).isEqualTo(Integer.parseInt(token[1]));
        assertThat(written.offset()).isEqualTo(Long.parseLong(token[2]));
        assertThat(written.value().getCommandId()).isEqualTo(answer.get("commandId").asText());
        assertThat(get("/metrics").body())
                .contains("http_server_requests_seconds_count{application=\"ingest-gateway\",method=\"POST\","
                        + "outcome=\"SUCCESS\",status=\"202\",uri=\"/v1/orders\"} 1")
                .contains("kafka_producer_buffer_available_bytes{");
    }

    /**
     * Operators' dashboard ({@code monitoring/grafana/dashboards/orderflow.json}) names only metrics the gateway
     * really exposes, and none of them carries a customer's data or a key.
     */
    @Test
    void shouldExposeEveryMetricTheDashboardNamesAndNoPersonalData() throws Exception {
        assertThat(post("/v1/orders", ORDER, "it-metrics-1").statusCode()).isEqualTo(202);
        Dashboard dashboard = Dashboard.shipped();
        assertThat(dashboard.metricNames(Metrics.APPLICATION)).isNotEmpty();

        // Client metrics that appear with the first write (per topic) are bound at the binders' next refresh.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String scrape = get("/metrics").body();
        while (!dashboard.missing(Metrics.APPLICATION, scrape).isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            scrape = get("/metrics").body();
        }

        assertThat(dashboard.missing(Metrics.APPLICATION, scrape)).as("named by the dashboard, not on /metrics").isEmpty();
        assertThat(scrape)
                .contains("orderflow_gateway_records_total{application=\"ingest-gateway\",result=\"acknowledged\","
                        + "topic=\"order-commands\"} 1")
                .doesNotContain("13800000000").doesNotContain("张三").doesNotContain("demo-sales")
                .doesNotContain("demo-secret-sf").doesNotContain("it-metrics-1");
    }

    @Test
    void shouldLoseNoAcknowledgedOrderWhenTheBrokerStopsUnderLoad() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger slowest503 = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            load.add(clients.submit(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = post("/v1/orders", ORDER, null);
                    if (response.statusCode() == 202) {
                        acknowledged.add(JSON.readTree(response.body()).get("orderId").asText());
                    } else {
                        assertThat(response.statusCode()).isEqualTo(503);
                        assertThat(response.headers().firstValue("Retry-After")).isPresent();
                        refused.incrementAndGet();
                        slowest503.accumulateAndGet(
                                (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
                    }
                }
                return null;
            }));
        }
        Conditions.await(Duration.ofSeconds(60), "some orders acknowledged", () -> acknowledged.size() >= 200);
        broker.stop();
        int beforeOutage = acknowledged.size();
        Conditions.await(Duration.ofSeconds(60), "orders refused while the broker is down", () -> refused.get() >= 8);
        Conditions.await(Duration.ofSeconds(10), "the gateway to report not ready",
                () -> get("/health/ready").statusCode() == 503);
        broker.restart();
        Conditions.await(Duration.ofSeconds(120), "orders acknowledged again",
                () -> acknowledged.size() >= beforeOutage + 200);
        running.set(false);
        for (Future<?> client : load) {
            client.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(slowest503.get()).as("a 503 comes within a bounded time").isLessThan(15_000);
        Map<String, Integer> onTopic = new HashMap<>();
        for (ConsumerRecord<String, OrderCommand> record : readAll("order-commands")) {
            onTopic.merge(record.key(), 1, Integer::sum);
        }
        assertThat(onTopic.keySet()).containsAll(acknowledged);
        assertThat(acknowledged).allSatisfy(id -> assertThat(onTopic.get(id)).as(id).isEqualTo(1));
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer demo-sales")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<String, OrderCommand>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var deserializer = new AvroDeserializer<>(OrderCommand.class, HttpSchemaRegistryClient.forUrls(registry.url()), false);
        List<ConsumerRecord<String, OrderCommand>> records = new ArrayList<>();
        try (KafkaConsumer<String, OrderCommand> consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
