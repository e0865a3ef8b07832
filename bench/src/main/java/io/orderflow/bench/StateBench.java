package io.orderflow.bench;

import io.orderflow.streams.Topics;
import io.orderflow.streams.order.OrderLifecycleTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figures 5 and 6: a streams-app (its own JVM from its jar, {@code -Xmx512m} as {@code ./orderflow up} gives it)
 * started on a fresh state directory with N orders in {@code orders-store}'s changelog ({@link OrderStates}
 * writes them there, as the order processor would have), at N = 0 (the baseline), {@code orders} and, for
 * figure 5, {@code largeOrders}. Per N: the time from starting the JVM to Kafka Streams RUNNING (restore
 * included; from the app's log also the part from REBALANCING to RUNNING), the resident set size (VmRSS) once
 * RUNNING and after {@value #QUERY_SECONDS} s of {@code GET /v1/orders/{id}} over random ids of all N, and the
 * keys RocksDB says it holds ({@code estimate-num-keys} on {@code /metrics}).
 */
final class StateBench {

    private static final Logger log = LoggerFactory.getLogger(StateBench.class);
    private static final String APPLICATION_ID = "bench-state";
    private static final int PARTITIONS = 6;
    private static final int QUERY_SECONDS = 15;
    private static final long GIB = 1L << 30;
    /** The app's state change line, "streams X -> Y", in its JSON log (the default) or its text log. */
    private static final Pattern TRANSITION = Pattern.compile("streams (\\w+) -> (\\w+)");
    /** A JSON line's epoch milliseconds (logback's JsonEncoder). */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\"timestamp\":(\\d+)");
    /** A text line's time of day, "HH:mm:ss.SSS" or ISO 8601's "HH:mm:ss,SSS". */
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d\\d:\\d\\d:\\d\\d)[.,](\\d{3})");

    private StateBench() {
    }

    /** What one start measured. */
    record Start(int orders, double readySeconds, double rebalancingToRunningSeconds, long rssRunning, long rssQueried,
            long peakRss, long keys, String queries) {
    }

    static void run(Stack stack, boolean memory, boolean restore, int orders, int largeOrders, Report report) {
        Topics topics = OrderStates.prepare(stack, APPLICATION_ID, PARTITIONS);

        Start empty = start(stack, 0, "0");
        long writeStart = System.nanoTime();
        long bytes = OrderStates.write(stack, topics, APPLICATION_ID, 0, orders);
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        log.info("state: wrote {} orders ({} MiB of values) in {} s", orders, bytes >> 20, writeSeconds);
        Start one = start(stack, orders, "1");
        report.note(String.format(Locale.ROOT,
                "Figures 5/6: %,d order states written to %s (%d partitions) in %.0f s, %.0f bytes per value on average "
                        + "(Avro, as the order processor writes them).",
                orders, OrderStates.changelog(APPLICATION_ID), PARTITIONS, writeSeconds, bytes / (double) orders));

        if (memory) {
            report.add(memoryRow(one, empty));
        }
        if (restore) {
            report.add(new Row(String.format(Locale.ROOT,
                    "6. restore of %,d orders from the changelog, fresh state directory (JVM start → RUNNING)", orders),
                    String.format(Locale.ROOT, "%.1f s (REBALANCING → RUNNING %.1f s; %,d keys in RocksDB)",
                            one.readySeconds(), one.rebalancingToRunningSeconds(), one.keys()),
                    String.format(Locale.ROOT, "no orders: %.1f s (REBALANCING → RUNNING %.1f s)", empty.readySeconds(),
                            empty.rebalancingToRunningSeconds()),
                    Optional.of(one.readySeconds() / empty.readySeconds()), "≤ 60 s",
                    Optional.of(one.readySeconds() <= 60 && one.keys() >= orders * 0.9)));
        }
        if (memory && largeOrders > orders) {
            long more = System.nanoTime();
            OrderStates.write(stack, topics, APPLICATION_ID, orders, largeOrders);
            log.info("state: wrote {} more orders in {} s", largeOrders - orders, (System.nanoTime() - more) / 1e9);
            Start large = start(stack, largeOrders, "2");
            report.add(memoryRow(large, empty));
            double growth = large.rssQueried() / (double) one.rssQueried();
            double scale = largeOrders / (double) orders;
            double ordersShare = (large.rssQueried() - empty.rssQueried()) / (double) (one.rssQueried() - empty.rssQueried());
            report.add(new Row(String.format(Locale.ROOT, "5. RSS growth, %,d → %,d orders (%.0f × the orders)", orders,
                            largeOrders, scale),
                    String.format(Locale.ROOT, "%.2f × (above the no-orders RSS: %.2f ×)", growth, ordersShare),
                    String.format(Locale.ROOT, "linear: %.0f ×", scale), Optional.of(growth / scale),
                    "sub-linear (< 1 × linear)", Optional.of(growth < scale)));
            report.note(String.format(Locale.ROOT,
                    "Figure 6 at %,d orders (no target): JVM start → RUNNING %.1f s (REBALANCING → RUNNING %.1f s; "
                            + "%,d keys in RocksDB).",
                    largeOrders, large.readySeconds(), large.rebalancingToRunningSeconds(), large.keys()));
            note(report, large);
        }
        note(report, one);
        note(report, empty);
    }

    private static Row memoryRow(Start start, Start empty) {
        long rss = Math.max(start.rssRunning(), start.rssQueried());
        return new Row(String.format(Locale.ROOT, "5. streams-app RSS, %,d orders in state (-Xmx512m; after restore "
                        + "and %d s of GETs)", start.orders(), QUERY_SECONDS),
                String.format(Locale.ROOT, "%s (restored: %s, queried: %s, peak %s)", mib(rss), mib(start.rssRunning()),
                        mib(start.rssQueried()), mib(start.peakRss())),
                String.format(Locale.ROOT, "no orders: %s", mib(Math.max(empty.rssRunning(), empty.rssQueried()))),
                Optional.of(rss / (double) Math.max(empty.rssRunning(), empty.rssQueried())),
                start.orders() <= 1_000_000 ? "≤ 1 GiB at 1 M" : "— (sub-linear growth)",
                start.orders() <= 1_000_000 ? Optional.of(rss <= GIB) : Optional.empty());
    }

    private static void note(Report report, Start start) {
        report.note(String.format(Locale.ROOT,
                "Figures 5/6, %,d orders: ready %.1f s after the JVM started; RSS running %s, after GETs %s, peak %s; %s.",
                start.orders(), start.readySeconds(), mib(start.rssRunning()), mib(start.rssQueried()),
                mib(start.peakRss()), start.queries()));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    /** Starts a streams-app on a fresh state directory, measures it, stops it and deletes its state. */
    private static Start start(Stack stack, int orders, String instance) {
        log.info("state: starting a streams-app with {} orders in the changelog", orders);
        AppProcess app = AppProcess.streamsApp(stack, APPLICATION_ID, instance,
                Map.of("ORDERFLOW_TOPIC_PARTITIONS", String.valueOf(PARTITIONS)));
        try {
            double ready = app.awaitReady(Duration.ofMinutes(20));
            double rebalance = rebalancingToRunning(app.logFile);
            long rssRunning = app.rssBytes();
            long keys = keys(app);
            log.info("state: {} orders: RUNNING after {} s, RSS {} MiB, {} keys", orders, ready, rssRunning >> 20, keys);
            String queries = "no GETs (no orders)";
            if (orders > 0 && Wrk.available()) {
                Path script = stack.dir.resolve("state-" + instance + ".lua");
                writeRandomScript(script, orders);
                Wrk.Result result = Wrk.run(app.base + "/", Optional.of(script), QUERY_SECONDS, 16);
                queries = String.format(Locale.ROOT, "GETs over random ids of all %,d: %s (%d non-2xx)", orders,
                        result.summary(), result.non2xx());
            }
            return new Start(orders, ready, rebalance, rssRunning, app.rssBytes(), app.peakRssBytes(), keys, queries);
        } finally {
            app.close();
            delete(stack.dir.resolve("state-" + APPLICATION_ID + "-" + instance));
        }
    }

    /** Seconds between the app's log lines "streams … -> REBALANCING" (first) and "-> RUNNING" (first); NaN if absent. */
    static double rebalancingToRunning(Path logFile) {
        try {
            Long rebalancing = null;
            for (String line : Files.readAllLines(logFile)) {
                Matcher m = TRANSITION.matcher(line);
                if (!m.find()) {
                    continue;
                }
                Long at = millisOf(line);
                if (at == null) {
                    continue;
                }
                if (m.group(2).equals("REBALANCING") && rebalancing == null) {
                    rebalancing = at;
                } else if (m.group(2).equals("RUNNING") && rebalancing != null) {
                    long millis = at - rebalancing;
                    return (millis < 0 ? millis + 86_400_000 : millis) / 1000.0;   // a text log across midnight
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** A log line's time in milliseconds: since the epoch for a JSON line, since midnight for a text line. */
    private static Long millisOf(String line) {
        Matcher epoch = EPOCH_MILLIS.matcher(line);
        if (epoch.find()) {
            return Long.parseLong(epoch.group(1));
        }
        Matcher time = TIME_OF_DAY.matcher(line);
        if (time.find()) {
            return LocalTime.parse(time.group(1)).toSecondOfDay() * 1000L + Integer.parseInt(time.group(2));
        }
        return null;
    }

    /** RocksDB's {@code estimate-num-keys} of {@code orders-store}, summed over the partitions, from /metrics. */
    private static long keys(AppProcess app) {
        double sum = 0;
        for (String line : app.metrics().split("\n")) {
            if (line.startsWith("kafka_stream_state_estimate_num_keys{")
                    && line.contains("\"" + OrderLifecycleTopology.ORDERS_STORE + "\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    private static void writeRandomScript(Path file, int orders) {
        String lua = """
                -- GET /v1/orders/{id} over random ids of all the orders in state.
                local headers = { ["Authorization"] = "Bearer demo-sales" }
                init = function(args)
                  math.randomseed(os.time() + math.random(1000000))
                end
                request = function()
                  return wrk.format("GET", string.format("/v1/orders/S-%%09d", math.random(0, %d)), headers)
                end
                """.formatted(orders - 1);
        try {
            Files.writeString(file, lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            all.forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // left for the stack's own clean-up
        }
    }
}
