package io.orderflow.gateway.kafka;

import io.orderflow.gateway.service.GatewayException;
import io.orderflow.gateway.service.OrderIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Order ids {@code YYYYMMDD-} + a six-or-more digit sequence, unique across instances and restarts without any
 * coordination but Kafka's own: an instance reserves a block of {@value #BLOCK} numbers by appending one record to
 * the single-partition topic {@code gateway-order-sequence}; the offset Kafka gives that record is the block
 * number, and no two appends ever get the same offset. A restart abandons at most the rest of one block. The date
 * is the business date in the gateway's time zone; the sequence does not restart daily.
 */
public final class KafkaOrderIds implements OrderIds {

    static final int BLOCK = 100;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String instanceId;
    private final Duration timeout;
    private long next;
    private long limit;

    public KafkaOrderIds(Producer<String, byte[]> producer, String topic, String instanceId, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.instanceId = instanceId;
        this.timeout = timeout;
    }

    @Override
    public synchronized String next(LocalDate date) {
        if (next >= limit) {
            long block = reserve();
            next = Math.max(1, block * BLOCK);
            limit = (block + 1) * BLOCK;
        }
        return date.format(DATE) + "-" + String.format("%06d", next++);
    }

    private long reserve() {
        try {
            RecordMetadata reserved = producer.send(new ProducerRecord<>(topic, 0, instanceId,
                    ("block reserved by " + instanceId).getBytes(StandardCharsets.UTF_8)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return reserved.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static GatewayException.Unavailable unavailable(Exception e) {
        return new GatewayException.Unavailable("cannot reserve order ids: Kafka is unavailable",
                KafkaEventLog.RETRY_AFTER_SECONDS, e);
    }
}
