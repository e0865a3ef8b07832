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
 * re-keys, repartitions and counts the same records with the same properties. Both run with the streams-app's
 * own {@link AppConfig#streamsProperties} (one stream thread, the app's commit interval, bounded RocksDB), the baseline before and after the pipeline, one after
 * the other, each from the moment it reaches RUNNING until its output for every command is committed.
 */
final class ThroughputBench {

    private static final Logger log = LoggerFactory.getLogger(ThroughputBench.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    static final String BASELINE_OUTPUT = "bench-baseline-counts";

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
        stack.broker.createTopics(List.of(new NewTopic(BASELINE_OUTPUT, 6, (short) 1),
                new NewTopic(BASELINE_OUTPUT + "-after", 6, (short) 1)));

        log.info("writing {} orders ({} commands)", orders, orders * 2);
        int commands = OrderLoad.write(stack.bootstrapServers(), stack.registryClient, topics, orders);

        Properties baselineProps = config.streamsProperties(topics.deadLetters());
        baselineProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-baseline");
        Properties pipelineProps = config.streamsProperties(topics.deadLetters());
        commitIntervalMs.ifPresent(ms -> {
            baselineProps.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ms);
            pipelineProps.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, ms);
        });
        Map<String, String> overrides = streamsOverrides();
        baselineProps.putAll(overrides);
        pipelineProps.putAll(overrides);
        baselineProps.put(StreamsConfig.STATE_DIR_CONFIG, stack.dir.resolve("state-baseline").toString());
        log.info("baseline: re-key, repartition, count");
        Drain before = drain("baseline", baselineTopology(topics.orderCommands().name(), BASELINE_OUTPUT),
                baselineProps, stack, List.of(BASELINE_OUTPUT), commands);

        log.info("orderflow pipeline");
        Drain pipeline = drain("orderflow", OrderflowTopology.build(topics, config.settings()),
                pipelineProps, stack,
                List.of(topics.orderEvents().name(), topics.orderRefusals().name()), commands);

        // The baseline again after the pipeline, as a second app on the same backlog: its drain takes seconds
        // where the pipeline's takes minutes, so one measurement alone follows the machine's load of the moment.
        baselineProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-baseline-after");
        baselineProps.put(StreamsConfig.STATE_DIR_CONFIG, stack.dir.resolve("state-baseline-after").toString());
        log.info("baseline again");
        Drain after = drain("baseline-after", baselineTopology(topics.orderCommands().name(), BASELINE_OUTPUT + "-after"),
                baselineProps, stack, List.of(BASELINE_OUTPUT + "-after"), commands);
        Drain baseline = before.meanWith(after);

        double ratio = pipeline.rate() / baseline.rate();
        report.add(new Row("1. sustained order-command throughput, all topologies, exactly_once_v2 ("
                + commands + " commands, " + orders + " orders"
                + commitIntervalMs.map(ms -> ", commit.interval.ms " + ms).orElse("")
                + (overrides.isEmpty() ? "" : ", both apps with " + new java.util.TreeMap<>(overrides)) + ")",
                perSecond(pipeline), perSecond(baseline) + " (re-key → repartition → count)",
                Optional.of(ratio), "≥ 0.1 × baseline, ≤ 6 offsets per command",
                Optional.of(pipeline.completed() && ratio >= 0.1 && pipeline.offsetsPerCommand() <= 6)));
        // CPU of this JVM, where the broker and the watcher run beside the app: an upper bound of the app's own
        Map<String, Number> result = new LinkedHashMap<>();
        result.put("ratio", ratio);
        result.put("pipeline_cps", Math.round(pipeline.rate()));
        result.put("baseline_cps", Math.round(baseline.rate()));
        result.put("offsets_per_command", pipeline.offsetsPerCommand());
        result.put("app_cpu_ms_per_command", pipeline.cpuMillisPerCommand());
        report.result("throughput", result);
        report.note(String.format(Locale.ROOT,
                "Figure 1: %d commands preloaded; each app timed from its first tenth of committed outputs to the last. "
                        + "Pipeline: first tenth %.1f s after RUNNING, the other %d in %.1f s (%d on order-events, "
                        + "%d on order-refusals)%s. Baseline (mean of a run before and one after the pipeline: "
                        + "%,.0f and %,.0f commands/s): first tenth %.1f s, the rest in %.1f s%s.",
                commands, pipeline.warmUpSeconds(), pipeline.records(), pipeline.seconds(),
                pipeline.counts().getOrDefault(topics.orderEvents().name(), 0L),
                pipeline.counts().getOrDefault(topics.orderRefusals().name(), 0L),
                pipeline.completed() ? "" : " (TIMED OUT)", before.rate(), after.rate(), baseline.warmUpSeconds(), baseline.seconds(),
                baseline.completed() ? "" : " (TIMED OUT)"));
        report.note(String.format(Locale.ROOT,
                "Figure 1, work per command (whole run of each app, start-up included): pipeline %.1f log offsets "
                        + "written (records, changelogs, repartitions, transaction markers) and %.2f ms of CPU "
                        + "(this JVM: app, broker, watcher); baseline %.1f offsets and %.2f ms.",
                pipeline.offsetsPerCommand(), pipeline.cpuMillisPerCommand(), baseline.offsetsPerCommand(),
                baseline.cpuMillisPerCommand()));
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

    private static Drain drain(String name, Topology topology, Properties props, Stack stack,
            List<String> outputs, long expected) {
        CountDownLatch running = new CountDownLatch(1);
        long offsetsBefore = Offsets.total(stack);
        long cpuBefore = Offsets.processCpuNanos();
        try (KafkaStreams streams = new KafkaStreams(topology, props);
                OutputCounter counter = new OutputCounter(stack.bootstrapServers(), outputs)) {
            streams.setStateListener((next, previous) -> {
                if (next == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(name + " did not reach RUNNING");
            }
            long started = System.nanoTime();
            // Sustained rate: timed from the first tenth of the outputs to the last, so that start-up (first
            // schema registrations, RocksDB opening, JIT) counts in neither app's figure; reported separately.
            long warmUp = expected / 10;
            long start = counter.awaitTotal(warmUp, DRAIN_TIMEOUT);
            long end = start > 0 ? counter.awaitTotal(expected, DRAIN_TIMEOUT) : -1;
            boolean completed = end > 0;
            long stop = completed ? end : System.nanoTime();
            long processed = (completed ? expected : counter.total()) - warmUp;
            Map<String, Long> counts = new java.util.HashMap<>();
            outputs.forEach(topic -> counts.put(topic, counter.count(topic)));
            double cpuSeconds = (Offsets.processCpuNanos() - cpuBefore) / 1e9;
            Drain drain = new Drain(processed, (stop - (start > 0 ? start : started)) / 1e9, completed, counts,
                    ((start > 0 ? start : stop) - started) / 1e9,
                    (Offsets.total(stack) - offsetsBefore) / (double) expected,
                    cpuSeconds * 1000 / expected);
            log.info("{}: {} records in {} s = {} records/s", name, processed, drain.seconds(), drain.rate());
            streams.close(Duration.ofSeconds(30));
            return drain;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String perSecond(Drain drain) {
        return String.format(Locale.ROOT, "%,.0f commands/s", drain.rate()) + (drain.completed() ? "" : " (timed out)");
    }

    /** {@code records} outputs in {@code seconds} after the first tenth, which took {@code warmUpSeconds} from RUNNING. */
    record Drain(long records, double seconds, boolean completed, Map<String, Long> counts, double warmUpSeconds,
            double offsetsPerCommand, double cpuMillisPerCommand) {
        double rate() {
            return records / seconds;
        }

        /** Two runs of the same app as one: the rate of the mean time per record, the mean work per command. */
        Drain meanWith(Drain other) {
            return new Drain(records + other.records, seconds + other.seconds, completed && other.completed,
                    counts, (warmUpSeconds + other.warmUpSeconds) / 2,
                    (offsetsPerCommand + other.offsetsPerCommand) / 2, (cpuMillisPerCommand + other.cpuMillisPerCommand) / 2);
        }
    }
}
