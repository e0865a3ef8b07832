package io.orderflow.bench;

import io.orderflow.streams.AppConfig;
import io.orderflow.streams.TopicSetup;
import io.orderflow.streams.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
 * <p>The sustained rate is measured in the same run, after a warm-up: orders sent open-loop at {@code probeRate}
 * (above what the pipeline drains) for {@code probeSeconds}; the rate is the lower of the rate at which their
 * events reach the stream and the rate at which the whole pipeline (analytics included, by the app's offset
 * commits) drains them, since the analytics lag behind the events. Every run ends only once the app's consumer
 * group has stopped committing, so the next one does not queue behind the last one's backlog. Baseline, at each
 * rate: the broker alone, an acks=all producer (the gateway's settings) to a read_committed consumer, open-loop
 * at the same rate for the same time. Two consumers of {@code order-events} (read uncommitted and read committed)
 * split each order's way into its hops.
 */
final class LatencyBench {

    private static final Logger log = LoggerFactory.getLogger(LatencyBench.class);
    /** The rate of new orders the whole pipeline must sustain (figure 2's target in BENCHMARKS.md). */
    static final int SUSTAINED_TARGET = 500;
    private static final String APPLICATION_ID = "bench-latency";
    private static final String PROBE_TOPIC = "bench-latency-probe";
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /**
     * Long enough for the JIT to have compiled what runs once per commit, not only once per order: with 6 s (300
     * orders) the runs after it were still getting faster from one 5-s slice to the next.
     */
    private static final int WARM_UP_SECONDS = 90;
    private static final int WARM_UP_RATE = 50;
    /** A directory: each run's orders with their times, one CSV per run, for looking closer than the report does. */
    static final String DUMP_PROPERTY = "orderflow.bench.latency.dump";

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
            try (GroupProgress group = new GroupProgress(stack.broker.admin(), APPLICATION_ID);
                    Visibility stream = new Visibility(app.base);
                    Tap written = new Tap(stack.bootstrapServers(), topics.orderEvents().name(), "read_uncommitted");
                    Tap committed = new Tap(stack.bootstrapServers(), topics.orderEvents().name(), "read_committed");
                    StealTimeline steal = StealTimeline.start()) {
                Sender sender = new Sender(gateway.base);
                log.info("latency: warm-up, {} s at {} orders/s", WARM_UP_SECONDS, WARM_UP_RATE);
                Run warmUp = sender.send("W", WARM_UP_RATE, WARM_UP_RATE * WARM_UP_SECONDS, stream);
                warmUp.settle(stream, group, SETTLE);

                int probeOrders = probeRate * probeSeconds;
                log.info("latency: sustained rate, {} orders open-loop at {}/s", probeOrders, probeRate);
                Run probe = sender.send("P", probeRate, probeOrders, stream);
                probe.settle(stream, group, SETTLE.multipliedBy(3));
                double sustained = probe.drainRate(stream);
                double whileSending = probe.arrivalRateWhileSending(stream);
                double pipeline = probe.pipelineRate();
                log.info("latency: whole pipeline drained the probe at {} orders/s; last event {} s before its last commit,"
                        + " which moved {}", pipeline, (probe.drained - probe.lastArrival(stream)) / 1e9, group.lastMoved());
                log.info("latency: sustained {} orders/s ({} while sending)", sustained, whileSending);
                report.note(String.format(Locale.ROOT,
                        "Figure 2: sustained rate measured in the same run: %,d new orders POSTed open-loop at %,d/s for "
                                + "%d s (%d answered other than 202, %d of %d events seen in the end); their events arrived "
                                + "on /v1/stream at **%.0f orders/s** from the first event to the last%s; %.0f orders/s "
                                + "arrived while the POSTs were still coming (from a quarter of the sending time to its end); "
                                + "the whole pipeline (analytics included: the app's last offset commit for them) drained "
                                + "them at **%.0f orders/s**, from the first intended send. 50 %% and 80 %% are of the lower "
                                + "of the two.",
                        probeOrders, probeRate, probeSeconds, probe.errors.get(), probe.seen(stream), probeOrders,
                        sustained, sustained > 0.9 * probeRate ? " (about the probe rate: the capacity may be higher)" : "",
                        whileSending, pipeline));

                Jit jit = new Jit().watch("gateway", () -> Jit.of(gateway.pid()))
                        .watch("streams-app", () -> Jit.of(app.pid())).watch("broker", () -> Jit.of(stack.broker.pid()))
                        .watch("bench", Jit::self);
                CpuMeter cpu = CpuMeter.here().process("gateway", gateway::cpuNanos).process("streams-app", app::cpuNanos)
                        .process("broker", stack.broker::cpuNanos)
                        .process("the bench's clients (its JVM)", Offsets::processCpuNanos);
                Map<String, Number> result = new LinkedHashMap<>();
                result.put("sustained_ops", Math.round(sustained));
                for (double share : List.of(0.5, 0.8)) {
                    int rate = Math.max(1, (int) Math.round(Math.min(sustained, pipeline) * share));
                    int orders = rate * seconds;
                    String name = share == 0.5 ? "H" : "E";
                    Measured measured = measure(sender, stream, group, steal, jit, cpu, name, rate, orders, report);
                    Run run = measured.run();
                    Latencies visible = run.fromIntended(stream);
                    Latencies fromAck = run.fromAck(stream);
                    Latencies post = run.post();
                    String threadMetrics = streamThreadMetrics(app);
                    String slices = run.slices(stream, SLICE_SECONDS, steal);
                    log.info("latency: broker alone at {}/s", rate);
                    long brokerFrom = System.nanoTime();
                    // the apps idle from here (the attempt that stands may not be the last one)
                    CpuMeter.Snapshot idleFrom = cpu.now();
                    Latencies broker = brokerAlone(stack, rate, seconds);
                    OptionalDouble brokerSteal = steal.share(brokerFrom, System.nanoTime());
                    CpuMeter.Snapshot idleTo = cpu.now();
                    int missing = orders - visible.count();
                    boolean target = share == 0.5;
                    // figure 2's measure: 202 → visible (the POST's own time is figure 3's)
                    result.put(target ? "p99_ms_at_50" : "p99_ms_at_80", fromAck.millis(0.99));
                    report.add(new Row(String.format(Locale.ROOT,
                            "2. end-to-end latency, POST → order on /v1/stream, at %d %% of the sustained rate "
                                    + "(%,d orders/s open-loop, %d s, from the intended send time)",
                            (int) (share * 100), rate, seconds),
                            visible.summary() + (missing > 0 ? String.format(Locale.ROOT, " (%d never seen)", missing) : ""),
                            "broker alone, acks=all → read_committed, same rate: " + broker.summary()
                                    + (brokerSteal.isPresent() ? String.format(Locale.ROOT, " (host steal %.0f %%)",
                                            100 * brokerSteal.getAsDouble()) : ""),
                            Optional.of(visible.millis(0.99) / broker.millis(0.99)),
                            target ? "sustained ≥ " + SUSTAINED_TARGET + " orders/s, and here p99 202 → visible ≤ 150 ms"
                                    : "— (at 50 %)",
                            target ? Optional.of(missing == 0 && run.errors.get() == 0 && fromAck.millis(0.99) <= 150
                                    && Math.min(sustained, pipeline) >= SUSTAINED_TARGET)
                                    : Optional.empty()));
                    report.note(String.format(Locale.ROOT,
                            "Figure 2 at %d %%: POST → 202 %s; 202 → on the stream %s; %d answered other than 202, "
                                    + "%d POSTs sent more than 10 ms after their intended time (generator lag).",
                            (int) (share * 100), post.summary(), fromAck.summary(), run.errors.get(), run.late.get()));
                    report.note(String.format(Locale.ROOT,
                            "Figure 2 at %d %%, where the time goes: 202 → event written to `order-events` (read "
                                    + "uncommitted) %s; written → committed (read_committed) %s; committed → on the "
                                    + "stream %s.",
                            (int) (share * 100), run.between(run::acked, i -> written.arrival(run.id(i))).summary(),
                            run.between(i -> written.arrival(run.id(i)), i -> committed.arrival(run.id(i))).summary(),
                            run.between(i -> committed.arrival(run.id(i)), i -> stream.arrival(run.id(i))).summary()));
                    report.note(String.format(Locale.ROOT, "Figure 2 at %d %%, the JIT: %s; compiling during the run "
                            + "(from the first send until it settled): %s.", (int) (share * 100), measured.jitSettled(),
                            jit.between(measured.jitBefore(), measured.jitAfter())));
                    report.note(String.format(Locale.ROOT, "Figure 2 at %d %%, CPU per order by process, from the first "
                            + "send until the run settled: %s; the same processes per second while only the broker-alone "
                            + "baseline ran (the apps idle): %s.", (int) (share * 100),
                            cpu.perRequest(measured.cpuBefore(), measured.cpuAfter(), orders),
                            cpu.perRequest(idleFrom, idleTo, (idleTo.wall() - idleFrom.wall()) / 1_000_000_000L)));
                    report.note(String.format(Locale.ROOT, "Figure 2 at %d %%, p50/p99 in ms by 5-s slice of the run "
                            + "(from the intended send time), with the share of the cores' time the host stole in it: %s.",
                            (int) (share * 100), slices));
                    report.note(String.format(Locale.ROOT, "Figure 2 at %d %%, the stream thread and its producer "
                            + "over the last 30–60 s of the last attempt (the app's /metrics): %s.", (int) (share * 100), threadMetrics));
                }
                report.result("latency", result);
                String dump = System.getProperty(DUMP_PROPERTY);
                if (dump != null) {
                    sender.dump(Path.of(dump), stream, written, committed);
                }
            }
            report.note("Figure 2: errors the broker answered during the whole run, by request: " + brokerErrors() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A measured run with what the JIT and the processes did during it. */
    private record Measured(Run run, String jitSettled, double[] jitBefore, double[] jitAfter,
            CpuMeter.Snapshot cpuBefore, CpuMeter.Snapshot cpuAfter) {
    }

    /**
     * Sends {@code orders} at {@code rate} after the JIT settled, and waits for them; again (at most
     * {@value StealTimeline#ATTEMPTS} attempts) while the host stole more than {@link StealTimeline#LIMIT} of a 5-s
     * slice, with a note in the report of every attempt repeated.
     */
    private static Measured measure(Sender sender, Visibility stream, GroupProgress group, StealTimeline steal, Jit jit,
            CpuMeter cpu, String name, int rate, int orders, Report report) {
        return StealTimeline.measureWhileStolen(attempt -> {
            JitSettled settled = settleJit(sender, stream, jit, rate, name + attempt);
            log.info("latency: {} orders/s for {} s, attempt {}", rate, orders / rate, attempt);
            CpuMeter.Snapshot cpuBefore = cpu.now();
            Run run = sender.send(name + attempt, rate, orders, stream);
            run.settle(stream, group, SETTLE);
            return new Measured(run, settled.description(), settled.lastReading(), jit.now(), cpuBefore, cpu.now());
        }, measured -> measured.run().worstSliceSteal(steal, SLICE_SECONDS), (attempt, other) -> String.format(
                Locale.ROOT, "attempt %d: p99 %.0f ms, the host stole up to %.0f %% of a slice (slices: %s)", attempt,
                other.run().fromIntended(stream).millis(0.99),
                100 * other.run().worstSliceSteal(steal, SLICE_SECONDS),
                other.run().slices(stream, SLICE_SECONDS, steal)),
                String.format(Locale.ROOT, "Figure 2 at %,d orders/s", rate), "a 5-s slice of the run", report);
    }

    /**
     * Before a measured run: orders at its rate in rounds of {@value #JIT_ROUND_SECONDS} s until the three JVMs
     * together compiled less than {@value #JIT_QUIET_SECONDS} s in a round (at most {@value #JIT_MAX_ROUNDS} rounds).
     * The warm-up and the probe leave the JIT compiling into the next minutes (new paths at the probe's rate), and a
     * compiler thread then takes a share of the same two cores as the measured orders. The measured run follows the
     * last round without a pause, as a steady load does. (A slower first 5-s slice, once blamed on such a pause,
     * was the host's steal: see {@link StealTimeline#LIMIT}.) Says how it went, with the last reading of the JIT, which
     * is also the measured run's first (each reading of an app's JIT starts a {@code jstat}).
     */
    private static JitSettled settleJit(Sender sender, Visibility stream, Jit jit, int rate, String name) {
        double[] before = jit.now();
        double[] after = before;
        int rounds = 0;
        while (rounds < JIT_MAX_ROUNDS) {
            rounds++;
            before = after;
            sender.send("J" + rounds + name, rate, rate * JIT_ROUND_SECONDS, stream);
            after = jit.now();
            double compiled = Jit.total(before, after);
            log.info("latency: JIT round {} at {}/s: {}", rounds, rate, jit.between(before, after));
            if (!(compiled >= JIT_QUIET_SECONDS)) { // NaN (jstat not there) stops too: nothing to wait for
                break;
            }
        }
        return new JitSettled(String.format(Locale.ROOT, "%d round%s of %d s at this rate before the run until the "
                        + "JVMs compiled less than %.1f s in one (at most %d; compiled in the last: %s), the run right "
                        + "after it", rounds, rounds == 1 ? "" : "s", JIT_ROUND_SECONDS, JIT_QUIET_SECONDS,
                JIT_MAX_ROUNDS, jit.between(before, after)), after);
    }

    /** How the JIT settled before a run, and its last reading. */
    private record JitSettled(String description, double[] lastReading) {
    }

    private static final int JIT_ROUND_SECONDS = 10;
    private static final int SLICE_SECONDS = 5;
    private static final double JIT_QUIET_SECONDS = 1.0;
    private static final int JIT_MAX_ROUNDS = 12;

    /** Names on the streams app's /metrics (Micrometer's KafkaStreamsMetrics). */
    private static final List<String> THREAD_METRICS = List.of(
            "kafka_stream_thread_commit_rate", "kafka_stream_thread_commit_latency_avg",
            "kafka_stream_thread_commit_latency_max", "kafka_stream_thread_poll_ratio",
            "kafka_stream_thread_process_ratio", "kafka_stream_thread_commit_ratio",
            "kafka_stream_thread_punctuate_ratio", "kafka_stream_thread_process_records_avg",
            "kafka_producer_record_queue_time_avg", "kafka_producer_request_latency_avg",
            "kafka_producer_record_retry_total", "kafka_producer_batch_size_avg",
            "kafka_producer_records_per_request_avg", "kafka_producer_txn_commit_time_ns_total",
            "kafka_producer_txn_send_offsets_time_ns_total", "kafka_producer_flush_time_ns_total");

    /** Selected stream-thread and producer metrics of a streams-app, from its Prometheus text. */
    static String streamThreadMetrics(AppProcess app) {
        String text;
        try {
            text = app.metrics();
        } catch (UncheckedIOException e) {
            return "not readable (" + e.getCause() + ")";
        }
        List<String> values = new ArrayList<>();
        for (String wanted : THREAD_METRICS) {
            String family = wanted + "{";
            text.lines().filter(line -> line.startsWith(family)).forEach(line -> values.add(
                    wanted.replaceFirst("^kafka_(stream_thread|producer)_", "") + " "
                            + line.substring(line.lastIndexOf(' ') + 1)));
        }
        return String.join(", ", values);
    }

    /** The in-process broker's count of error answers by request and error (its JMX request metrics), NONE left out. */
    static String brokerErrors() {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        List<String> errors = new ArrayList<>();
        try {
            for (javax.management.ObjectName name : server.queryNames(
                    new javax.management.ObjectName("kafka.network:type=RequestMetrics,name=ErrorsPerSec,*"), null)) {
                long count = ((Number) server.getAttribute(name, "Count")).longValue();
                if (count > 0 && !"NONE".equals(name.getKeyProperty("error"))) {
                    errors.add(name.getKeyProperty("request") + " " + name.getKeyProperty("error") + " × " + count);
                }
            }
        } catch (javax.management.JMException e) {
            return "not readable (" + e + ")";
        }
        java.util.Collections.sort(errors);
        return errors.isEmpty() ? "none" : String.join(", ", errors);
    }

    /** The broker alone at {@code rate}/s for {@code seconds}: intended send time → committed read. */
    private static Latencies brokerAlone(Stack stack, int rate, int seconds) throws InterruptedException {
        String topic = PROBE_TOPIC + "-" + rate;
        stack.broker.createTopics(List.of(new NewTopic(topic, 6, (short) 1)));
        int total = rate * seconds;
        long[] intended = new long[total];
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 'x');
        try (Tap reader = new Tap(stack.bootstrapServers(), topic, "read_committed");
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"), new StringSerializer(), new ByteArraySerializer())) {
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            for (int i = 0; i < total; i++) {
                intended[i] = t0 + (long) (i * 1e9 / rate);
                parkUntil(intended[i]);
                producer.send(new ProducerRecord<>(topic, String.valueOf(i), value));
            }
            producer.flush();
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while (reader.count() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling the reader, with a deadline
            }
            long[] latencies = new long[total];
            int n = 0;
            for (int i = 0; i < total; i++) {
                Long arrived = reader.arrival(String.valueOf(i));
                if (arrived != null) {
                    latencies[n++] = arrived - intended[i];
                }
            }
            return new Latencies(Arrays.copyOf(latencies, n));
        }
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

        Long arrival(String key) {
            return arrivals.get(key);
        }

        /** How many keys have arrived. */
        int count() {
            return arrivals.size();
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

    /**
     * When the streams-app's consumer group last committed new offsets on any of its inputs (sources, repartition
     * topics). Under exactly-once a commit is made only when a task processed something, so offsets that stay put
     * mean the whole pipeline (lifecycle, stock, alerts, analytics) has drained what it was given, not only the
     * part that writes {@code order-events}.
     */
    static final class GroupProgress implements AutoCloseable {

        private final org.apache.kafka.clients.admin.Admin admin;
        private final String group;
        private Map<TopicPartition, Long> last = Map.of();
        private long lastAdvance = System.nanoTime();
        /** The partitions whose committed offsets moved at the last advance, with how far. */
        private Map<TopicPartition, Long> lastMoved = Map.of();

        GroupProgress(org.apache.kafka.clients.admin.Admin admin, String group) {
            this.admin = admin;
            this.group = group;
        }

        /** Reads the group's offsets now; returns the nanoTime at which they last moved. */
        long lastAdvance() {
            try {
                Map<TopicPartition, Long> now = new java.util.HashMap<>();
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                now.put(partition, offset.offset());
                            }
                        });
                if (!now.equals(last)) {
                    Map<TopicPartition, Long> moved = new java.util.TreeMap<>(
                            java.util.Comparator.comparing(TopicPartition::toString));
                    now.forEach((partition, offset) -> {
                        long before = last.getOrDefault(partition, 0L);
                        if (offset != before) {
                            moved.put(partition, offset - before);
                        }
                    });
                    lastMoved = moved;
                    last = now;
                    lastAdvance = System.nanoTime();
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.debug("group offsets not read: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lastAdvance;
        }

        /** The partitions whose committed offsets moved at the last advance, with by how many offsets. */
        Map<TopicPartition, Long> lastMoved() {
            return lastMoved;
        }

        @Override
        public void close() {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /**
     * A consumer of a topic from its end, at one isolation level, with when the first record of each key arrived
     * (nanoTime). On {@code order-events}: read uncommitted, when the streams-app wrote an order's event; read
     * committed, when its transaction committed; together with the live stream they split 202 → visible into its
     * hops. On the broker-alone probe's topic: when each probe record became readable.
     */
    static final class Tap implements AutoCloseable {

        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final Thread reader;
        private volatile boolean running = true;

        Tap(String bootstrapServers, String topic, String isolation) throws InterruptedException {
            CountDownLatch assigned = new CountDownLatch(1);
            reader = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new StringDeserializer(),
                        new ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position);
                    assigned.countDown();
                    while (running) {
                        consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                            long now = System.nanoTime();
                            if (record.key() != null) {
                                arrivals.putIfAbsent(record.key(), now);
                            }
                        });
                    }
                }
            }, "bench-tap-" + isolation);
            reader.setDaemon(true);
            reader.start();
            if (!assigned.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the " + isolation + " tap did not start");
            }
        }

        Long arrival(String key) {
            return arrivals.get(key);
        }

        /** How many keys have arrived. */
        int count() {
            return arrivals.size();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5_000);
        }
    }

    /** Posts new orders open-loop, each with its own id, to the gateway. */
    static final class Sender {

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final List<Run> runs = new ArrayList<>();

        Sender(String base) {
            this.base = base;
        }

        /**
         * Writes {@code <dir>/<run>.csv} for every run sent: per order, in ms from the run's first intended send,
         * when it was due, answered 202, written to {@code order-events}, committed, and on the stream (empty
         * where it never was).
         */
        void dump(Path dir, Visibility stream, Tap written, Tap committed) {
            try {
                Files.createDirectories(dir);
                for (Run run : runs) {
                    List<String> lines = new ArrayList<>();
                    lines.add("# first order due at " + java.time.Instant.ofEpochMilli(run.startedAtEpochMilli));
                    lines.add("order,due_ms,acked_ms,written_ms,committed_ms,visible_ms");
                    long zero = run.intended[0];
                    for (int i = 0; i < run.intended.length; i++) {
                        String id = run.id(i);
                        lines.add(String.join(",", id, millis(run.intended[i], zero), millis(run.acked(i), zero),
                                millis(written.arrival(id), zero), millis(committed.arrival(id), zero),
                                millis(stream.arrival(id), zero)));
                    }
                    Files.write(dir.resolve(run.name + ".csv"), lines);
                }
                log.info("latency: {} runs' orders written to {}", runs.size(), dir);
            } catch (IOException e) {
                log.warn("latency: the orders were not written to {}: {}", dir, e.toString());
            }
        }

        private static String millis(Long nanos, long zero) {
            return nanos == null ? "" : String.format(Locale.ROOT, "%.3f", (nanos - zero) / 1e6);
        }

        Run send(String prefix, int rate, int orders, Visibility stream) {
            Run run = new Run(prefix, orders);
            runs.add(run);
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            run.startedAtEpochMilli = System.currentTimeMillis() + 100;
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

        final long[] intended;
        final AtomicLongArray acked;
        final AtomicLong errors = new AtomicLong();
        final AtomicLong late = new AtomicLong();
        private final String[] ids;
        final String name;
        long startedAtEpochMilli;
        long drained;

        Run(String prefix, int orders) {
            this.name = prefix;
            this.intended = new long[orders];
            this.acked = new AtomicLongArray(orders);
            this.ids = new String[orders];
            for (int i = 0; i < orders; i++) {
                ids[i] = String.format("L%s-%07d", prefix, i);
            }
        }

        /** Made once: formatting them on every poll of {@link #settle} was a third of the bench JVM's allocations. */
        String id(int i) {
            return ids[i];
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
        void settle(Visibility stream, GroupProgress group, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long quiet = TimeUnit.SECONDS.toNanos(QUIET_SECONDS);
            while (System.nanoTime() < deadline) {
                // the group's offsets are read every round, so that their last move is timed to within a round (read
                // only once the events had been quiet for a while, it was timed that much late)
                long advanced = group.lastAdvance();
                if (seen(stream) + errors.get() >= intended.length && stream.quietNanos() >= quiet
                        && System.nanoTime() - advanced >= quiet) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            drained = group.lastAdvance();
        }

        /**
         * Orders per second through the whole pipeline: the run's orders over the time from its first intended send
         * to the app's last offset commit for them (every part, analytics included, drained); with the POSTs coming
         * faster than that, the pipeline was busy all along.
         */
        double pipelineRate() {
            return intended.length / ((drained - intended[0]) / 1e9);
        }

        /** Orders per second whose events arrived, from the run's first event to its last. */
        double drainRate(Visibility stream) {
            long[] arrivals = Arrays.stream(ids).map(stream::arrival).filter(a -> a != null)
                    .mapToLong(Long::longValue).sorted().toArray();
            if (arrivals.length < 20) {
                throw new IllegalStateException("only " + arrivals.length + " events seen of " + intended.length);
            }
            return (arrivals.length - 1) / ((arrivals[arrivals.length - 1] - arrivals[0]) / 1e9);
        }

        long lastArrival(Visibility stream) {
            return Arrays.stream(ids).map(stream::arrival).filter(a -> a != null).mapToLong(Long::longValue).max()
                    .orElse(intended[0]);
        }

        /**
         * Orders per second whose events arrived while the run was still sending, from a quarter of its sending
         * time to its end: with the POSTs coming faster than the pipeline drains, that is the pipeline's rate
         * while the gateway and the broker are busy too, as they are in the latency runs.
         */
        double arrivalRateWhileSending(Visibility stream) {
            long from = intended[0] + (intended[intended.length - 1] - intended[0]) / 4;
            long to = intended[intended.length - 1];
            long count = Arrays.stream(ids).map(stream::arrival).filter(a -> a != null && a >= from && a <= to).count();
            return count / ((to - from) / 1e9);
        }

        /** When order {@code i}'s 202 came (nanoTime), or null before it did. */
        Long acked(int i) {
            return acked.get(i) == 0 ? null : acked.get(i);
        }

        /**
         * p50/p99 (ms) from the intended send time by slices of {@code seconds} of the run, each with the share of
         * the cores' time the host stole during it: {@code "48/97 (2 %)"}.
         */
        String slices(Visibility stream, int seconds, StealTimeline steal) {
            List<String> out = new ArrayList<>();
            long slice = TimeUnit.SECONDS.toNanos(seconds);
            for (long from = intended[0]; from <= intended[intended.length - 1]; from += slice) {
                long start = from;
                List<Long> values = new ArrayList<>();
                for (int i = 0; i < intended.length; i++) {
                    Long arrival = stream.arrival(id(i));
                    if (intended[i] >= start && intended[i] < start + slice && arrival != null) {
                        values.add(arrival - intended[i]);
                    }
                }
                Latencies part = new Latencies(values.stream().mapToLong(Long::longValue).toArray());
                OptionalDouble stolen = steal.share(start, start + slice);
                out.add(String.format(Locale.ROOT, "%.0f/%.0f (%s)", part.millis(0.5), part.millis(0.99),
                        stolen.isPresent() ? String.format(Locale.ROOT, "%.0f %%", 100 * stolen.getAsDouble()) : "?"));
            }
            return String.join(" ", out);
        }

        /** The largest share of the cores' time the host stole in any slice of the run; NaN when unknown. */
        double worstSliceSteal(StealTimeline steal, int seconds) {
            long slice = TimeUnit.SECONDS.toNanos(seconds);
            double worst = Double.NaN;
            for (long from = intended[0]; from <= intended[intended.length - 1]; from += slice) {
                OptionalDouble stolen = steal.share(from, from + slice);
                if (stolen.isPresent() && !(stolen.getAsDouble() <= worst)) {
                    worst = stolen.getAsDouble();
                }
            }
            return worst;
        }

        Latencies fromIntended(Visibility stream) {
            return between(i -> intended[i], i -> stream.arrival(id(i)));
        }

        Latencies fromAck(Visibility stream) {
            return between(this::acked, i -> stream.arrival(id(i)));
        }

        Latencies post() {
            return between(i -> intended[i], this::acked);
        }

        /** From one time of each order to another; orders without either are left out. */
        Latencies between(java.util.function.IntFunction<Long> from, java.util.function.IntFunction<Long> to) {
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
