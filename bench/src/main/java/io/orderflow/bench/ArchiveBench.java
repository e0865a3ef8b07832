package io.orderflow.bench;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.OrderCommand;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Product;
import io.orderflow.avro.Role;
import io.orderflow.streams.OrderflowTopology;
import io.orderflow.streams.Topics;
import io.orderflow.streams.order.ArchiveSettings;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.view.Audience;
import io.orderflow.streams.query.view.Views;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 10: what a list query reads as the archived history grows. The whole pipeline ({@link OrderflowTopology},
 * real RocksDB stores, no broker) on a {@link TopologyTestDriver}: {@code live} orders placed and awaiting review,
 * and {@code history} orders imported as completed and paid in a month long past; then the wall clock moves until the
 * monthly archive has taken the history. Timed: one read of {@code orders-store} as a list page reads it (every
 * entry decoded and turned into its view, as {@code OrderQueries.here} does), median of {@value #READS}, with the
 * history archived, against the same with no history at all; the same read before the archive ran shows what it
 * cost while the history was live.
 */
final class ArchiveBench {

    private static final Logger log = LoggerFactory.getLogger(ArchiveBench.class);
    /** The driver's wall clock at start: the history, finished in October 2025, is past its retention already. */
    private static final Instant START = Instant.parse("2026-01-10T00:00:00Z");
    private static final Instant FINISHED = Instant.parse("2025-10-15T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    static final int READS = 50;
    private static final Actor ADMIN = new Actor("bench.admin", Role.ADMIN);
    private static final Actor SALES = new Actor("bench.sales", Role.SALES);

    private ArchiveBench() {
    }

    static void run(int live, int history, Report report) {
        measure(live, Math.min(history, 1000)); // JIT warm-up, not counted
        Cost baseline = measure(live, 0);
        Cost archived = measure(live, history);
        double ratio = archived.afterMicros() / baseline.afterMicros();
        report.add(new Row(String.format(Locale.ROOT,
                        "10. list read, %,d live orders, %,d archived (median of %d)", live, history, READS),
                String.format(Locale.ROOT, "%.0f µs, %,d rows read (before archiving: %.0f µs, %,d rows)",
                        archived.afterMicros(), archived.rowsAfter(), archived.beforeMicros(), archived.rowsBefore()),
                String.format(Locale.ROOT, "no history: %.0f µs, %,d rows", baseline.afterMicros(),
                        baseline.rowsAfter()),
                Optional.of(ratio), "within 1.5 ×", Optional.of(ratio <= 1.5)));
        report.note(String.format(Locale.ROOT,
                "Figure 10: loading %,d live and %,d finished orders took %.1f s; archiving the history took %d "
                        + "punctuations and %.1f s.", live, history, archived.loadSeconds(),
                archived.punctuations(), archived.archiveSeconds()));
    }

    /**
     * Read costs in microseconds (medians) and rows read, before and after the archive ran, and what loading and
     * archiving took.
     */
    record Cost(double beforeMicros, long rowsBefore, double afterMicros, long rowsAfter, double loadSeconds,
                int punctuations, double archiveSeconds) {
    }

    static Cost measure(int live, int history) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("orderflow-bench-archive-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalSchemas registry = new LocalSchemas();
        Topics topics = Topics.from(Map.of(), registry);
        Map<String, String> settings = Map.of(ArchiveSettings.PUNCTUATION_INTERVAL, INTERVAL.toString(),
                ArchiveSettings.MAX_PER_PUNCTUATION, "100000");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-archive");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(OrderflowTopology.build(topics, settings), props,
                START)) {
            TestInputTopic<String, Product> products = driver.createInputTopic(topics.products().name(),
                    Serdes.String().serializer(), topics.products().valueSerde().serializer());
            TestInputTopic<String, OrderCommand> commands = driver.createInputTopic(topics.orderCommands().name(),
                    Serdes.String().serializer(), topics.orderCommands().valueSerde().serializer());
            products.pipeInput("SKU-1", Product.newBuilder().setSku("SKU-1").setName("Bench tea").setCategory("tea")
                    .setUpdatedBy(ADMIN).setUpdatedAt(START).build(), START);
            long loadStart = System.nanoTime();
            for (int i = 0; i < history; i++) {
                String orderId = String.format("H-%08d", i);
                commands.pipeInput(orderId, new OrderCommand("import-" + orderId, orderId, ADMIN, START,
                        completed()), START);
            }
            for (int i = 0; i < live; i++) {
                String orderId = String.format("L-%08d", i);
                commands.pipeInput(orderId, new OrderCommand("place-" + orderId, orderId, SALES, START,
                        placement()), START);
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            KeyValueStore<String, OrderState> orders = driver.getKeyValueStore(OrderLifecycleTopology.ORDERS_STORE);
            Read before = read(orders);
            long archiveStart = System.nanoTime();
            int punctuations = 0;
            while (count(orders) > live) {
                if (++punctuations > 1000) {
                    throw new IllegalStateException("the archive did not take the history in 1000 punctuations");
                }
                driver.advanceWallClockTime(INTERVAL);
            }
            double archiveSeconds = (System.nanoTime() - archiveStart) / 1e9;
            Read after = read(orders);
            Cost cost = new Cost(before.medianMicros(), before.rows(), after.medianMicros(), after.rows(), loadSeconds,
                    punctuations, archiveSeconds);
            log.info("archive: {} live, {} history: {}", live, history, cost);
            return cost;
        } finally {
            delete(stateDir);
        }
    }

    /** The median of {@value #READS} reads of every live order as a list page turns it into its view. */
    private record Read(double medianMicros, long rows) {
    }

    private static Read read(KeyValueStore<String, OrderState> orders) {
        LocalDate today = LocalDate.ofInstant(START, ZoneOffset.UTC);
        long[] nanos = new long[READS];
        long rows = 0;
        for (int i = 0; i < READS; i++) {
            long t0 = System.nanoTime();
            rows = 0;
            try (KeyValueIterator<String, OrderState> all = orders.all()) {
                while (all.hasNext()) {
                    KeyValue<String, OrderState> entry = all.next();
                    if (Views.order(entry.value, Audience.FULL, today).orderId() != null) {
                        rows++;
                    }
                }
            }
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return new Read(nanos[READS / 2] / 1e3, rows);
    }

    private static long count(KeyValueStore<String, OrderState> orders) {
        long n = 0;
        try (KeyValueIterator<String, OrderState> all = orders.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    private static PlaceOrder placement() {
        BigDecimal price = new BigDecimal("12.50");
        return PlaceOrder.newBuilder()
                .setChannel(Channel.ONLINE)
                .setOrderDate(LocalDate.of(2026, 1, 9))
                .setCustomer(new Customer("C-1", "Bench customer", "Li Lei", "13800138000", "1 Road"))
                .setPaymentMethod(PaymentMethod.BANK_TRANSFER)
                .setLines(List.of(OrderLine.newBuilder().setSku("SKU-1").setQuantity(2).setUnitPrice(price)
                        .setAmount(price.multiply(BigDecimal.valueOf(2))).build()))
                .build();
    }

    /** A ledger's order completed and paid in October 2025. */
    static ImportOrder completed() {
        PlaceOrder order = placement();
        order.setOrderDate(LocalDate.of(2025, 10, 1));
        return ImportOrder.newBuilder()
                .setOrder(order)
                .setStatus(OrderStatus.COMPLETED)
                .setSource("bench ledger")
                .setCreatedAt(FINISHED.minus(Duration.ofDays(14)))
                .setUpdatedAt(FINISHED)
                .setDeliveredAt(FINISHED.minus(Duration.ofDays(1)))
                .setPaidAmount(new BigDecimal("25.00"))
                .build();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}", dir, e);
        }
    }
}
