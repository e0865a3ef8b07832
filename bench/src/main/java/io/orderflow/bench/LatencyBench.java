package io.orderflow.bench;

import io.orderflow.streams.AppConfig;
import io.orderflow.streams.TopicSetup;
import io.orderflow.streams.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 2: end-to-end latency of a new order, from its POST to the gateway to its event on the query API's
 * live stream ({@code GET /v1/stream}), at 50 % and 80 % of the sustained rate, with an open-loop generator:
 * order {@code i} of a run is due at {@code t0 + i / rate} whatever happened to the earlier ones, and its latency
 * counts from that intended time (no coordinated omission). The gateway and one streams-app run in their own
 * JVMs, as {@code ./orderflow up} runs them.
 *
 * <p>Why the live stream and not polling {@code GET /v1/orders/{id}}: the event reaches the stream when the
 * transaction that also wrote the order's state to {@code orders-store}'s changelog commits, which is when the
 * order is durably visible (read_committed) to every reader; a poll would put one request per pending order
 * per poll interval on the same two cores, and its interval would bound the resolution.
 *
 * <p>The sustained rate is measured in the same run: orders sent open-loop at {@code probeRate} (above what the
 * pipeline drains) for {@code probeSeconds}, counting the events that arrive while the POSTs still come (from a
 * quarter of the sending time to its end), so that the gateway and broker are as busy as in the latency runs.
 * Baseline, at each rate: the broker alone, an acks=all producer (the gateway's settings) to a read_committed
 * consumer, open-loop at the same rate for the same time.
 */
final class LatencyBench {

    private static final Logger log = LoggerFactory.getLogger(LatencyBench.class);
    private static final String APPLICATION_ID = "bench-latency";
    private static final String PROBE_TOPIC = "bench-latency-probe";
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private LatencyBench() {
    }

    static void run(Stack stack, int seconds, int probeRate, int probeSeconds, Report report) {
        Map<String, String> settings = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", stack.registry.url(),
                "STREAMS_APPLICATION_ID", APPLICATION_ID,
                "ORDERFLOW_TOPIC_PARTITIONS", "6");
        Topics topics = Topics.from(settings, stack.registryClient);
        TopicSetup.ensure(AppConfig.from(settings), topics);
        OrderLoad.writeCatalog(stack.bootstrapServers(), stack.registryClient, topics, 1_000_000);
        try (AppProcess gateway = AppProcess.gateway(stack);
                AppProcess app = AppProcess.streamsApp(stack, APPLICATION_ID, "a", Map.of("ORDERFLOW_TOPIC_PARTITIONS", "6"))) {
            gateway.awaitReady(Duration.ofMinutes(2));
            app.awaitReady(Duration.ofMinutes(3));
            try (Visibility stream = new Visibility(app.base)) {
                Sender sender = new Sender(gateway.base);
                log.info("latency: warm-up, 300 orders at 50/s");
                Run warmUp = sender.send("W", 50, 300, stream);
                warmUp.settle(stream, SETTLE);

                int probeOrders = probeRate * probeSeconds;
                log.info("latency: sustained rate, {} orders open-loop at {}/s", probeOrders, probeRate);
                Run probe = sender.send("P", probeRate, probeOrders, stream);
                probe.settle(stream, SETTLE.multipliedBy(3));
                double sustained = probe.drainRate(stream);
                double whileSending = probe.arrivalRateWhileSending(stream);
                log.info("latency: sustained {} orders/s ({} while sending)", sustained, whileSending);
                report.note(String.format(Locale.ROOT,
                        "Figure 2: sustained rate measured in the same run: %,d new orders POSTed open-loop at %,d/s for "
                                + "%d s (%d answered other than 202, %d of %d events seen in the end); their events arrived "
                                + "on /v1/stream at **%.0f orders/s** from the first event to the last%s; %.0f orders/s "
                                + "arrived while the POSTs were still coming (from a quarter of the sending time to its end).",
                        probeOrders, probeRate, probeSeconds, probe.errors.get(), probe.seen(stream), probeOrders,
                        sustained, sustained > 0.9 * probeRate ? " (about the probe rate: the capacity may be higher)" : "",
                        whileSending));

                for (double share : List.of(0.5, 0.8)) {
                    int rate = Math.max(1, (int) Math.round(sustained * share));
                    int orders = rate * seconds;
                    log.info("latency: {} % = {} orders/s for {} s", (int) (share * 100), rate, seconds);
                    Run run = sender.send(share == 0.5 ? "H" : "E", rate, orders, stream);
                    run.settle(stream, SETTLE);
                    Latencies visible = run.fromIntended(stream);
                    Latencies fromAck = run.fromAck(stream);
                    Latencies post = run.post();
                    log.info("latency: broker alone at {}/s", rate);
                    Latencies broker = brokerAlone(stack, rate, seconds);
                    int missing = orders - visible.count();
                    boolean target = share == 0.5;
                    report.add(new Row(String.format(Locale.ROOT,
                            "2. end-to-end latency, POST → order on /v1/stream, at %d %% of the sustained rate "
                                    + "(%,d orders/s open-loop, %d s, from the intended send time)",
                            (int) (share * 100), rate, seconds),
                            visible.summary() + (missing > 0 ? String.format(Locale.ROOT, " (%d never seen)", missing) : ""),
                            "broker alone, acks=all → read_committed, same rate: " + broker.summary(),
                            Optional.of(visible.millis(0.99) / broker.millis(0.99)),
                            target ? "p99 ≤ 150 ms" : "— (p99 ≤ 150 ms at 50 %)",
                            target ? Optional.of(missing == 0 && run.errors.get() == 0 && visible.millis(0.99) <= 150)
                                    : Optional.empty()));
                    report.note(String.format(Locale.ROOT,
                            "Figure 2 at %d %%: POST → 202 %s; 202 → on the stream %s; %d answered other than 202, "
                                    + "%d POSTs sent more than 10 ms after their intended time (generator lag).",
                            (int) (share * 100), post.summary(), fromAck.summary(), run.errors.get(), run.late.get()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The broker alone at {@code rate}/s for {@code seconds}: intended send time → committed read. */
    private static Latencies brokerAlone(Stack stack, int rate, int seconds) throws InterruptedException {
        stack.broker.createTopics(List.of(new NewTopic(PROBE_TOPIC + "-" + rate, 6, (short) 1)));
        String topic = PROBE_TOPIC + "-" + rate;
        int total = rate * seconds;
        long[] intended = new long[total];
        long[] arrived = new long[total];
        AtomicLong seen = new AtomicLong();
        CountDownLatch assigned = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500), new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                consumer.poll(Duration.ZERO);
                assigned.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) + SETTLE.toNanos();
                while (seen.get() < total && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                        long now = System.nanoTime();
                        int i = Integer.parseInt(record.key());
                        if (arrived[i] == 0) {
                            arrived[i] = now;
                            seen.incrementAndGet();
                        }
                    });
                }
            }
        }, "bench-broker-probe-reader");
        reader.start();
        if (!assigned.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the probe consumer did not start");
        }
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            for (int i = 0; i < total; i++) {
                intended[i] = t0 + (long) (i * 1e9 / rate);
                parkUntil(intended[i]);
                producer.send(new ProducerRecord<>(topic, String.valueOf(i), value));
            }
            producer.flush();
        }
        reader.join(TimeUnit.SECONDS.toMillis(seconds) + SETTLE.toMillis() + 10_000);
        long[] latencies = new long[(int) seen.get()];
        int n = 0;
        for (int i = 0; i < total && n < latencies.length; i++) {
            if (arrived[i] != 0) {
                latencies[n++] = arrived[i] - intended[i];
            }
        }
        return new Latencies(Arrays.copyOf(latencies, n));
    }

    private static void parkUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The live stream of one streams-app instance: when each order's first event arrived (nanoTime). */
    static final class Visibility implements AutoCloseable {

        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private volatile long lastEvent = System.nanoTime();
        private final Thread reader;
        private volatile InputStream body;

        Visibility(String base) throws InterruptedException {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CountDownLatch listening = new CountDownLatch(1);
            reader = new Thread(() -> {
                try {
                    HttpResponse<InputStream> response = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/stream?type=order&key=demo-analyst"))
                                    .header("Accept", "text/event-stream").build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    body = response.body();
                    if (response.statusCode() != 200) {
                        log.error("live stream: {} {}", response.statusCode(),
                                new String(body.readAllBytes(), StandardCharsets.UTF_8));
                        return;
                    }
                    BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith(":")) {
                            listening.countDown(); // the server's comment once it is subscribed
                        } else if (line.startsWith("data:")) {
                            long now = System.nanoTime();
                            lastEvent = now;
                            Matcher id = ORDER_ID.matcher(line);
                            if (id.find()) {
                                arrivals.putIfAbsent(id.group(1), now);
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    log.info("live stream closed: {}", e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-live-stream");
            reader.setDaemon(true);
            reader.start();
            if (!listening.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the live stream did not open within a minute");
            }
        }

        /** Nanoseconds since the last event of any order arrived. */
        long quietNanos() {
            return System.nanoTime() - lastEvent;
        }

        Long arrival(String orderId) {
            return arrivals.get(orderId);
        }

        @Override
        public void close() {
            InputStream open = body;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException e) {
                    log.debug("closing the event stream: {}", e.toString());
                }
            }
            reader.interrupt();
        }
    }

    /** Posts new orders open-loop, each with its own id, to the gateway. */
    static final class Sender {

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Sender(String base) {
            this.base = base;
        }

        Run send(String prefix, int rate, int orders, Visibility stream) {
            Run run = new Run(prefix, orders);
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            for (int i = 0; i < orders; i++) {
                int index = i;
                run.intended[i] = t0 + (long) (i * 1e9 / rate);
                parkUntil(run.intended[i]);
                if (System.nanoTime() - run.intended[i] > TimeUnit.MILLISECONDS.toNanos(10)) {
                    run.late.incrementAndGet();
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/orders"))
                        .header("Authorization", "Bearer demo-sales")
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body(run.id(i), i)))
                        .build();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    run.acked.set(index, System.nanoTime());
                    if (error != null || response.statusCode() != 202) {
                        run.errors.incrementAndGet();
                        if (run.errors.get() <= 3) {
                            log.warn("POST {}: {}", run.id(index), error != null ? error.toString() : response.statusCode());
                        }
                    }
                });
            }
            return run;
        }

        private static String body(String orderId, int i) {
            return "{\"orderId\": \"" + orderId + "\", \"channel\": \"PHONE\", \"expectedDeliveryDate\": \"2026-12-30\", "
                    + "\"customer\": {\"id\": \"C" + (i % 500) + "\", \"name\": \"Bench Customer\", \"contactName\": \"Bench\", "
                    + "\"phone\": \"13800000000\", \"address\": \"1 Road\"}, \"paymentMethod\": \"BANK_TRANSFER\", "
                    + "\"lines\": [{\"sku\": \"" + OrderLoad.sku(i % OrderLoad.SKUS) + "\", \"quantity\": 1, "
                    + "\"unitPrice\": \"12.50\", \"amount\": \"12.50\"}]}";
        }
    }

    /** One open-loop run: per order its intended send time, when its 202 came, and (from the stream) when it showed. */
    static final class Run {

        static final int QUIET_SECONDS = 5;

        final String prefix;
        final long[] intended;
        final AtomicLongArray acked;
        final AtomicLong errors = new AtomicLong();
        final AtomicLong late = new AtomicLong();

        Run(String prefix, int orders) {
            this.prefix = prefix;
            this.intended = new long[orders];
            this.acked = new AtomicLongArray(orders);
        }

        String id(int i) {
            return String.format("L%s-%07d", prefix, i);
        }

        int seen(Visibility stream) {
            int seen = 0;
            for (int i = 0; i < intended.length; i++) {
                if (stream.arrival(id(i)) != null) {
                    seen++;
                }
            }
            return seen;
        }

        /**
         * Waits (polling, with a deadline) until every order of the run is on the stream or failed, and then until
         * no event at all came for {@value #QUIET_SECONDS} s: a POST that failed at the client (a connection the
         * server closed) may still have reached Kafka, and the next run must not queue behind its backlog.
         */
        void settle(Visibility stream, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && (seen(stream) + errors.get() < intended.length
                    || stream.quietNanos() < TimeUnit.SECONDS.toNanos(QUIET_SECONDS))) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }

        /**
         * Orders per second whose events arrived while the run was still sending, from a quarter of its sending
         * time to its end: with the POSTs coming faster than the pipeline drains, that is the pipeline's rate
         * while the gateway and the broker are busy too, as they are in the latency runs.
         */
        /** Orders per second whose events arrived, from the run's first event to its last. */
        double drainRate(Visibility stream) {
            long[] arrivals = Arrays.stream(ids()).map(stream::arrival).filter(a -> a != null)
                    .mapToLong(Long::longValue).sorted().toArray();
            if (arrivals.length < 20) {
                throw new IllegalStateException("only " + arrivals.length + " events seen of " + intended.length);
            }
            return (arrivals.length - 1) / ((arrivals[arrivals.length - 1] - arrivals[0]) / 1e9);
        }

        double arrivalRateWhileSending(Visibility stream) {
            long from = intended[0] + (intended[intended.length - 1] - intended[0]) / 4;
            long to = intended[intended.length - 1];
            long count = Arrays.stream(ids()).map(stream::arrival).filter(a -> a != null && a >= from && a <= to).count();
            return count / ((to - from) / 1e9);
        }

        private String[] ids() {
            String[] ids = new String[intended.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = id(i);
            }
            return ids;
        }

        Latencies fromIntended(Visibility stream) {
            return between(i -> intended[i], i -> stream.arrival(id(i)));
        }

        Latencies fromAck(Visibility stream) {
            return between(i -> acked.get(i) == 0 ? null : acked.get(i), i -> stream.arrival(id(i)));
        }

        Latencies post() {
            return between(i -> intended[i], i -> acked.get(i) == 0 ? null : acked.get(i));
        }

        private Latencies between(java.util.function.IntFunction<Long> from, java.util.function.IntFunction<Long> to) {
            long[] out = new long[intended.length];
            int n = 0;
            for (int i = 0; i < intended.length; i++) {
                Long a = from.apply(i);
                Long b = to.apply(i);
                if (a != null && b != null) {
                    out[n++] = b - a;
                }
            }
            return new Latencies(Arrays.copyOf(out, n));
        }
    }
}
