package io.orderflow.bench;

import io.orderflow.streams.AppConfig;
import io.orderflow.streams.OrderflowTopology;
import io.orderflow.streams.TopicSetup;
import io.orderflow.streams.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 8: the pipeline scaling out. The same backlog of placements and approvals, on {@value #PARTITIONS}
 * partitions, is drained by 1, 2 and 4 instances of the streams app (one stream thread each, no standbys, each
 * with its own state directory, all in the bench's JVM, one application id per run). This machine's cores are
 * shared by all instances, so the total rate cannot grow; what is measured is whether the work spreads:
 * <ul>
 *   <li>CPU per command, all instances and the broker, over the timed window (after the first
 *       {@link ThroughputBench#WARM_UP_SHARE} of the outputs, until the group has committed the end of every input):
 *       work that instances repeat or that grows with their number shows here;</li>
 *   <li>the hottest task: each task's {@code active-process-ratio} (the share of its stream thread's time spent
 *       processing it), sampled through the single instance's window, where every task shares one thread, so the
 *       shares compare directly; the busiest task's share over the mean of the tasks that processed records;</li>
 *   <li>the serial share, by the Karp-Flatt metric: on separate machines the busiest instance bounds the drain,
 *       so the speed-up on {@code n} instances is the single instance's CPU per command over the busiest
 *       instance's (each counted by its own threads, named after its client id), and {@code e = (1/speedup - 1/n) / (1 - 1/n)} is the
 *       share of the work that did not spread. Amdahl's law then projects the speed-up on more machines.</li>
 * </ul>
 * Each run reads the same input topics from the start under its own application id, and writes its own output and
 * internal topics (a run would otherwise read the stock messages of the one before); the relayed catalog is
 * shared, written ahead by {@link OrderLoad} like in figure 1.
 */
final class ScaleBench {

    private static final Logger log = LoggerFactory.getLogger(ScaleBench.class);
    static final int PARTITIONS = 12;
    /**
     * The catalog's size: figure 1's 20 SKUs spread over 12 partitions leave some SKU tasks with three and others
     * with none, and the hottest task then measures the hash of 20 names, not the pipeline.
     */
    static final int SKUS = 240;
    static final List<Integer> INSTANCES = List.of(1, 2, 4);
    /** The first drain, by one instance, not counted: the bench's JVM compiles the hot paths on it. */
    private static final String WARM_UP = "warm-up";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    /** Topics each run names for itself: its outputs and the app's own topics. */
    private static final List<String> PER_RUN_TOPICS = List.of("ORDER_EVENTS", "ORDER_REFUSALS", "PURCHASE_REQUESTS",
            "ALERTS", "SALES_LATE_RECORDS", "DEAD_LETTERS", "STOCK_BY_SKU", "STOCK_ANSWERS", "TRACKING_REGISTRATIONS");

    private ScaleBench() {
    }

    static void run(Stack stack, int orders, Report report) throws InterruptedException {
        Map<String, String> common = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", stack.registry.url(),
                "ORDERFLOW_TOPIC_PARTITIONS", String.valueOf(PARTITIONS),
                "STREAMS_NUM_STANDBY_REPLICAS", "0"));
        Topics inputs = Topics.from(common, stack.registryClient);
        TopicSetup.ensure(AppConfig.from(withApp(common, WARM_UP, 0)), inputs);
        OrderLoad.writeCatalog(stack.bootstrapServers(), stack.registryClient, inputs, orders * 2, SKUS);
        List<String> names = new ArrayList<>(List.of(WARM_UP));
        INSTANCES.forEach(instances -> names.add(String.valueOf(instances)));
        for (String name : names) {
            // each run's app applies the receipts before the orders are written, as a running system has them
            Map<String, String> settings = withApp(common, name, 0);
            settings.put("STREAMS_STATE_DIR", stack.dir.resolve(settings.get("STREAMS_STATE_DIR")).toString());
            AppConfig config = AppConfig.from(settings);
            Topics topics = Topics.from(settings, stack.registryClient);
            TopicSetup.ensure(config, topics);
            Properties props = config.streamsProperties(topics.deadLetters());
            props.putAll(ThroughputBench.streamsOverrides());
            ThroughputBench.applyCatalog(OrderflowTopology.build(topics, config.settings()), props, stack);
        }
        log.info("writing {} orders ({} commands) on {} partitions", orders, orders * 2, PARTITIONS);
        int commands = OrderLoad.writeOrders(stack.bootstrapServers(), stack.registryClient, inputs, orders, SKUS);

        // the bench's JVM compiles the clients' and the app's hot paths on the first drain: that one is not counted
        drain(stack, common, WARM_UP, 1, commands);
        Map<Integer, Run> runs = new LinkedHashMap<>();
        for (int instances : INSTANCES) {
            runs.put(instances, drain(stack, common, String.valueOf(instances), instances, commands));
        }

        Run single = runs.get(1);
        List<String> cpu = new ArrayList<>();
        double worstCpuChange = 0;
        double serial = 0;
        StringBuilder speedUps = new StringBuilder();
        for (Run run : runs.values()) {
            cpu.add(String.format(Locale.ROOT, "%.3f", run.cpuMsPerCommand()));
            worstCpuChange = Math.max(worstCpuChange, Math.abs(run.cpuMsPerCommand() / single.cpuMsPerCommand() - 1));
            if (run.instances() > 1) {
                // the instance's own threads on both sides: the JVM's other threads (the bench's output counter, the
                // JIT, the GC) would not move to the other machines
                double speedUp = single.busiestInstanceMsPerCommand() / run.busiestInstanceMsPerCommand();
                double n = run.instances();
                double e = Math.max(0, (1 / speedUp - 1 / n) / (1 - 1 / n));
                serial = Math.max(serial, e);
                speedUps.append(String.format(Locale.ROOT, "%s%d instances: speed-up %.2f, serial share %.3f",
                        speedUps.isEmpty() ? "" : "; ", run.instances(), speedUp, e));
            }
        }
        double hottest = single.hottestTaskRatio();
        boolean pass = runs.values().stream().allMatch(Run::completed) && worstCpuChange <= 0.15 && hottest <= 2
                && serial <= 0.05;
        report.add(new Row("8. scale-out: " + commands + " commands drained by " + INSTANCES + " instances on "
                + PARTITIONS + " partitions, one machine",
                "CPU per command " + String.join(" / ", cpu) + " ms (app + broker); hottest task "
                        + String.format(Locale.ROOT, "%.2f", hottest) + " × mean; serial share "
                        + String.format(Locale.ROOT, "%.3f", serial),
                "1 instance: " + String.format(Locale.ROOT, "%,.0f commands/s", single.rate()),
                java.util.Optional.empty(), "CPU within ±15 % of 1 instance, hottest task ≤ 2 × mean, serial ≤ 5 %",
                java.util.Optional.of(pass)));
        StringBuilder projection = new StringBuilder();
        for (int machines : List.of(2, 4, 8, PARTITIONS)) {
            projection.append(projection.isEmpty() ? "" : ", ").append(machines).append(": ")
                    .append(String.format(Locale.ROOT, "%.1f", 1 / (serial + (1 - serial) / machines)));
        }
        report.note("Figure 8: " + runs.values().stream().map(Run::describe).collect(Collectors.joining("; "))
                + ". " + speedUps + ". Amdahl's projection of the speed-up on separate machines (instances: "
                + "speed-up): " + projection + " (at most " + PARTITIONS + " instances do work: a task is the unit).");
        report.note("Figure 8, the single instance's busiest tasks (share of its stream thread's time): "
                + single.topTasks() + ".");
        report.resultLine("RESULT scale instances=" + INSTANCES.stream().map(String::valueOf)
                .collect(Collectors.joining(",")) + " cpu_ms_per_command=" + String.join(",", cpu)
                + String.format(Locale.ROOT, " hottest_task_ratio=%.2f serial_share=%.3f", hottest, serial));
    }

    private static Map<String, String> withApp(Map<String, String> common, String name, int instance) {
        Map<String, String> settings = new HashMap<>(common);
        String run = "bench-scale-" + name;
        settings.put("STREAMS_APPLICATION_ID", run);
        for (String topic : PER_RUN_TOPICS) {
            settings.put("ORDERFLOW_TOPIC_" + topic, run + "-" + topic.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        settings.put("QUERY_PORT", String.valueOf(Stack.freePort()));
        settings.put("STREAMS_STATE_DIR", "state-" + run + "-" + instance);
        return settings;
    }

    private static Run drain(Stack stack, Map<String, String> common, String name, int instances, long expected)
            throws InterruptedException {
        List<KafkaStreams> apps = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        Topology described = null;
        Topics topics = null;
        String appId = null;
        for (int i = 0; i < instances; i++) {
            Map<String, String> settings = withApp(common, name, i);
            settings.put("STREAMS_STATE_DIR", stack.dir.resolve(settings.get("STREAMS_STATE_DIR")).toString());
            AppConfig config = AppConfig.from(settings);
            topics = Topics.from(settings, stack.registryClient);
            if (i == 0) {
                TopicSetup.ensure(config, topics);
            }
            Properties props = config.streamsProperties(topics.deadLetters());
            props.putAll(ThroughputBench.streamsOverrides());
            String client = "scale-" + name + "-i" + i;
            props.put(StreamsConfig.CLIENT_ID_CONFIG, client);
            appId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            Topology topology = OrderflowTopology.build(topics, config.settings());
            described = topology;
            apps.add(new KafkaStreams(topology, props));
            clients.add(client);
        }
        try (OutputCounter counter = new OutputCounter(stack.bootstrapServers(),
                List.of(topics.orderEvents().name(), topics.orderRefusals().name()))) {
            long started = System.nanoTime();
            apps.forEach(KafkaStreams::start);
            long warmUp = (long) (expected * ThroughputBench.WARM_UP_SHARE);
            long start = counter.awaitTotal(warmUp, DRAIN_TIMEOUT);
            Cpu from = Cpu.now(stack, clients);
            Map<String, double[]> taskShares = new TreeMap<>();
            long outputsDone = -1;
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (start > 0 && System.nanoTime() < deadline) {
                outputsDone = counter.awaitTotal(expected, SAMPLE_EVERY);
                sample(apps, taskShares);
                if (outputsDone > 0) {
                    break;
                }
            }
            long end;
            try (var admin = stack.broker.admin()) {
                end = outputsDone > 0 ? CaughtUp.await(admin, appId, described, DRAIN_TIMEOUT) : -1;
            }
            Cpu to = Cpu.now(stack, clients);
            boolean completed = end > 0;
            long processed = Math.max(1, (completed ? expected : counter.total()) - warmUp);
            double seconds = ((completed ? end : System.nanoTime()) - (start > 0 ? start : started)) / 1e9;
            Run run = new Run(instances, completed, processed / seconds,
                    (to.app - from.app + to.broker - from.broker) / 1e6 / processed,
                    (to.app - from.app) / 1e6 / processed,
                    clients.stream().mapToLong(c -> to.byClient.getOrDefault(c, 0L) - from.byClient.getOrDefault(c, 0L))
                            .max().orElse(0) / 1e6 / processed,
                    averages(taskShares));
            log.info("scale: {}", run.describe());
            return run;
        } finally {
            apps.forEach(app -> app.close(Duration.ofSeconds(30)));
        }
    }

    /** Adds each task's current {@code active-process-ratio}; slot 0 the sum, slot 1 the number of samples. */
    private static void sample(List<KafkaStreams> apps, Map<String, double[]> shares) {
        for (KafkaStreams app : apps) {
            for (Map.Entry<MetricName, ? extends Metric> metric : app.metrics().entrySet()) {
                MetricName name = metric.getKey();
                if (name.name().equals("active-process-ratio") && name.tags().containsKey("task-id")
                        && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                    double[] sum = shares.computeIfAbsent(name.tags().get("task-id"), task -> new double[2]);
                    sum[0] += value;
                    sum[1] += 1;
                }
            }
        }
    }

    private static Map<String, Double> averages(Map<String, double[]> shares) {
        Map<String, Double> averages = new TreeMap<>();
        shares.forEach((task, sum) -> averages.put(task, sum[1] == 0 ? 0 : sum[0] / sum[1]));
        return averages;
    }

    /** One run: its rate and CPU per command, the busiest instance's, the tasks' mean shares of their threads. */
    record Run(int instances, boolean completed, double rate, double cpuMsPerCommand, double appCpuMsPerCommand,
            double busiestInstanceMsPerCommand, Map<String, Double> taskShares) {

        /** The busiest task's share over the mean share of the tasks that did any work. */
        double hottestTaskRatio() {
            List<Double> working = taskShares.values().stream().filter(share -> share > 0.001).toList();
            if (working.isEmpty()) {
                return Double.NaN;
            }
            double mean = working.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return working.stream().mapToDouble(Double::doubleValue).max().orElse(0) / mean;
        }

        String topTasks() {
            return taskShares.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(6).map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
        }

        String describe() {
            return String.format(Locale.ROOT, "%d instance%s: %,.0f commands/s, %.3f ms CPU per command (app %.3f, "
                            + "busiest instance %.3f)%s", instances, instances == 1 ? "" : "s", rate, cpuMsPerCommand,
                    appCpuMsPerCommand, busiestInstanceMsPerCommand, completed ? "" : " (TIMED OUT)");
        }
    }

    /** CPU so far: the bench's JVM, the broker's, and per instance the threads named after its client id. */
    private record Cpu(long app, long broker, Map<String, Long> byClient) {
        static Cpu now(Stack stack, List<String> clients) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<String, Long> byClient = new HashMap<>();
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                for (String client : clients) {
                    // client ids are distinct and none is a prefix of another ("scale-4-i1" vs "scale-4-i10"
                    // cannot occur with at most 4)
                    if (info.getThreadName().contains(client + "-")) {
                        long cpu = threads.getThreadCpuTime(info.getThreadId());
                        if (cpu > 0) {
                            byClient.merge(client, cpu, Long::sum);
                        }
                    }
                }
            }
            return new Cpu(Offsets.processCpuNanos(), stack.broker.cpuNanos(), byClient);
        }
    }
}
