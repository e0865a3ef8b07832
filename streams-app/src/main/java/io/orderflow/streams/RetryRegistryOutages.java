package io.orderflow.streams;

import io.orderflow.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's error handlers: a poison record (one that can never be read or processed) goes to
 * the dead-letter topic with its reason and processing continues, as Kafka Streams' log-and-
 * continue handlers do; but a record that failed only because the schema registry could not be
 * reached or failed inside ({@link SchemaRegistryException#isTransient()}) is no poison: skipping
 * it would lose a command the gateway has acknowledged. Then the stream thread fails, is replaced
 * (see {@link StreamsApp}) and, exactly once, processes the record again from the last commit.
 */
public final class RetryRegistryOutages {

    private static final Logger log = LoggerFactory.getLogger(RetryRegistryOutages.class);

    private RetryRegistryOutages() {
    }

    /** For {@code processing.exception.handler}. */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (SchemaRegistryException.transientIn(exception)) {
                log.warn("schema registry unavailable while processing {} partition {} offset {}; retrying from the last commit: {}",
                        context.topic(), context.partition(), context.offset(), exception.getMessage());
                return Response.fail();
            }
            return super.handleError(context, record, exception);
        }
    }

    /** For {@code deserialization.exception.handler}. */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            if (SchemaRegistryException.transientIn(exception)) {
                log.warn("schema registry unavailable while reading {} partition {} offset {}; retrying from the last commit: {}",
                        record.topic(), record.partition(), record.offset(), exception.getMessage());
                return Response.fail();
            }
            return super.handleError(context, record, exception);
        }
    }
}
