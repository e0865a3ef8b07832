package io.orderflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker alone, as the gateway uses it: {@code clients} threads, each sending one record and waiting for
 * its acks=all acknowledgement before the next, as {@code wrk}'s connections wait for each 202; one producer
 * with the gateway's settings (idempotent, linger 5 ms, uncompressed). Splits figure 3's POST latency into the broker's
 * share and the gateway's.
 */
final class ProduceProbe {

    static final String TOPIC = "bench-produce-probe";

    private ProduceProbe() {
    }

    /** Acknowledged records per second and the acknowledgement latency, p50 and p99, in milliseconds. */
    record Result(double perSecond, double p50Millis, double p99Millis) {
    }

    /**
     * The settings of the gateway's producer with its defaults (its {@code KafkaEventLog.producerConfig}: acks=all,
     * idempotent, linger 5 ms, 64 KiB batches, uncompressed), for the bench's stand-ins of the gateway.
     */
    static Map<String, Object> gatewaySettings(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    }

    static Result run(Stack stack, int clients, int seconds) throws InterruptedException {
        stack.broker.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1)));
        Map<String, Object> config = gatewaySettings(stack.bootstrapServers());
        byte[] value = new byte[300]; // about an Avro PlaceOrder of the POST body
        Arrays.fill(value, (byte) 'x');
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        producer.send(new ProducerRecord<>(TOPIC, "k-" + client + "-" + n, value)).get();
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = System.nanoTime() - t0;
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                for (long latency : result.get()) {
                    all.add(latency);
                }
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                throw new IllegalStateException("no record acknowledged in " + seconds + " s");
            }
            return new Result(sorted.length / (double) seconds, sorted[sorted.length / 2] / 1e6,
                    sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a probe send failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
