package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.serde.SchemaRegistryException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** A registry outage is retried (the thread fails, nothing skipped); a poison record goes to the dead letters. */
class RetryRegistryOutagesTest {

    private static final String DEAD_LETTERS = "dead-letters";

    private static final SchemaRegistryException UNREACHABLE = new SchemaRegistryException(
            "no schema registry reachable at [http://localhost:8081] for /subjects/order-events-value/versions",
            new ConnectException("Connection refused"));
    private static final SchemaRegistryException OVERLOADED =
            new SchemaRegistryException("schema registry answered 503", 503, 50003);
    private static final SchemaRegistryException INCOMPATIBLE =
            new SchemaRegistryException("schema registry answered 409: incompatible", 409, 409);

    private final Record<String, String> record = new Record<>("O-1", "{}", 0L);
    private final ConsumerRecord<byte[], byte[]> raw =
            new ConsumerRecord<>("order-commands", 3, 17L, "O-1".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 9});

    @Test
    void shouldFailTheThreadOnARegistryOutageSoThatTheRecordIsProcessedAgain() {
        RetryRegistryOutages.Processing processing = configured(new RetryRegistryOutages.Processing());
        RetryRegistryOutages.Deserialization deserialization = configured(new RetryRegistryOutages.Deserialization());

        assertThat(processing.handleError(context(), record, new StreamsException("store put failed", UNREACHABLE)).result())
                .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(processing.handleError(context(), record, OVERLOADED).result())
                .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(deserialization.handleError(context(), raw, UNREACHABLE).result())
                .isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldSendAPoisonRecordToTheDeadLettersAndGoOn() {
        RetryRegistryOutages.Processing processing = configured(new RetryRegistryOutages.Processing());
        RetryRegistryOutages.Deserialization deserialization = configured(new RetryRegistryOutages.Deserialization());

        ProcessingExceptionHandler.Response processed = processing.handleError(context(), record,
                new StreamsException("store put failed", INCOMPATIBLE));
        DeserializationExceptionHandler.Response read = deserialization.handleError(context(), raw,
                new IllegalArgumentException("unknown magic byte 9"));

        assertThat(processed.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(processed.deadLetterQueueRecords()).singleElement()
                .satisfies(dead -> assertThat(dead.topic()).isEqualTo(DEAD_LETTERS));
        assertThat(read.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(read.deadLetterQueueRecords()).singleElement()
                .satisfies(dead -> assertThat(dead.topic()).isEqualTo(DEAD_LETTERS));
    }

    private static <T extends org.apache.kafka.common.Configurable> T configured(T handler) {
        handler.configure(Map.of("errors.dead.letter.queue.topic.name", DEAD_LETTERS));
        return handler;
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "order-commands";
            }

            @Override
            public int partition() {
                return 3;
            }

            @Override
            public long offset() {
                return 17L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "order-processor";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            @Override
            public long timestamp() {
                return 0L;
            }

            @Override
            public byte[] sourceRawKey() {
                return "O-1".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return new byte[] {0, 0, 0, 0, 9};
            }
        };
    }
}
