package io.orderflow.gateway.kafka;

import io.orderflow.gateway.service.GatewayException;
import io.orderflow.gateway.service.OrderIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Order ids {@code YYYYMMDD-} + a six-or-more digit sequence, unique across instances and restarts without any
 * coordination but Kafka's own: an instance reserves a block of {@value #BLOCK} numbers by appending one record to
 * the single-partition topic {@code gateway-order-sequence}; the offset Kafka gives that record is the block
 * number, and no two appends ever get the same offset. A restart abandons at most the rest of two blocks. The date
 * is the business date in the gateway's time zone; the sequence does not restart daily.
 *
 * <p>The next block is reserved in the background when half of the current one is used, so requests rarely wait;
 * when they must, all of them wait on the one reservation under way, at most the delivery timeout.
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
    private CompletableFuture<Long> reserving;

    public KafkaOrderIds(Producer<String, byte[]> producer, String topic, String instanceId, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.instanceId = instanceId;
        this.timeout = timeout;
    }

    @Override
    public String next(LocalDate date) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long number = -1;
            CompletableFuture<Long> reservation = null;
            synchronized (this) {
                if (next < limit) {
                    if (limit - next == BLOCK / 2) {
                        reservation();
                    }
                    number = next++;
                } else {
                    reservation = reservation();
                }
            }
            if (reservation == null) {
                return id(date, number);   // formatted outside the lock every request thread takes
            }
            long block = await(reservation, deadline);
            synchronized (this) {
                if (reserving == reservation) {
                    reserving = null;
                }
                if (next >= limit) {
                    next = Math.max(1, block * BLOCK);
                    limit = (block + 1) * BLOCK;
                }
            }
        }
    }

    /** {@code yyyyMMdd-NNNNNN}: the number zero-padded to six digits (more when it has more). */
    static String id(LocalDate date, long number) {
        String digits = Long.toString(number);
        StringBuilder id = new StringBuilder(16).append(date.getYear());
        two(id, date.getMonthValue());
        two(id, date.getDayOfMonth());
        id.append('-');
        for (int pad = digits.length(); pad < 6; pad++) {
            id.append('0');
        }
        return id.append(digits).toString();
    }

    private static void two(StringBuilder out, int value) {
        out.append(value < 10 ? "0" : "").append(value);
    }

    /** The reservation under way, or a new one. Called holding the lock. */
    private CompletableFuture<Long> reservation() {
        if (reserving == null || reserving.isCompletedExceptionally()) {
            CompletableFuture<Long> started = new CompletableFuture<>();
            try {
                producer.send(new ProducerRecord<>(topic, 0, instanceId,
                        ("block reserved by " + instanceId).getBytes(StandardCharsets.UTF_8)), (metadata, failure) -> {
                            if (failure == null) {
                                started.complete(metadata.offset());
                            } else {
                                started.completeExceptionally(failure);
                            }
                        });
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
            reserving = started;
        }
        return reserving;
    }

    private long await(CompletableFuture<Long> reservation, long deadline) {
        try {
            return reservation.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(e);
        }
    }

    private static GatewayException.Unavailable unavailable(Exception e) {
        return new GatewayException.Unavailable("cannot reserve order ids: Kafka is unavailable",
                KafkaEventLog.RETRY_AFTER_SECONDS, e);
    }
}
