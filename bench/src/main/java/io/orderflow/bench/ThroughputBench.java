package io.orderflow.bench;

import io.orderflow.streams.AppConfig;
import io.orderflow.streams.OrderflowTopology;
import io.orderflow.streams.TopicSetup;
import io.orderflow.streams.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 1: how fast the whole pipeline (catalog, lifecycle, stock ledger, tracking, alerts, analytics) drains a
 * backlog of order commands with exactly_once_v2, against a bare Kafka Streams app on the same broker that
 * re-keys, repartitions and counts the same records with the same properties. Both run in the bench's JVM with the
 * streams-app's own {@link AppConfig#streamsProperties}; the broker runs in a JVM of its own. Each app is timed in
 * steady state, from the first {@link #WARM_UP_SHARE} of its committed outputs until it has drained every input
 * (its consumer group has committed the end of every topic it reads: the analytics too), and its CPU per command
 * (its JVM's and the broker's) is counted over that window. Its log offsets per command are counted over the whole
 * drain, from before it starts: a window opened by one stage's outputs would cut the flows of the other stages at
 * other points (the ledger's answers to approvals made before it opened). The baseline
 * drains a backlog sized for a window of about {@link #BASELINE_WINDOW} (copies of the same commands), before and
 * after the pipeline; a timed window under {@link #MIN_WINDOW_SECONDS} is marked as noise.
 */
final class ThroughputBench {

    private static final Logger log = LoggerFactory.getLogger(ThroughputBench.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    static final String BASELINE_OUTPUT = "bench-baseline-counts";
    static final String BASELINE_INPUT = "bench-baseline-commands";
    /** The share of each backlog drained before the timed window opens. */
    static final double WARM_UP_SHARE = 0.25;
    /** How long the baseline's timed window is meant to last. */
    static final Duration BASELINE_WINDOW = Duration.ofSeconds(15);
    /** The baseline's first backlog, in records; more copies follow when its window is too short. */
    static final int BASELINE_FIRST_BACKLOG = 300_000;
    /** How many backlogs the baseline drains at most before its first measurement stands. */
    static final int BASELINE_ATTEMPTS = 3;
    /** A timed window shorter than this is reported as noise. */
    static final int MIN_WINDOW_SECONDS = 10;

    private ThroughputBench() {
    }

    /**
     * @param commitIntervalMs the commit interval of both apps, empty for the streams-app's own: an
     *                         experiment knob, applied to the pipeline and the baseline alike
     */
    static void run(Stack stack, int orders, Optional<Integer> commitIntervalMs, Report report) {
        Map<String, String> settings = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", stack.registry.url(),
                "STREAMS_APPLICATION_ID", "bench-orderflow",
                "STREAMS_STATE_DIR", stack.dir.resolve("state-orderflow").toString(),
                "QUERY_PORT", String.valueOf(Stack.freePort()),
                "ORDERFLOW_TOPIC_PARTITIONS", "6");
        AppConfig config = AppConfig.from(settings);
        Topics topics = Topics.from(settings, stack.registryClient);
        TopicSetup.ensure(config, topics);
        stack.broker.createTopics(List.of(new NewTopic(BASELINE_OUTPUT + "-after", 6, (short) 1),
                new NewTopic(BASELINE_INPUT, 6, (short) 1)));

        Properties baselineProps = config.streamsProperties(topics.deadLetters());
        Properties pipelineProps = config.streamsProperties(topics.deadLetters());
        commitIntervalMs.ifPresent(ms -> {
            baselineProps.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ms);
            pipelineProps.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ms);
        });
        Map<String, String> overrides = streamsOverrides();
        baselineProps.putAll(overrides);
        pipelineProps.putAll(overrides);

        OrderLoad.writeCatalog(stack.bootstrapServers(), stack.registryClient, topics, orders * 2);
        applyCatalog(OrderflowTopology.build(topics, config.settings()), pipelineProps, stack);
        log.info("writing {} orders ({} commands)", orders, orders * 2);
        int commands = OrderLoad.writeOrders(stack.bootstrapServers(), stack.registryClient, topics, orders);

        // The baseline drains the order commands in a fraction of a second: a window that short is noise, and it
        // is the ratio's denominator. It drains copies of them (raw bytes) instead, as many as its timed window
        // needs to last about BASELINE_WINDOW: when a drain's window is shorter than MIN_WINDOW_SECONDS, more
        // copies are added by the rate it showed and a new app drains them all.
        int copies = (int) Math.max(1, Math.ceil(BASELINE_FIRST_BACKLOG / (double) commands));
        long baselineCommands = BaselineLoad.copy(stack, topics.orderCommands().name(), BASELINE_INPUT, copies);
        Drain before = null;
        for (int attempt = 1; attempt <= BASELINE_ATTEMPTS; attempt++) {
            String output = BASELINE_OUTPUT + "-" + attempt;
            stack.broker.createTopics(List.of(new NewTopic(output, 6, (short) 1)));
            log.info("baseline: re-key, repartition, count {} records", baselineCommands);
            before = drain("baseline", baselineTopology(BASELINE_INPUT, output),
                    baseline(baselineProps, stack, "before-" + attempt), stack, List.of(output), baselineCommands);
            if (before.seconds() >= MIN_WINDOW_SECONDS || attempt == BASELINE_ATTEMPTS) {
                break;
            }
            int more = (int) Math.ceil(copies * (BASELINE_WINDOW.toSeconds() / Math.max(0.1, before.seconds()) - 1));
            baselineCommands += BaselineLoad.copy(stack, topics.orderCommands().name(), BASELINE_INPUT, more);
            copies += more;
        }

        log.info("orderflow pipeline");
        Drain pipeline = drain("orderflow", OrderflowTopology.build(topics, config.settings()),
                pipelineProps, stack,
                List.of(topics.orderEvents().name(), topics.orderRefusals().name()), commands);

        // The baseline again after the pipeline, as another app on the same backlog: the machine's load of the
        // moment weighs on both apps alike.
        log.info("baseline again");
        Drain after = drain("baseline-after", baselineTopology(BASELINE_INPUT, BASELINE_OUTPUT + "-after"),
                baseline(baselineProps, stack, "after"), stack, List.of(BASELINE_OUTPUT + "-after"), baselineCommands);
        Drain baseline = before.meanWith(after);

        double ratio = pipeline.rate() / baseline.rate();
        boolean longEnough = pipeline.seconds() >= MIN_WINDOW_SECONDS && before.seconds() >= MIN_WINDOW_SECONDS
                && after.seconds() >= MIN_WINDOW_SECONDS;
        report.add(new Row("1. sustained order-command throughput, all topologies, exactly_once_v2 ("
                + commands + " commands, " + orders + " orders"
                + commitIntervalMs.map(ms -> ", commit.interval.ms " + ms).orElse("")
                + (overrides.isEmpty() ? "" : ", both apps with " + new java.util.TreeMap<>(overrides)) + ")"
                + (longEnough ? "" : " (a timed window under " + MIN_WINDOW_SECONDS + " s: noise, give more --orders)"),
                perSecond(pipeline), perSecond(baseline) + " (re-key → repartition → count)",
                Optional.of(ratio), "≥ 0.1 × baseline, ≤ 6 offsets per command",
                Optional.of(pipeline.completed() && ratio >= 0.1 && pipeline.offsetsPerCommand() <= 6)));
        report.note(String.format(Locale.ROOT,
                "Figure 1: %d commands preloaded; each app timed in steady state, from the first %.0f %% of its committed "
                        + "outputs until its group has committed the end of every input it reads. Pipeline: the first part %.1f s after RUNNING, the timed %d in %.1f s "
                        + "(%d on order-events, %d on order-refusals)%s. Baseline: %d copies of the commands (%d records) "
                        + "drained before and after the pipeline, %,.0f and %,.0f commands/s, timed windows %.1f s and "
                        + "%.1f s%s.",
                commands, 100 * WARM_UP_SHARE, pipeline.warmUpSeconds(), pipeline.records(), pipeline.seconds(),
                pipeline.counts().getOrDefault(topics.orderEvents().name(), 0L),
                pipeline.counts().getOrDefault(topics.orderRefusals().name(), 0L),
                pipeline.completed() ? "" : " (TIMED OUT)", copies, baselineCommands, before.rate(), after.rate(),
                before.seconds(), after.seconds(), baseline.completed() ? "" : " (TIMED OUT)"));
        report.note(String.format(Locale.ROOT,
                "Figure 1, work per command: pipeline %.1f log offsets written over the whole drain (records, "
                        + "changelogs, repartitions, transaction markers), CPU in the timed window %.3f ms in the app's "
                        + "JVM (the app and the bench's output counter) and %.3f ms in the broker's; baseline %.1f "
                        + "offsets, %.3f ms and %.3f ms.",
                pipeline.offsetsPerCommand(), pipeline.appCpuMillisPerCommand(), pipeline.brokerCpuMillisPerCommand(),
                baseline.offsetsPerCommand(), baseline.appCpuMillisPerCommand(), baseline.brokerCpuMillisPerCommand()));
        StringBuilder byTopic = new StringBuilder();
        pipeline.offsetsByTopic().forEach((topic, perCommand) -> byTopic.append(byTopic.isEmpty() ? "" : ", ")
                .append(topic.replaceFirst("^bench-orderflow-", "")).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", perCommand)));
        report.note("Figure 1, pipeline log offsets per command by topic over the whole drain (records and transaction "
                + "markers): "
                + byTopic + ".");
        Map<String, Number> result = new LinkedHashMap<>();
        result.put("ratio", ratio);
        result.put("pipeline_cps", Math.round(pipeline.rate()));
        result.put("baseline_cps", Math.round(baseline.rate()));
        result.put("offsets_per_command", pipeline.offsetsPerCommand());
        result.put("app_cpu_ms_per_command", pipeline.appCpuMillisPerCommand());
        result.put("broker_cpu_ms_per_command", pipeline.brokerCpuMillisPerCommand());
        report.result("throughput", result);
    }

    private static Properties baseline(Properties common, Stack stack, String run) {
        Properties props = new Properties();
        props.putAll(common);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-baseline-" + run);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stack.dir.resolve("state-baseline-" + run).toString());
        return props;
    }

    /**
     * Kafka Streams properties given as {@code -Dorderflow.bench.streams.<property>=<value>} (in BENCH_JAVA_OPTS),
     * applied to both apps alike: an experiment knob, like the commit interval.
     */
    static Map<String, String> streamsOverrides() {
        return Stack.knobs("orderflow.bench.streams.");
    }

    /** The bare app: order commands as bytes, re-keyed to groups of ten orders, repartitioned, counted. */
    static Topology baselineTopology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("baseline-source"))
                .selectKey((orderId, command) -> orderId.substring(0, orderId.length() - 1), Named.as("baseline-rekey"))
                .repartition(Repartitioned.<String, byte[]>as("baseline-rekeyed")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
                .groupByKey(Grouped.<String, byte[]>as("baseline-grouped")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
                // caching off: one output per input, as the orderflow processors forward one event per command
                .count(Named.as("baseline-count"), Materialized.<String, Long, org.apache.kafka.streams.state.KeyValueStore<
                        org.apache.kafka.common.utils.Bytes, byte[]>>as("baseline-count-store")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()).withCachingDisabled())
                .toStream(Named.as("baseline-counts-stream"))
                .to(output, Produced.with(Serdes.String(), Serdes.Long()).withName("baseline-sink"));
        return builder.build();
    }

    /**
     * Runs the app on the catalog and the receipts alone until its group has committed the end of every input, and
     * stops it: the stock is on hand before the first order is written, as in a running system. Its state stays in
     * its state directory for the measured run of the same application id.
     */
    static void applyCatalog(Topology topology, Properties props, Stack stack) {
        try (KafkaStreams streams = new KafkaStreams(topology, props); var admin = stack.broker.admin()) {
            streams.start();
            if (CaughtUp.await(admin, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), topology,
                    DRAIN_TIMEOUT) < 0) {
                throw new IllegalStateException("the app did not apply the catalog and the receipts");
            }
            streams.close(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Drain drain(String name, Topology topology, Properties props, Stack stack,
            List<String> outputs, long expected) {
        CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology, props);
                OutputCounter counter = new OutputCounter(stack.bootstrapServers(), outputs)) {
            streams.setStateListener((next, previous) -> {
                if (next == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            Work atStart = Work.now(stack);
            streams.start();
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(name + " did not reach RUNNING");
            }
            long started = System.nanoTime();
            // Steady state: the first part of the outputs (start-up, first schema registrations, RocksDB opening,
            // the JIT compiling) is drained untimed; the work per command is counted over the timed part only.
            long warmUp = (long) (expected * WARM_UP_SHARE);
            long start = counter.awaitTotal(warmUp, DRAIN_TIMEOUT);
            Work from = Work.now(stack);
            long outputsDone = start > 0 ? counter.awaitTotal(expected, DRAIN_TIMEOUT) : -1;
            // the window closes once every stage has drained its input, not only the one that writes the outputs
            long end;
            try (var admin = stack.broker.admin()) {
                end = outputsDone > 0 ? CaughtUp.await(admin, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
                        topology, DRAIN_TIMEOUT) : -1;
            }
            Work to = Work.now(stack);
            boolean completed = end > 0;
            long stop = completed ? end : System.nanoTime();
            long processed = (completed ? expected : counter.total()) - warmUp;
            Map<String, Long> counts = new java.util.HashMap<>();
            outputs.forEach(topic -> counts.put(topic, counter.count(topic)));
            double perCommand = Math.max(1, processed);
            Drain drain = new Drain(processed, (stop - (start > 0 ? start : started)) / 1e9, completed, counts,
                    ((start > 0 ? start : stop) - started) / 1e9,
                    (to.offsets() - atStart.offsets()) / (double) expected,
                    (to.appCpuNanos - from.appCpuNanos) / 1e6 / perCommand,
                    (to.brokerCpuNanos - from.brokerCpuNanos) / 1e6 / perCommand,
                    to.perTopicSince(atStart, expected));
            log.info("{}: {} records in {} s = {} records/s", name, processed, drain.seconds(), drain.rate());
            streams.close(Duration.ofSeconds(30));
            return drain;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What has been done so far: log offsets on the broker, CPU of the bench's JVM and of the broker's. */
    private record Work(Map<String, Long> offsetsByTopic, long appCpuNanos, long brokerCpuNanos) {
        static Work now(Stack stack) {
            return new Work(Offsets.byTopic(stack), Offsets.processCpuNanos(), stack.broker.cpuNanos());
        }

        long offsets() {
            return offsetsByTopic.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The offsets written per topic since {@code from}, per command, busiest first, topics that wrote nothing left out. */
        Map<String, Double> perTopicSince(Work from, double commands) {
            Map<String, Double> written = new LinkedHashMap<>();
            offsetsByTopic.entrySet().stream()
                    .map(topic -> Map.entry(topic.getKey(),
                            (topic.getValue() - from.offsetsByTopic.getOrDefault(topic.getKey(), 0L)) / commands))
                    .filter(topic -> topic.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(topic -> written.put(topic.getKey(), topic.getValue()));
            return written;
        }
    }

    private static String perSecond(Drain drain) {
        return String.format(Locale.ROOT, "%,.0f commands/s", drain.rate()) + (drain.completed() ? "" : " (timed out)");
    }

    /**
     * {@code records} outputs in {@code seconds} after the untimed first part, which took {@code warmUpSeconds} from
     * RUNNING; the work per command over the timed part.
     */
    record Drain(long records, double seconds, boolean completed, Map<String, Long> counts, double warmUpSeconds,
            double offsetsPerCommand, double appCpuMillisPerCommand, double brokerCpuMillisPerCommand,
            Map<String, Double> offsetsByTopic) {
        double rate() {
            return records / seconds;
        }

        /** Two runs of the same app as one: the rate of the mean time per record, the mean work per command. */
        Drain meanWith(Drain other) {
            return new Drain(records + other.records, seconds + other.seconds, completed && other.completed,
                    counts, (warmUpSeconds + other.warmUpSeconds) / 2,
                    (offsetsPerCommand + other.offsetsPerCommand) / 2,
                    (appCpuMillisPerCommand + other.appCpuMillisPerCommand) / 2,
                    (brokerCpuMillisPerCommand + other.brokerCpuMillisPerCommand) / 2, offsetsByTopic);
        }
    }
}
