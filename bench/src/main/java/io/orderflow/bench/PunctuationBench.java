package io.orderflow.bench;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.Channel;
import io.orderflow.avro.Customer;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.Role;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.Topic;
import io.orderflow.streams.alerts.AlertSettings;
import io.orderflow.streams.alerts.AlertTopology;
import io.orderflow.streams.order.OrderChange;
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
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Figure 7: the cost of one alert punctuation when no alert is due, with many open orders against a thousand.
 * The alert topology alone runs on a {@link TopologyTestDriver} (real RocksDB stores, no broker, so nothing
 * but the punctuator is timed), fed order states through {@link LatestStates}, which stands in for the lifecycle: N approved orders, each with a stall alert due in 48 h and an overdue-delivery
 * alert due in 30 days, then {@value #PUNCTUATIONS} wall-clock punctuations, each timed alone. Also reports
 * the due-index entries the punctuations read (metric {@code due-entries-visited-total}).
 */
final class PunctuationBench {

    private static final Logger log = LoggerFactory.getLogger(PunctuationBench.class);
    private static final Instant START = Instant.parse("2026-11-22T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int PUNCTUATIONS = 200;
    static final int BASELINE_ORDERS = 1000;
    private static final String STATES_STORE = "orders-store";

    private PunctuationBench() {
    }

    static void run(int openOrders, Report report) {
        measure(BASELINE_ORDERS); // JIT warm-up, not counted: the first measurement would otherwise pay for it
        Cost baseline = measure(BASELINE_ORDERS);
        Cost many = measure(openOrders);
        double ratio = many.medianMicros() / baseline.medianMicros();
        report.add(new Row(String.format(Locale.ROOT,
                        "7. alert punctuation, %,d open orders, none due (median of %d)", openOrders, PUNCTUATIONS),
                String.format(Locale.ROOT, "%.1f µs (p99 %.1f µs, %,.0f due entries read)", many.medianMicros(),
                        many.p99Micros(), many.visited()),
                String.format(Locale.ROOT, "%,d open orders: %.1f µs (p99 %.1f µs)", BASELINE_ORDERS,
                        baseline.medianMicros(), baseline.p99Micros()),
                Optional.of(ratio), "within 2 ×", Optional.of(ratio <= 2.0)));
        report.note(String.format(Locale.ROOT,
                "Figure 7: loading %,d order states into the alert topology took %.1f s (%,d: %.1f s).",
                openOrders, many.loadSeconds(), BASELINE_ORDERS, baseline.loadSeconds()));
    }

    /** Punctuation costs in microseconds, median and p99, and the due entries all punctuations read. */
    record Cost(double medianMicros, double p99Micros, double visited, double loadSeconds) {
    }

    static Cost measure(int orders) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("orderflow-bench-alerts-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalSchemas registry = new LocalSchemas();
        Topic<String, OrderState> states =
                new Topic<>("order-states", Serdes.String(), AvroSerde.specific(OrderState.class, registry, false));
        Topic<String, Alert> alerts =
                new Topic<>("alerts", Serdes.String(), AvroSerde.specific(Alert.class, registry, false));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATES_STORE),
                Serdes.String(), states.valueSerde()).withCachingDisabled());
        KStream<String, OrderChange> changes = builder.stream(states.name(),
                        Consumed.with(states.keySerde(), states.valueSerde()))
                .process(LatestStates::new, STATES_STORE);
        AlertTopology.build(changes, STATES_STORE, alerts, AlertSettings.fromEnv(Map.of(
                AlertSettings.PUNCTUATION_INTERVAL, INTERVAL.toString())));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-alerts");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, START)) {
            TestInputTopic<String, OrderState> input = driver.createInputTopic(states.name(),
                    Serdes.String().serializer(), states.valueSerde().serializer());
            log.info("alerts: loading {} open orders", orders);
            long loadStart = System.nanoTime();
            OrderState.Builder template = openOrder();
            for (int i = 0; i < orders; i++) {
                String orderId = String.format("P-%08d", i);
                input.pipeInput(orderId, template.setOrderId(orderId).build(), START);
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            // a few punctuations not counted, for the JIT
            for (int i = 0; i < 20; i++) {
                driver.advanceWallClockTime(INTERVAL);
            }
            double visitedBefore = visited(driver);
            long[] nanos = new long[PUNCTUATIONS];
            for (int i = 0; i < PUNCTUATIONS; i++) {
                long t0 = System.nanoTime();
                driver.advanceWallClockTime(INTERVAL);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            Cost cost = new Cost(nanos[PUNCTUATIONS / 2] / 1e3, nanos[(int) Math.ceil(PUNCTUATIONS * 0.99) - 1] / 1e3,
                    visited(driver) - visitedBefore, loadSeconds);
            log.info("alerts: {} open orders: {}", orders, cost);
            return cost;
        } finally {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }

    private static double visited(TopologyTestDriver driver) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("due-entries-visited-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    /** An approved order, delivery expected in 30 days: a stall alert due in 48 h, an overdue one in 30 days. */
    private static OrderState.Builder openOrder() {
        BigDecimal price = new BigDecimal("10.00");
        OrderLine line = OrderLine.newBuilder().setSku("SKU-1").setQuantity(1).setUnitPrice(price).setAmount(price)
                .build();
        return OrderState.newBuilder()
                .setOrderId("template")
                .setStatus(OrderStatus.APPROVED)
                .setChannel(Channel.ONLINE)
                .setOrderDate(LocalDate.ofInstant(START, ZoneOffset.UTC))
                .setExpectedDeliveryDate(LocalDate.ofInstant(START, ZoneOffset.UTC).plusDays(30))
                .setCustomer(Customer.newBuilder().setId("C1").setName("Customer C1").build())
                .setPaymentMethod(PaymentMethod.BANK_TRANSFER)
                .setLines(List.of(OrderLineState.newBuilder().setLine(line).build()))
                .setTotalAmount(price)
                .setPaidAmount(BigDecimal.ZERO.setScale(2))
                .setCreatedBy(new Actor("sales-1", Role.SALES))
                .setCreatedAt(START)
                .setStatusSince(START)
                .setUpdatedAt(START);
    }

    /**
     * Keeps each order's latest state in {@value #STATES_STORE} and forwards its change, as the order lifecycle
     * does with its {@code orders-store}, so that the alerts run as the pipeline runs them, alone.
     */
    private static final class LatestStates implements Processor<String, OrderState, String, OrderChange> {

        private ProcessorContext<String, OrderChange> context;
        private KeyValueStore<String, OrderState> states;

        @Override
        public void init(ProcessorContext<String, OrderChange> context) {
            this.context = context;
            this.states = context.getStateStore(STATES_STORE);
        }

        @Override
        public void process(Record<String, OrderState> record) {
            OrderState before = states.get(record.key());
            states.put(record.key(), record.value());
            context.forward(record.withValue(new OrderChange(before, record.value())));
        }
    }
}
