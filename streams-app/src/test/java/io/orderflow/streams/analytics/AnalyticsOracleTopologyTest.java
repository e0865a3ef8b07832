package io.orderflow.streams.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Actor;
import io.orderflow.avro.LateSale;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.Product;
import io.orderflow.avro.Role;
import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.streams.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every figure of the topology equals a brute-force recomputation ({@link BruteForceAnalytics}) over
 * the same generated log of lifecycles with cancellations, returns, refunds, orders closed short and late-arriving orders.
 */
class AnalyticsOracleTopologyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration GRACE = Duration.ofMinutes(10);
    private static final AnalyticsSettings SETTINGS = AnalyticsSettings.fromEnv(Map.of(
            AnalyticsSettings.TIME_ZONE, ZONE.getId(),
            AnalyticsSettings.GRACE, GRACE.toString(),
            AnalyticsSettings.VIP_MIN_ORDERS, "7",
            AnalyticsSettings.VIP_MIN_REVENUE, "30000.00",
            AnalyticsSettings.REGULAR_MIN_ORDERS, "2"));
    private static final Map<String, String> CATEGORIES = Map.of(
            "SKU-1", "tea", "SKU-2", "tea", "SKU-3", "porcelain", "SKU-4", "snacks",
            "SKU-5", "porcelain", "SKU-6", "silk", "SKU-7", "snacks");

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261122L})
    void shouldMatchABruteForceRecomputationFigureByFigure(long seed) {
        List<OrderEvent> log = new EventLogGenerator(seed, ZONE).log(200);
        BruteForceAnalytics expected = new BruteForceAnalytics(ZONE, GRACE, 7, new BigDecimal("30000.00"), 2);
        expected.run(log, CATEGORIES);

        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Topics topics = Topics.from(Map.of(), registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-oracle-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

        try (TopologyTestDriver driver = new TopologyTestDriver(AnalyticsPipeline.build(topics, SETTINGS), props, EventLogGenerator.START)) {
            TestInputTopic<String, Product> products = driver.createInputTopic(
                    topics.products().name(), Serdes.String().serializer(), topics.products().valueSerde().serializer());
            CATEGORIES.forEach((sku, category) -> products.pipeInput(sku, product(sku, category), EventLogGenerator.START));
            TestInputTopic<String, OrderEvent> events = driver.createInputTopic(
                    topics.orderEvents().name(), Serdes.String().serializer(), topics.orderEvents().valueSerde().serializer());
            for (OrderEvent event : log) {
                events.pipeInput(event.getOrderId(), event, event.getAt());
            }

            assertThat(expected.lateRecords).as("the log has late records").isPositive();
            assertThat(log).as("the log has orders closed short").anyMatch(e -> e.getOrder().getShortClosure() != null);
            assertThat(log).as("the log has refunds").anyMatch(e -> e.getOrder().getRefunds().size() > 1);
            assertThat(expected.late.keySet()).as("only the rolling figures close")
                    .allMatch(k -> k.startsWith("MINUTE|") || k.startsWith("HOUR|"));
            assertThat(expected.amendedAfterApproval).as("the log has orders amended after approval").isPositive();
            assertThat(log).as("the log has discounted orders").anyMatch(e -> e.getOrder().getDiscount() != null);
            assertThat(expected.daily.keySet()).as("figures in two currencies, never added up")
                    .anyMatch(k -> k.startsWith("total|all|CNY|")).anyMatch(k -> k.startsWith("total|all|USD|"));
            assertThat(expected.contributions).as("the log has orders amended into another currency")
                    .anyMatch(c -> c.orders() < 0 && c.currency().equals("USD"))
                    .anyMatch(c -> c.orders() < 0 && c.currency().equals("CNY"));
            assertThat(expected.fulfilment.values()).as("late against the agreed date differs from late against the"
                    + " first promise somewhere").anyMatch(f -> f.onTime() != f.onTimeToFirstPromise());
            assertThat(expected.countedInClosedMonths).as("the log has orders of months closed before their approval")
                    .isPositive();
            assertThat(expected.contributions).as("the log has cancellations and returns")
                    .anyMatch(c -> c.orders() < 0).anyMatch(c -> c.orders() == 0 && c.units() < 0);
            assertThat(List.of(expected.daily, expected.monthly, expected.monthlyByCustomer, expected.monthlyByCategory,
                    expected.customers, expected.fulfilment, expected.cancellations, expected.cycles))
                    .allSatisfy(figures -> assertThat(figures).isNotEmpty());
            assertThat(expected.customerClasses.values().stream().distinct().count())
                    .as("customers of more than one class").isGreaterThan(1);

            assertThat(kv(driver, AnalyticsTopology.SALES_DAY_STORE)).isEqualTo(expected.daily);
            assertThat(kv(driver, AnalyticsTopology.SALES_MONTH_STORE)).isEqualTo(expected.monthly);
            assertThat(kv(driver, AnalyticsTopology.SALES_LATE_STORE)).isEqualTo(expected.late);
            assertThat(kv(driver, AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE)).isEqualTo(expected.monthlyByCustomer);
            assertThat(kv(driver, AnalyticsTopology.MONTHLY_BY_CATEGORY_STORE)).isEqualTo(expected.monthlyByCategory);
            Map<String, CustomerStats> customers = kv(driver, AnalyticsTopology.CUSTOMERS_STORE);
            assertThat(customers).isEqualTo(expected.customers);
            Map<String, CustomerClass> classes = new TreeMap<>();
            customers.forEach((id, stats) -> classes.put(id, stats.customerClass(SETTINGS)));
            assertThat(classes).isEqualTo(expected.customerClasses);
            assertThat(kv(driver, AnalyticsTopology.FULFILMENT_STORE)).isEqualTo(expected.fulfilment);
            assertThat(kv(driver, AnalyticsTopology.CANCELLATIONS_STORE)).isEqualTo(expected.cancellations);
            assertCycleTimes(kv(driver, AnalyticsTopology.CYCLE_TIMES_STORE), expected.cycles);

            assertWindows(driver, AnalyticsTopology.SALES_MINUTE_STORE, Granularity.MINUTE, expected.minutes, expected.lastSaleAt);
            assertWindows(driver, AnalyticsTopology.SALES_HOUR_STORE, Granularity.HOUR, expected.hours, expected.lastSaleAt);
            assertRollingFigures(driver, expected);

            Map<String, SalesFigures> published = new TreeMap<>();
            List<KeyValue<String, LateSale>> lateRecords = driver.createOutputTopic(topics.lateSales().name(),
                    Serdes.String().deserializer(), topics.lateSales().valueSerde().deserializer()).readKeyValuesToList();
            for (KeyValue<String, LateSale> record : lateRecords) {
                LateSale late = record.value;
                assertThat(record.key).isEqualTo(late.getDimension() + "|" + late.getValue() + "|" + late.getCurrency());
                published.merge(late.getGranularity() + "|" + record.key + "|" + late.getBucket(),
                        new SalesFigures(late.getOrders(), late.getUnits(), late.getRevenue()), SalesFigures::plus);
            }
            assertThat(lateRecords).hasSize(expected.lateRecords);
            assertThat(published).isEqualTo(expected.late);
        }
    }

    private static void assertCycleTimes(Map<String, CycleTimes> actual, Map<String, List<Long>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, durations) -> {
            CycleTimes times = actual.get(key);
            long total = durations.stream().mapToLong(Long::longValue).sum();
            assertThat(times.count()).as(key).isEqualTo(durations.size());
            assertThat(times.totalMillis()).as(key).isEqualTo(total);
            assertThat(times.mean()).as(key).isEqualTo(Duration.ofMillis(Math.floorDiv(total, durations.size())));
            for (double q : new double[] {0.5, 0.9}) {
                long exact = BruteForceAnalytics.exactPercentile(durations, q);
                assertThat(times.percentile(q).toMillis()).as(key + " p" + q)
                        .isEqualTo(CycleTimes.bucketOf(exact))
                        .isBetween(exact, exact + exact / 100 + 1);
            }
        });
    }

    /** All buckets within the store's retention (counted from its latest bucket), both ways. */
    private static void assertWindows(TopologyTestDriver driver, String store, Granularity granularity,
                                      Map<String, Map<Long, SalesFigures>> expected, long latest) {
        long from = latest - AnalyticsTopology.retention(granularity, SETTINGS).toMillis() + Duration.ofHours(1).toMillis();
        long to = latest + Duration.ofDays(1).toMillis();
        Map<String, SalesFigures> want = new TreeMap<>();
        expected.forEach((key, buckets) -> buckets.forEach((start, figures) -> {
            if (start >= from && start <= to) {
                want.put(key + "@" + Instant.ofEpochMilli(start), figures);
            }
        }));
        Map<String, SalesFigures> got = new TreeMap<>();
        WindowStore<String, SalesFigures> windows = driver.getWindowStore(store);
        try (KeyValueIterator<Windowed<String>, SalesFigures> it =
                     windows.fetchAll(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))) {
            it.forEachRemaining(kv -> got.put(kv.key.key() + "@" + kv.key.window().startTime(), kv.value));
        }
        assertThat(want).as(store + " has buckets to compare").isNotEmpty();
        assertThat(got).as(store).isEqualTo(want);
    }

    /** The rolling reads (last hour, 24 h, 7 days) of the total equal a sum over the log. */
    private static void assertRollingFigures(TopologyTestDriver driver, BruteForceAnalytics expected) {
        Instant now = Instant.ofEpochMilli(expected.lastSaleAt);
        WindowStore<String, SalesFigures> minutes = driver.getWindowStore(AnalyticsTopology.SALES_MINUTE_STORE);
        WindowStore<String, SalesFigures> hours = driver.getWindowStore(AnalyticsTopology.SALES_HOUR_STORE);
        for (String key : List.of("total|all|CNY", "total|all|USD", "channel|ONLINE|CNY", "category|tea|CNY")) {
            assertThat(RollingSales.lastHour(minutes, key, now))
                    .isEqualTo(sumSince(expected.minutes.get(key), now, Duration.ofHours(1)));
            assertThat(RollingSales.last24Hours(hours, key, now))
                    .isEqualTo(sumSince(expected.hours.get(key), now, Duration.ofHours(24)));
            assertThat(RollingSales.last7Days(hours, key, now))
                    .isEqualTo(sumSince(expected.hours.get(key), now, Duration.ofDays(7)));
        }
        assertThat(RollingSales.last7Days(hours, "total|all|CNY", now)).isNotEqualTo(SalesFigures.ZERO);
    }

    private static SalesFigures sumSince(Map<Long, SalesFigures> buckets, Instant now, Duration span) {
        SalesFigures sum = SalesFigures.ZERO;
        for (Map.Entry<Long, SalesFigures> bucket : (buckets == null ? Map.<Long, SalesFigures>of() : buckets).entrySet()) {
            if (bucket.getKey() > now.toEpochMilli() - span.toMillis() && bucket.getKey() <= now.toEpochMilli()) {
                sum = sum.plus(bucket.getValue());
            }
        }
        return sum;
    }

    private static <V> Map<String, V> kv(TopologyTestDriver driver, String store) {
        Map<String, V> all = new TreeMap<>();
        KeyValueStore<String, V> kv = driver.getKeyValueStore(store);
        try (KeyValueIterator<String, V> it = kv.all()) {
            it.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }

    static Product product(String sku, String category) {
        return Product.newBuilder()
                .setSku(sku).setName("Product " + sku).setCategory(category)
                .setUpdatedBy(Actor.newBuilder().setId("admin").setRole(Role.ADMIN).build())
                .setUpdatedAt(EventLogGenerator.START)
                .build();
    }
}
