package io.orderflow.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Product;
import io.orderflow.avro.Role;
import io.orderflow.avro.TrackingScan;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.localstack.KafkaBroker;
import io.orderflow.localstack.SchemaRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte compatibility with Confluent, proven by a client we did not write: Confluent's own
 * Python client ({@code confluent_kafka.avro}, Debian's python3-confluent-kafka) produces
 * through the real registry to the real broker and our deserializer reads every record
 * exactly; our serializer writes and Confluent's consumer decodes.
 *
 * <p>Skipped, saying what to install, where the Python client is missing, unless
 * {@code ORDERFLOW_REQUIRE_PYTHON_COMPAT=true} (CI sets it), where it fails instead.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConfluentPythonCompatIT {

    private static final Path SCRIPT = Path.of("src/test/python/confluent_compat.py").toAbsolutePath();
    private static final String PYTHON = pythonCommand();

    @TempDir
    static Path work;

    private static KafkaBroker broker;
    private static SchemaRegistry registry;

    @BeforeAll
    static void startStack() throws Exception {
        requirePythonClient();
        broker = KafkaBroker.start(work.resolve("kafka"), 0);
        registry = SchemaRegistry.shared();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldReadOrderCommandsThatConfluentsPythonProducerWrote() throws Exception {
        assertReadsWhatPythonWrote("platform-orders", OrderCommand.class, OrderCommand.getClassSchema(),
                ConfluentPythonCompatIT::placeOrder);
    }

    @Test
    void shouldReadTrackingScansThatConfluentsPythonProducerWrote() throws Exception {
        assertReadsWhatPythonWrote("partner-scans", TrackingScan.class, TrackingScan.getClassSchema(),
                ConfluentPythonCompatIT::trackingScan);
    }

    @Test
    void shouldReadProductsThatConfluentsPythonProducerWrote() throws Exception {
        assertReadsWhatPythonWrote("catalog", Product.class, Product.getClassSchema(), ConfluentPythonCompatIT::product);
    }

    @Test
    void shouldWriteWhatConfluentsPythonConsumerDecodes() throws Exception {
        String topic = "java-to-python";
        broker.createTopics(topic);
        Random random = new Random(7);
        List<OrderCommand> sent = IntStream.range(0, 25).mapToObj(i -> placeOrder(random)).toList();
        try (KafkaProducer<Object, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class,
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()))) {
            for (OrderCommand command : sent) {
                producer.send(new ProducerRecord<>(topic, command.getOrderId(), command)).get();
            }
        }
        Path out = work.resolve(topic + ".jsonl");

        python("consume", broker.bootstrapServers(), registry.url(), topic, String.valueOf(sent.size()), out.toString());

        List<JsonNode> decoded = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            decoded.add(TaggedJson.JSON.readTree(line));
        }
        assertThat(decoded).extracting(node -> node.get("key").asText())
                .containsExactlyElementsOf(sent.stream().map(OrderCommand::getOrderId).toList());
        assertThat(decoded).extracting(node -> node.get("value"))
                .containsExactlyElementsOf(sent.stream()
                        .map(command -> TaggedJson.of(command, OrderCommand.getClassSchema())).toList());
    }

    @Test
    void shouldNameTopicPartitionAndOffsetOfARecordWithAWrongMagicByte() throws Exception {
        String topic = "poison-magic";
        broker.createTopics(topic);
        produceRaw(topic, new byte[] {1, 0, 0, 0, 1, 2, 'a'});

        RecordDeserializationException error = assertThrows(
                RecordDeserializationException.class, () -> consumeOne(topic));

        assertThat(error.topicPartition().topic()).isEqualTo(topic);
        assertThat(error.offset()).isZero();
        assertThat(error).hasMessageContaining(topic + "-0").hasMessageContaining("offset 0");
        assertThat(error.getCause()).hasMessageContaining(topic).hasMessageContaining("magic byte 0x01");
    }

    @Test
    void shouldNameTopicPartitionAndOffsetOfARecordWithAnUnknownSchemaId() throws Exception {
        String topic = "poison-id";
        broker.createTopics(topic);
        produceRaw(topic, new byte[] {0, 0x7f, 0, 0, 1, 2, 'a'});

        RecordDeserializationException error = assertThrows(
                RecordDeserializationException.class, () -> consumeOne(topic));

        assertThat(error).hasMessageContaining(topic + "-0").hasMessageContaining("offset 0");
        assertThat(error.getCause()).hasMessageContaining(topic).hasMessageContaining("schema id 2130706433")
                .hasMessageContaining("unknown to the schema registry");
    }

    private <T extends SpecificRecord> void assertReadsWhatPythonWrote(
            String topic, Class<T> type, Schema schema, Function<Random, T> generator) throws Exception {
        broker.createTopics(topic);
        Random random = new Random(topic.hashCode());
        List<T> expected = IntStream.range(0, 30).mapToObj(i -> generator.apply(random)).toList();
        Path schemaFile = work.resolve(topic + ".avsc");
        Files.writeString(schemaFile, schema.toString(), StandardCharsets.UTF_8);
        Path records = work.resolve(topic + "-in.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            lines.add(TaggedJson.JSON.createObjectNode()
                    .put("key", "key-" + i)
                    .set("value", TaggedJson.of(expected.get(i), schema)).toString());
        }
        Files.write(records, lines, StandardCharsets.UTF_8);

        python("produce", broker.bootstrapServers(), registry.url(), topic, schemaFile.toString(), records.toString());

        List<ConsumerRecord<Object, T>> read = consume(topic, type, expected.size());
        assertThat(read).extracting(record -> record.key().toString())
                .containsExactlyElementsOf(IntStream.range(0, expected.size()).mapToObj(i -> "key-" + i).toList());
        assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(expected);
    }

    private <T> List<ConsumerRecord<Object, T>> consume(String topic, Class<T> type, int count) {
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.forUrls(registry.url());
        List<ConsumerRecord<Object, T>> records = new ArrayList<>();
        try (KafkaConsumer<Object, T> consumer = new KafkaConsumer<>(consumerConfig(topic),
                new AvroDeserializer<>(null, client, true), new AvroDeserializer<>(type, client, false))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).as("records consumed from %s", topic).hasSize(count);
        return records;
    }

    private void consumeOne(String topic) {
        try (KafkaConsumer<Object, OrderCommand> consumer = new KafkaConsumer<>(consumerConfig(topic),
                new AvroDeserializer<>(null, HttpSchemaRegistryClient.forUrls(registry.url()), true),
                new AvroDeserializer<>(OrderCommand.class, HttpSchemaRegistryClient.forUrls(registry.url()), false))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return;
                }
            }
        }
    }

    private static Map<String, Object> consumerConfig(String topic) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "java-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private static void produceRaw(String topic, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, value)).get();
        }
    }

    static OrderCommand placeOrder(Random random) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            int quantity = 1 + random.nextInt(50);
            BigDecimal price = BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            lines.add(OrderLine.newBuilder()
                    .setSku("SKU-" + (char) ('A' + random.nextInt(6)))
                    .setProductName(random.nextBoolean() ? "商品" + i : null)
                    .setSpec(random.nextBoolean() ? "红色, L" : null)
                    .setQuantity(quantity)
                    .setUnitPrice(price)
                    .setAmount(price.multiply(BigDecimal.valueOf(quantity)))
                    .setTaxIncluded(random.nextBoolean())
                    .setKind(random.nextInt(5) == 0 ? LineKind.SERVICE : LineKind.GOODS)
                    .setServiceDurationMinutes(random.nextBoolean() ? 30 + random.nextInt(120) : null)
                    .build());
        }
        String orderId = "20261122-" + String.format("%06d", random.nextInt(1_000_000));
        return OrderCommand.newBuilder()
                .setCommandId("cmd-" + Long.toHexString(random.nextLong()))
                .setOrderId(orderId)
                .setActor(new Actor("shop-" + random.nextInt(9), Role.PLATFORM))
                .setAt(Instant.ofEpochMilli(1_760_000_000_000L + random.nextInt(1_000_000_000)))
                .setPayload(PlaceOrder.newBuilder()
                        .setChannel(Channel.values()[random.nextInt(4)])
                        .setOrderDate(LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28)))
                        .setCustomer(Customer.newBuilder()
                                .setId("C" + random.nextInt(1000))
                                .setName(random.nextBoolean() ? "张三" : "ACME Trading Co.")
                                .setContactName(random.nextBoolean() ? "李四" : null)
                                .setPhone(random.nextBoolean() ? "1380000" + random.nextInt(10_000) : null)
                                .setAddress(random.nextBoolean() ? "深圳市南山区 1号" : null)
                                .build())
                        .setExpectedDeliveryDate(random.nextBoolean() ? LocalDate.of(2026, 12, 1 + random.nextInt(30)) : null)
                        .setPaymentMethod(PaymentMethod.values()[random.nextInt(4)])
                        .setCurrency(random.nextBoolean() ? "CNY" : "EUR")
                        .setDiscount(random.nextBoolean() ? BigDecimal.valueOf(random.nextInt(10_000), 2) : null)
                        .setNotes(random.nextBoolean() ? "gift wrap 礼品包装" : null)
                        .setLines(lines)
                        .setExternalRef(random.nextBoolean() ? "TB-" + random.nextInt(99999) : null)
                        .build())
                .build();
    }

    static TrackingScan trackingScan(Random random) {
        return TrackingScan.newBuilder()
                .setEventId("sf-evt-" + random.nextInt(1_000_000))
                .setCarrier("SF")
                .setTrackingNumber("SF" + (100_000_000 + random.nextInt(900_000_000)))
                .setStatus(TrackingStatus.values()[random.nextInt(7)])
                .setAt(Instant.ofEpochMilli(1_760_000_000_000L + random.nextInt(1_000_000_000)))
                .setLocation(random.nextBoolean() ? "Shenzhen 深圳" : null)
                .setActor(new Actor("partner-sf", Role.LOGISTICS))
                .build();
    }

    static Product product(Random random) {
        return Product.newBuilder()
                .setSku("SKU-" + random.nextInt(1000))
                .setName(random.nextBoolean() ? "T-shirt" : "保温杯")
                .setCategory(random.nextBoolean() ? "apparel" : "家居")
                .setUnitPrice(random.nextBoolean() ? BigDecimal.valueOf(random.nextInt(100_000), 2) : null)
                .setReorderPoint(random.nextInt(20))
                .setKind(LineKind.GOODS)
                .setUpdatedBy(new Actor("demo-admin", Role.ADMIN))
                .setUpdatedAt(Instant.ofEpochMilli(1_760_000_000_000L + random.nextInt(1_000_000_000)))
                .build();
    }

    private static void python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPT.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "python-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done && process.exitValue() == 0)
                .as("python %s failed:%n%s", String.join(" ", args), Files.readString(log))
                .isTrue();
    }

    private static void requirePythonClient() throws InterruptedException {
        boolean available;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.avro, avro")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            available = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        }
        String message = "Confluent's Python client is missing for " + PYTHON
                + ": install the Debian packages python3-confluent-kafka and python3-avro"
                + " (apt-get install python3-confluent-kafka python3-avro)";
        if (Boolean.parseBoolean(System.getenv("ORDERFLOW_REQUIRE_PYTHON_COMPAT"))) {
            assertThat(available).as(message).isTrue();
        }
        Assumptions.assumeTrue(available, message);
    }

    private static String pythonCommand() {
        String configured = System.getenv("ORDERFLOW_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        // Debian's packages install into the system interpreter, not into a pyenv or venv one.
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
