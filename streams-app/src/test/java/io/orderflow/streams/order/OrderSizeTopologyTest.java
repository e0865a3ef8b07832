package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.amend;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.pay;
import static io.orderflow.streams.Commands.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ReturnForChanges;
import io.orderflow.avro.SubmitOrder;
import io.orderflow.contract.OrderLimits;
import io.orderflow.serde.WireFormat;
import io.orderflow.streams.AppConfig;
import io.orderflow.streams.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orders as large as the contract lets them be (500 lines, 64-character SKUs, long texts of
 * three-byte characters: the gateway's own field limits let an order take over 3 MiB), and ids
 * and headers as long as a platform writing straight to Kafka may send, against the producer
 * limit the app configures: what is accepted is written within it, what would not fit is refused
 * ORDER_TOO_LARGE before anything is written, nothing is dead-lettered. Every topic the app
 * writes is read back, the stores' changelogs included, and measured as the producer measures a
 * record ({@code AbstractRecords}' upper bound, which {@code KafkaProducer} checks against
 * {@code max.request.size}).
 */
class OrderSizeTopologyTest {

    private static final int LIMIT = AppConfig.PRODUCER_MAX_REQUEST_BYTES - OrderSize.HEADROOM_BYTES;
    private static final String CJK = "订";

    @TempDir
    Path stateDir;

    private Pipeline pipeline;
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    /** 64 characters, the longest SKU the gateway takes. */
    private static String sku(int i) {
        return "SKU-%060d".formatted(i);
    }

    private void catalogOfEverySku() {
        for (int i = 0; i < OrderLimits.MAX_LINES; i++) {
            pipeline.product(sku(i), 0);
        }
    }

    /** 500 lines with 200-character names and specs and a service text of {@code serviceChars}, all three-byte. */
    private static PlaceOrder order(int serviceChars) {
        OrderLine[] lines = IntStream.range(0, OrderLimits.MAX_LINES).mapToObj(i -> {
            OrderLine line = line(sku(i), 1, "9999.99");
            line.setProductName(CJK.repeat(200));
            line.setSpec(CJK.repeat(200));
            line.setServiceContent(CJK.repeat(serviceChars));
            return line;
        }).toArray(OrderLine[]::new);
        PlaceOrder order = place(lines);
        order.setNotes(CJK.repeat(2000));
        return order;
    }

    /**
     * The largest such order whose placement encodes to at most {@code bytes}: a character of service text adds
     * three bytes to each line, and now and then a byte of length, so the estimate is at most one too many.
     */
    private static PlaceOrder orderOfAtMost(int bytes) {
        int chars = Math.min(2000, (bytes - placementSize(0)) / (3 * OrderLimits.MAX_LINES));
        assertThat(chars).as("characters of service text for %d bytes", bytes).isNotNegative();
        while (placementSize(chars) > bytes) {
            chars--;
        }
        return order(chars);
    }

    private static int placementSize(int serviceChars) {
        return WireFormat.encodedSize(command("O-1", order(serviceChars)));
    }

    private static OrderCommand command(String orderId, Object payload) {
        return new OrderCommand("c-" + orderId, orderId, SALES, Pipeline.T0, payload);
    }

    private static int producerSize(TestRecord<byte[], byte[]> record) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                record.key(), record.value(), record.headers().toArray());
    }

    /**
     * What the app wrote since the last call, by topic; fails if a record is over the producer's limit or
     * anything went to dead-letters.
     */
    private Written written() {
        Map<String, List<TestRecord<byte[], byte[]>>> byTopic = new LinkedHashMap<>();
        for (String topic : pipeline.driver.producedTopicNames()) {
            byTopic.put(topic, outputs.computeIfAbsent(topic, name -> pipeline.driver.createOutputTopic(name,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())).readRecordsToList());
        }
        byTopic.forEach((topic, records) -> assertThat(records).as(topic).allSatisfy(record ->
                assertThat(producerSize(record)).isLessThanOrEqualTo(AppConfig.PRODUCER_MAX_REQUEST_BYTES)));
        assertThat(byTopic.getOrDefault(pipeline.topics.deadLetters(), List.of())).as("dead letters").isEmpty();
        return new Written(byTopic);
    }

    private record Written(Map<String, List<TestRecord<byte[], byte[]>>> byTopic) {

        List<TestRecord<byte[], byte[]>> on(String topic) {
            return byTopic.getOrDefault(topic, List.of());
        }
    }

    private List<Refusal> refusals(Written written) {
        String topic = pipeline.topics.orderRefusals().name();
        return written.on(topic).stream()
                .map(record -> pipeline.topics.orderRefusals().valueSerde().deserializer()
                        .deserialize(topic, record.value()))
                .toList();
    }

    private List<TestRecord<byte[], byte[]>> ordersAndEvents(Written written) {
        return List.of(pipeline.statesTopic(), pipeline.topics.orderEvents().name()).stream()
                .flatMap(topic -> written.on(topic).stream()).toList();
    }

    @Test
    void shouldWriteAnOrderJustUnderTheLimitAndItsApproval() {
        catalogOfEverySku();
        pipeline.receive(sku(0), 1);
        pipeline.send("O-1", SALES, orderOfAtMost(LIMIT - 128 * 1024));
        pipeline.send("O-1", REVIEWER, approve());

        Written written = written();
        assertThat(refusals(written)).isEmpty();
        // short of 499 SKUs: the largest answer the ledger can give
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.AWAITING_STOCK);
        assertThat(ordersAndEvents(written)).extracting(record -> record.value().length).anySatisfy(bytes ->
                assertThat(bytes).isGreaterThan(LIMIT - 128 * 1024));
    }

    @Test
    void shouldRefuseAnOrderWrittenStraightToKafkaWhoseEventWouldNotFit() {
        catalogOfEverySku();
        OrderCommand command = command("O-1", orderOfAtMost(LIMIT));
        assertThat(WireFormat.encodedSize(command)).as("a command the producer could write")
                .isLessThan(AppConfig.PRODUCER_MAX_REQUEST_BYTES - 1024).isGreaterThan(LIMIT - 4096);

        pipeline.commands.pipeInput("O-1", command, pipeline.now());

        Written written = written();
        assertThat(refusals(written)).singleElement().satisfies(refusal -> {
            assertThat(refusal.getCode()).isEqualTo(Refusals.ORDER_TOO_LARGE);
            assertThat(refusal.getCommandId()).isEqualTo(command.getCommandId());
        });
        assertThat(ordersAndEvents(written)).isEmpty();
        assertThat(pipeline.order("O-1")).isNull();
    }

    @Test
    void shouldRefuseAnApprovalWhoseStockAnswerWouldNotFitAndReserveNothing() {
        catalogOfEverySku();
        pipeline.receive(sku(0), 5);
        pipeline.send("O-1", SALES, orderOfAtMost(LIMIT - 16 * 1024));
        written();

        pipeline.send("O-1", REVIEWER, approve());

        Written written = written();
        assertThat(refusals(written)).singleElement().satisfies(refusal ->
                assertThat(refusal.getCode()).isEqualTo(Refusals.ORDER_TOO_LARGE));
        assertThat(ordersAndEvents(written)).isEmpty();
        assertThat(written.on(pipeline.topics.stockBySku().name())).isEmpty();
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.level(sku(0)).getReserved()).isZero();
    }

    @Test
    void shouldRefuseTheCommandThatWouldGrowTheHistoryPastTheLimitAndKeepTheOrder() {
        catalogOfEverySku();
        pipeline.send("O-1", SALES, orderOfAtMost(LIMIT - 64 * 1024));
        String longReason = CJK.repeat(2000);
        List<Refusal> refused = List.of();
        long version = 0;
        for (int i = 0; i < 40 && refused.isEmpty(); i++) {
            version = pipeline.order("O-1").getVersion();
            boolean returning = i % 2 == 0;
            pipeline.send("O-1", returning ? REVIEWER : SALES,
                    returning ? new ReturnForChanges(longReason) : new SubmitOrder(longReason));
            refused = refusals(written());
        }

        assertThat(refused).singleElement().satisfies(refusal ->
                assertThat(refusal.getCode()).isEqualTo(Refusals.ORDER_TOO_LARGE));
        assertThat(version).as("commands applied before").isGreaterThan(2);
        assertThat(pipeline.order("O-1").getVersion()).isEqualTo(version);
    }

    @Test
    void shouldRefuseACommandHeldBehindAWaitingOneWhenTheHeldCommandsWouldNotFit() {
        catalogOfEverySku();
        // a placement naming a SKU the catalog does not know yet waits for it; what follows is held behind it
        pipeline.send("O-1", SALES, place(line("NEW", 1, "1.00")));
        // an amendment that fits alone, but not twice
        OrderLine[] lines = orderOfAtMost(LIMIT * 2 / 3).getLines().toArray(OrderLine[]::new);
        pipeline.send("O-1", SALES, amend(lines));
        String second = pipeline.send("O-1", SALES, amend(lines));

        assertThat(refusals(written())).singleElement().satisfies(refusal -> {
            assertThat(refusal.getCode()).isEqualTo(Refusals.ORDER_TOO_LARGE);
            assertThat(refusal.getCommandId()).isEqualTo(second);
        });

        pipeline.product("NEW", 0);
        pipeline.driver.advanceWallClockTime(Duration.ofMillis(300));

        assertThat(refusals(written())).isEmpty();
        assertThat(pipeline.order("O-1").getLines()).hasSize(OrderLimits.MAX_LINES);
    }

    @Test
    void shouldRefuseACommandWhoseIdTheOrderCouldNoLongerRemember() {
        // refused commands change no order, but their ids are remembered in the order's bookkeeping
        String longId = "c".repeat(120_000);
        for (int i = 0; i < 9; i++) {
            pipeline.send(i + longId, "O-1", REVIEWER, approve());
        }

        List<String> expected = new ArrayList<>(Collections.nCopies(8, Refusals.UNKNOWN_ORDER));
        expected.add(Refusals.ORDER_TOO_LARGE);
        assertThat(refusals(written())).extracting(Refusal::getCode).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldCountTheKeyOfAnOrdersRecords() {
        // the event holds the order id three times and fits on its own; with the id as its key it would not
        pipeline.product(sku(0), 0);
        String orderId = "O-" + "1".repeat(290_000);

        pipeline.send(orderId, SALES, place(line(sku(0), 1, "1.00")));

        assertThat(refusals(written())).singleElement().satisfies(refusal ->
                assertThat(refusal.getCode()).isEqualTo(Refusals.ORDER_TOO_LARGE));
        assertThat(pipeline.order(orderId)).isNull();
    }

    @Test
    void shouldCutARefusalsReasonThatWouldNotFitAndKeepItsIds() {
        // "no order <id> is known", keyed by that id, would hold the order id three times
        String orderId = "O-" + "1".repeat(400_000);

        String commandId = pipeline.send(orderId, REVIEWER, approve());

        assertThat(refusals(written())).singleElement().satisfies(refusal -> {
            assertThat(refusal.getCode()).isEqualTo(Refusals.UNKNOWN_ORDER);
            assertThat(refusal.getCommandId()).isEqualTo(commandId);
            assertThat(refusal.getOrderId()).isEqualTo(orderId);
            assertThat(refusal.getReason()).startsWith("no order O-111").endsWith("…");
        });
    }

    @Test
    void shouldNotCopyACommandsHeadersOntoTheOrdersRecords() {
        // a 600 kB order, then a small command under a 600 kB header: the two together would not fit
        pipeline.product(sku(0), 0);
        PlaceOrder large = place(line(sku(0), 1, "1.00"));
        large.setNotes(CJK.repeat(200_000));
        pipeline.send("O-1", SALES, large);
        written();
        Instant at = pipeline.now().plusSeconds(60);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[600_000]);

        pipeline.commands.pipeInput(new TestRecord<>("O-1",
                new OrderCommand("pay-1", "O-1", SALES, at, pay("1.00")), headers, at));

        Written written = written();
        assertThat(ordersAndEvents(written)).hasSize(2)
                .allSatisfy(record -> assertThat(record.headers().toArray()).isEmpty());
        assertThat(pipeline.order("O-1").getPaidAmount()).isEqualByComparingTo("1.00");
    }
}
