package io.orderflow.streams;

import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that cannot be read or processed do not stop the app; failed processing goes to the dead-letter topic. */
class DeadLetterTopologyTest {

    private static final byte[] NOT_AVRO = "{\"orderId\": 1}".getBytes(StandardCharsets.UTF_8);
    /** Confluent wire format with a schema id no registry knows. */
    private static final byte[] UNKNOWN_SCHEMA_ID = {0, 0, 0, 0x7f, 0x7f, 2, 4, 6};

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * TopologyTestDriver hands deserialization failures to the handler but does not produce the
     * handler's dead-letter records; that they reach the topic is checked by {@code StreamsAppIT}.
     */
    @Test
    void shouldSkipUnreadableRecordsOfEveryInputAndCarryOn() {
        List<TestInputTopic<byte[], byte[]>> inputs =
                List.of(pipeline.rawCommands, pipeline.rawScans, pipeline.rawMovements, pipeline.rawProducts);
        for (TestInputTopic<byte[], byte[]> input : inputs) {
            input.pipeInput("A".getBytes(StandardCharsets.UTF_8), NOT_AVRO, Pipeline.T0);
            input.pipeInput("A".getBytes(StandardCharsets.UTF_8), UNKNOWN_SCHEMA_ID, Pipeline.T0);
        }

        pipeline.receive("A", 5);
        pipeline.send("O-1", SALES, place(line("A", 1, "1.00")));

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(15);
    }

    @Test
    void shouldSendATombstoneOnACommandScanOrMovementTopicToTheDeadLetterTopicWithItsKeyAndReason() {
        List<TestInputTopic<byte[], byte[]>> inputs = List.of(pipeline.rawCommands, pipeline.rawScans,
                pipeline.rawMovements);
        for (TestInputTopic<byte[], byte[]> input : inputs) {
            input.pipeInput("K-1".getBytes(StandardCharsets.UTF_8), null, pipeline.now());
        }

        List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters.readRecordsToList();
        assertThat(dead).extracting(record -> header(record, "__streams.errors.topic"))
                .containsExactly("order-commands", "tracking-scans", "stock-movements");
        assertThat(dead).allSatisfy(record -> {
            assertThat(record.key()).asString(StandardCharsets.UTF_8).isEqualTo("K-1");
            assertThat(record.value()).isNull();
            assertThat(header(record, "__streams.errors.exception")).contains("TombstoneException");
            assertThat(header(record, "__streams.errors.message")).contains("a tombstone (null value) on");
        });

        pipeline.send("O-1", SALES, place(line("A", 1, "1.00")));
        pipeline.receive("A", 5);
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(15);
    }

    @Test
    void shouldSendACommandThatFailsProcessingToTheDeadLetterTopicAndCarryOn() {
        // keyed by another order than it names: processing refuses to guess which order it is
        pipeline.commands.pipeInput("O-2", new OrderCommand("c-x", "O-1", SALES, pipeline.now(),
                place(line("A", 1, "1.00"))), pipeline.now());

        List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters.readRecordsToList();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(header(record, "__streams.errors.exception")).contains("IllegalArgumentException");
            assertThat(header(record, "__streams.errors.message")).contains("keyed by order id");
            assertThat(header(record, "__streams.errors.topic")).isEqualTo("order-commands");
        });
        assertThat(pipeline.order("O-1")).isNull();

        pipeline.send("O-1", SALES, place(line("A", 1, "1.00")));
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
    }

    @Test
    void shouldSendAStockMovementThatWouldOverflowToTheDeadLetterTopicAndKeepTheLevel() {
        pipeline.receive("A", Integer.MAX_VALUE);

        List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters.readRecordsToList();
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(header(record, "__streams.errors.exception")).contains("ArithmeticException");
            assertThat(header(record, "__streams.errors.topic")).isEqualTo(pipeline.topics.stockMovements().name());
        });
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(10);

        pipeline.receive("A", 1);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(11);
    }
}
