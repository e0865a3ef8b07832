package io.orderflow.streams.analytics;

import static io.orderflow.streams.analytics.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.LateSale;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Product;
import io.orderflow.avro.ReturnRequest;
import io.orderflow.avro.Role;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.streams.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsTopologyTest {

    /** 10:00 in Shanghai on 2026-11-02. */
    private static final Instant DAY_1 = Instant.parse("2026-11-02T02:00:00Z");

    private final AnalyticsSettings settings = AnalyticsSettings.fromEnv(Map.of(
            AnalyticsSettings.VIP_MIN_REVENUE, "1000.00", AnalyticsSettings.GRACE, "PT10M"));
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderEvent> events;
    private TestOutputTopic<String, LateSale> late;

    @BeforeEach
    void start() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Topics topics = Topics.from(Map.of(), registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AnalyticsPipeline.build(topics, settings), props, DAY_1);
        TestInputTopic<String, Product> products = driver.createInputTopic(
                topics.products().name(), Serdes.String().serializer(), topics.products().valueSerde().serializer());
        products.pipeInput("TEA-1", AnalyticsOracleTopologyTest.product("TEA-1", "tea"), DAY_1);
        events = driver.createInputTopic(topics.orderEvents().name(), Serdes.String().serializer(), topics.orderEvents().valueSerde().serializer());
        late = driver.createOutputTopic(topics.lateSales().name(), Serdes.String().deserializer(), topics.lateSales().valueSerde().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountAnOrderWhenApprovedAndTakeItOutOnTheDayItIsCancelled() {
        OrderState.Builder order = order("O-1", "C1", line("TEA-1", 3, "12.50"));
        send(order, null, OrderStatus.PENDING_REVIEW, DAY_1);
        assertThat(daily("total|all|CNY|2026-11-02")).isNull();

        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plus(Duration.ofHours(1)));
        send(order, OrderStatus.APPROVED, OrderStatus.CANCELLED, DAY_1.plus(Duration.ofDays(1)));

        assertThat(daily("total|all|CNY|2026-11-02")).isEqualTo(new SalesFigures(1, 3, new BigDecimal("37.50")));
        assertThat(daily("category|tea|CNY|2026-11-02")).isEqualTo(new SalesFigures(1, 3, new BigDecimal("37.50")));
        assertThat(daily("channel|ONLINE|CNY|2026-11-03")).isEqualTo(new SalesFigures(-1, -3, new BigDecimal("-37.50")));
        assertThat(this.<SalesFigures>store(AnalyticsTopology.SALES_MONTH_STORE).get("customer|C1|CNY|2026-11"))
                .isEqualTo(SalesFigures.ZERO);
        assertThat(this.<Cancellations>store(AnalyticsTopology.CANCELLATIONS_STORE).get("2026-11").rate())
                .isEqualByComparingTo("1");
    }

    @Test
    void shouldTakeAnAmendedApprovedOrderOutOfTheDayItWasBookedOnAndCountItsNewLinesWhenApprovedAgain() {
        OrderState.Builder order = order("O-1", "C1", line("TEA-1", 3, "12.50"));
        send(order, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plus(Duration.ofHours(1)));

        // amended the next day, moving the order's date too: back to review, then approved again
        order.setLines(List.of(line("TEA-1", 1, "12.50"))).setOrderDate(LocalDate.of(2026, 11, 4));
        send(order, OrderStatus.APPROVED, OrderStatus.PENDING_REVIEW, DAY_1.plus(Duration.ofDays(1)));
        assertThat(daily("total|all|CNY|2026-11-02")).as("taken out of the day it was booked on")
                .isEqualTo(SalesFigures.ZERO);
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plus(Duration.ofDays(1).plusHours(1)));

        assertThat(daily("total|all|CNY|2026-11-03")).as("nothing on the amendment's own day").isNull();
        assertThat(daily("total|all|CNY|2026-11-04")).isEqualTo(new SalesFigures(1, 1, new BigDecimal("12.50")));
        assertThat(this.<SalesFigures>store(AnalyticsTopology.SALES_MONTH_STORE).get("customer|C1|CNY|2026-11"))
                .isEqualTo(new SalesFigures(1, 1, new BigDecimal("12.50")));
        assertThat(this.<CycleTimes>store(AnalyticsTopology.CYCLE_TIMES_STORE)
                .get("2026-11|" + CycleTimes.ORDER_TO_APPROVAL).count()).as("the first approval only").isEqualTo(1);
        assertThat(this.<Cancellations>store(AnalyticsTopology.CANCELLATIONS_STORE).get("2026-11").rate())
                .as("an amendment is no cancellation").isEqualByComparingTo("0");
    }

    @Test
    void shouldCountAnOrderImportedPastApprovalOnItsOwnDateAsItsLedgerDatesIt() {
        // a 2025 order of a shop's ledger, delivered then, brought in now: counted once, on its own date
        Instant reviewed = Instant.parse("2025-03-04T02:00:00Z");
        Instant shipped = Instant.parse("2025-03-05T02:00:00Z");
        Instant delivered = Instant.parse("2025-03-07T02:00:00Z");
        OrderState.Builder order = order("IMP-1", "C9", line("TEA-1", 2, "12.50"))
                .setOrderDate(LocalDate.of(2025, 3, 3)).setCreatedAt(Instant.parse("2025-03-03T02:00:00Z"))
                .setReviewedAt(reviewed).setDeliveredAt(delivered).setExpectedDeliveryDate(LocalDate.of(2025, 3, 8))
                .setShipments(List.of(io.orderflow.avro.Shipment.newBuilder().setShipmentId("S-1").setCarrier("SF")
                        .setTrackingNumber("SF1").setLines(List.of(new ShipmentLine("TEA-1", 2))).setShippedAt(shipped)
                        .build()));
        pipe(order, null, OrderStatus.COMPLETED, DAY_1, DAY_1);

        assertThat(daily("total|all|CNY|2025-03-03")).isEqualTo(new SalesFigures(1, 2, new BigDecimal("25.00")));
        assertThat(this.<SalesFigures>store(AnalyticsTopology.SALES_MONTH_STORE).get("customer|C9|CNY|2025-03"))
                .isEqualTo(new SalesFigures(1, 2, new BigDecimal("25.00")));
        KeyValueStore<String, CycleTimes> cycles = store(AnalyticsTopology.CYCLE_TIMES_STORE);
        assertThat(cycles.get("2025-03|" + CycleTimes.APPROVAL_TO_SHIPMENT).totalMillis())
                .as("from the ledger's review to its shipment, not to the import").isEqualTo(86_400_000L);
        assertThat(cycles.get("2025-03|" + CycleTimes.SHIPMENT_TO_DELIVERY).totalMillis()).isEqualTo(2 * 86_400_000L);
        assertThat(this.<Fulfilment>store(AnalyticsTopology.FULFILMENT_STORE).get("2025-03|total|all"))
                .isEqualTo(new Fulfilment(1, 1));
        assertThat(daily("total|all|CNY|2026-11-02")).as("nothing on the day of the import").isNull();
    }

    @Test
    void shouldNeverStampAFactLaterThanTheEventThatCausedItWhenTheEventTimeLiesAhead() {
        // A carrier's clock a day ahead: the broker refuses records stamped more than an hour in
        // the future, which stopped the stream thread on every retry (found with the README walk).
        // What the facts write (the stores' changelogs) carries the facts' stamps.
        Instant received = DAY_1.plus(Duration.ofHours(1));
        Instant ahead = DAY_1.plus(Duration.ofDays(1));
        OrderState.Builder order = order("O-5", "C5", line("TEA-1", 1, "9.90"));
        send(order, null, OrderStatus.PENDING_REVIEW, DAY_1);
        List<TestOutputTopic<String, byte[]>> changelogs = List.of(changelog(AnalyticsTopology.SALES_DAY_STORE),
                changelog(AnalyticsTopology.CUSTOMERS_STORE), changelog(AnalyticsTopology.CYCLE_TIMES_STORE));
        changelogs.forEach(TestOutputTopic::readRecordsToList);

        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, ahead, received);

        for (TestOutputTopic<String, byte[]> changelog : changelogs) {
            List<org.apache.kafka.streams.test.TestRecord<String, byte[]>> stamped = changelog.readRecordsToList();
            assertThat(stamped).isNotEmpty().allSatisfy(fact -> assertThat(fact.timestamp()).isEqualTo(received.toEpochMilli()));
        }
        assertThat(daily("total|all|CNY|2026-11-02")).as("on the order's own date")
                .isEqualTo(new SalesFigures(1, 1, new BigDecimal("9.90")));
    }

    private TestOutputTopic<String, byte[]> changelog(String store) {
        return driver.createOutputTopic("analytics-test-" + store + "-changelog", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @Test
    void shouldTakeApprovedReturnLinesOutButNotTheOrder() {
        OrderState.Builder order = order("O-2", "C2", line("TEA-1", 2, "10.00"), line("CUP-9", 1, "99.90"));
        send(order, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plusSeconds(60));
        order.setReturnRequest(ReturnRequest.newBuilder().setReason("broken")
                .setLines(List.of(new ShipmentLine("CUP-9", 1)))
                .setRequestedBy(Actor.newBuilder().setId("cs").setRole(Role.SALES).build())
                .setRequestedAt(DAY_1.plus(Duration.ofHours(5))).build());
        send(order, OrderStatus.DELIVERED, OrderStatus.RETURN_APPROVED, DAY_1.plus(Duration.ofHours(6)));

        assertThat(daily("total|all|CNY|2026-11-02")).isEqualTo(new SalesFigures(1, 2, new BigDecimal("20.00")));
        assertThat(daily("category|unknown|CNY|2026-11-02")).isEqualTo(new SalesFigures(1, 0, BigDecimal.ZERO));
        assertThat(daily("product|TEA-1|CNY|2026-11-02")).isEqualTo(new SalesFigures(1, 2, new BigDecimal("20.00")));
        assertThat(this.<CustomerStats>store(AnalyticsTopology.CUSTOMERS_STORE).get("C2|CNY").figures().averageOrderValue())
                .isEqualByComparingTo("20.00");
    }

    @Test
    void shouldPublishASaleTooLateForTheRollingFiguresAndStillCountItOnItsDayAndInTheLedgers() {
        OrderState.Builder recent = order("NEW", "C1", line("TEA-1", 1, "5.00"));
        send(recent, null, OrderStatus.PENDING_REVIEW, DAY_1.plus(Duration.ofDays(2)));

        OrderState.Builder imported = order("OLD", "C9", line("TEA-1", 4, "300.00"));
        send(imported, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(imported, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plus(Duration.ofMinutes(30)));

        SalesFigures sale = new SalesFigures(1, 4, new BigDecimal("1200.00"));
        assertThat(daily("total|all|CNY|2026-11-02")).as("a day is a book: it takes every record").isEqualTo(sale);
        assertThat(this.<SalesFigures>store(AnalyticsTopology.SALES_MONTH_STORE).get("total|all|CNY|2026-11"))
                .isEqualTo(sale);
        assertThat(this.<SalesFigures>store(AnalyticsTopology.SALES_LATE_STORE).get("MINUTE|total|all|CNY|2026-11-02T02:30:00Z"))
                .isEqualTo(sale);
        assertThat(this.<SalesFigures>store(AnalyticsTopology.SALES_LATE_STORE).get("DAY|total|all|2026-11-02")).isNull();
        assertThat(this.<SalesFigures>store(AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE).get("2026-11|C9|CNY"))
                .isEqualTo(sale);
        assertThat(this.<CustomerStats>store(AnalyticsTopology.CUSTOMERS_STORE).get("C9|CNY").customerClass(settings))
                .isEqualTo(CustomerClass.VIP);
        List<LateSale> published = late.readValuesToList();
        assertThat(published).filteredOn(l -> l.getDimension().equals("total"))
                .extracting(LateSale::getGranularity)
                .containsExactly("MINUTE");
        assertThat(published).allSatisfy(l -> assertThat(l.getOrderId()).isEqualTo("OLD"));
    }

    @Test
    void shouldChangeAMonthAlreadyReportedOnceWhenAnOrderOfItsDateIsApprovedAndTakeACancellationOutOnItsOwnDay() {
        // December is well under way: November's figures have been reported. An order dated 20 November,
        // entered from the paper ledger, is approved on 5 December and cancelled on the 6th.
        Instant december = Instant.parse("2026-12-05T02:00:00Z");
        OrderState.Builder current = order("DEC", "C1", line("TEA-1", 1, "5.00"));
        send(current, null, OrderStatus.PENDING_REVIEW, december);
        send(current, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, december.plusSeconds(60));
        KeyValueStore<String, SalesFigures> months = store(AnalyticsTopology.SALES_MONTH_STORE);
        SalesFigures november = months.get("total|all|CNY|2026-11");
        SalesFigures decemberBefore = months.get("total|all|CNY|2026-12");

        OrderState.Builder paper = order("PAPER", "C7", line("TEA-1", 2, "40.00"));
        place(paper, LocalDate.of(2026, 11, 20), december.plus(Duration.ofHours(1)));
        send(paper, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, december.plus(Duration.ofHours(2)));

        SalesFigures sale = new SalesFigures(1, 2, new BigDecimal("80.00"));
        assertThat(november).isNull();
        assertThat(months.get("total|all|CNY|2026-11")).as("November changes by the order, once").isEqualTo(sale);
        assertThat(months.get("total|all|CNY|2026-12")).as("December does not").isEqualTo(decemberBefore);
        assertThat(daily("customer|C7|CNY|2026-11-20")).isEqualTo(sale);
        assertThat(this.<SalesFigures>store(AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE).get("2026-11|C7|CNY")).isEqualTo(sale);
        assertThat(this.<SalesFigures>store(AnalyticsTopology.MONTHLY_BY_CATEGORY_STORE).get("2026-11|tea|CNY")).isEqualTo(sale);
        assertThat(this.<CustomerStats>store(AnalyticsTopology.CUSTOMERS_STORE).get("C7|CNY"))
                .isEqualTo(new CustomerStats(sale, LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20)));
        assertThat(this.<Cancellations>store(AnalyticsTopology.CANCELLATIONS_STORE).get("2026-11"))
                .isEqualTo(new Cancellations(1, 0));
        assertThat(all(AnalyticsTopology.SALES_LATE_STORE)).as("nothing late: the approval is the newest event")
                .isEmpty();
        WindowStore<String, SalesFigures> minutes = driver.getWindowStore(AnalyticsTopology.SALES_MINUTE_STORE);
        assertThat(RollingSales.lastHour(minutes, "customer|C7|CNY", december.plus(Duration.ofHours(2))))
                .as("the rolling figures count at approval").isEqualTo(sale);

        send(paper, OrderStatus.APPROVED, OrderStatus.CANCELLED, december.plus(Duration.ofDays(1)));

        assertThat(months.get("total|all|CNY|2026-11")).as("the cancellation counts on its own day").isEqualTo(sale);
        assertThat(daily("total|all|CNY|2026-12-06")).isEqualTo(sale.negated());
        assertThat(months.get("total|all|CNY|2026-12")).isEqualTo(decemberBefore.plus(sale.negated()));
        assertThat(this.<SalesFigures>store(AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE).get("2026-12|C7|CNY"))
                .isEqualTo(sale.negated());
    }

    @Test
    void shouldCountDeliveriesInTheMonthOfTheOrdersOwnDate() {
        OrderState.Builder order = order("LATE-NOV", "C1", line("TEA-1", 1, "5.00"));
        Instant lastDay = Instant.parse("2026-11-30T10:00:00Z");
        send(order, null, OrderStatus.PENDING_REVIEW, lastDay);
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, lastDay.plusSeconds(60));
        order.setExpectedDeliveryDate(LocalDate.of(2026, 12, 2));
        send(order, OrderStatus.APPROVED, OrderStatus.SHIPPED, lastDay.plus(Duration.ofHours(1)));
        order.setDeliveredAt(lastDay.plus(Duration.ofDays(2)));
        send(order, OrderStatus.SHIPPED, OrderStatus.DELIVERED, lastDay.plus(Duration.ofDays(2)));

        KeyValueStore<String, Fulfilment> fulfilment = store(AnalyticsTopology.FULFILMENT_STORE);
        assertThat(fulfilment.get("2026-11|total|all")).isEqualTo(new Fulfilment(1, 1));
        assertThat(fulfilment.get("2026-12|total|all")).isNull();
        assertThat(this.<CycleTimes>store(AnalyticsTopology.CYCLE_TIMES_STORE).get("2026-12|" + CycleTimes.SHIPMENT_TO_DELIVERY))
                .as("a stage counts in the month it ended").isNotNull();
    }

    @Test
    void shouldReadTheLastHourFromMinuteBuckets() {
        OrderState.Builder early = order("E", "C1", line("TEA-1", 1, "1.00"));
        send(early, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(early, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1);
        OrderState.Builder later = order("L", "C1", line("TEA-1", 2, "1.00"));
        send(later, null, OrderStatus.PENDING_REVIEW, DAY_1.plus(Duration.ofMinutes(50)));
        send(later, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plus(Duration.ofMinutes(50)));

        WindowStore<String, SalesFigures> minutes = driver.getWindowStore(AnalyticsTopology.SALES_MINUTE_STORE);
        assertThat(RollingSales.lastHour(minutes, "total|all|CNY", DAY_1.plus(Duration.ofMinutes(59))).units()).isEqualTo(3);
        assertThat(RollingSales.lastHour(minutes, "total|all|CNY", DAY_1.plus(Duration.ofMinutes(60))).units()).isEqualTo(2);
    }

    @Test
    void shouldCountAsLateWhatTheRollingStoreWouldDiscardAsExpired() {
        // A latest bucket 9 days ahead of this partition's stream time, as restored from before the
        // aggregator ran beside the facts (every partition upstream pushed it then): the hour store's
        // retention (7 days + bucket + grace + 1 day margin) counts from it, so a sale of today is late here.
        Instant latest = DAY_1.plus(Duration.ofDays(9));
        KeyValueStore<String, Long> latestBuckets = store(AnalyticsTopology.LATEST_BUCKET_STORE);
        latestBuckets.put(Granularity.MINUTE.name(), Granularity.MINUTE.bucketStart(latest.toEpochMilli(), settings.zone()));
        latestBuckets.put(Granularity.HOUR.name(), Granularity.HOUR.bucketStart(latest.toEpochMilli(), settings.zone()));
        OrderState.Builder order = order("B", "C1", line("TEA-1", 1, "5.00"));
        send(order, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1);

        SalesFigures one = new SalesFigures(1, 1, new BigDecimal("5.00"));
        assertThat(this.<SalesFigures>store(AnalyticsTopology.SALES_LATE_STORE).get("HOUR|total|all|CNY|2026-11-02T02:00:00Z"))
                .isEqualTo(one);
        assertThat(late.readValuesToList()).filteredOn(l -> l.getDimension().equals("total"))
                .extracting(LateSale::getOrderId, LateSale::getGranularity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("B", "MINUTE"), org.assertj.core.groups.Tuple.tuple("B", "HOUR"));
        assertThat(daily("total|all|CNY|2026-11-02")).isEqualTo(one);
    }

    @Test
    void shouldBookAnOrderPlacedBeforeNewYearsMidnightInShanghaiOnItsDayWhateverTheDayOfItsApproval() {
        // 23:59:30 on 31 Dec in Shanghai is still 15:59:30 UTC: the day and month are Shanghai's, not UTC's. An
        // order placed then and approved after midnight belongs to the old year; its cancellation to the new.
        Instant lastSeconds = Instant.parse("2026-12-31T15:59:30Z");
        Instant firstSeconds = lastSeconds.plus(Duration.ofMinutes(1));
        OrderState.Builder old = order("Y-OLD", "C1", line("TEA-1", 2, "3.00"));
        send(old, null, OrderStatus.PENDING_REVIEW, lastSeconds.minus(Duration.ofMinutes(5)));
        send(old, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, lastSeconds);
        OrderState.Builder next = order("Y-NEW", "C1", line("TEA-1", 5, "3.00"));
        send(next, null, OrderStatus.PENDING_REVIEW, lastSeconds);
        send(next, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, firstSeconds);
        send(old, OrderStatus.APPROVED, OrderStatus.CANCELLED, firstSeconds.plusSeconds(1));

        SalesFigures two = new SalesFigures(1, 2, new BigDecimal("6.00"));
        SalesFigures five = new SalesFigures(1, 5, new BigDecimal("15.00"));
        SalesFigures back = new SalesFigures(-1, -2, new BigDecimal("-6.00"));
        assertThat(daily("total|all|CNY|2026-12-31")).isEqualTo(two.plus(five));
        assertThat(daily("total|all|CNY|2027-01-01")).isEqualTo(back);
        KeyValueStore<String, SalesFigures> months = store(AnalyticsTopology.SALES_MONTH_STORE);
        assertThat(months.get("total|all|CNY|2026-12")).isEqualTo(two.plus(five));
        assertThat(months.get("total|all|CNY|2027-01")).isEqualTo(back);
        KeyValueStore<String, Cancellations> cancellations = store(AnalyticsTopology.CANCELLATIONS_STORE);
        assertThat(cancellations.get("2026-12")).isEqualTo(new Cancellations(2, 0));
        assertThat(cancellations.get("2027-01")).isEqualTo(new Cancellations(0, 1));
    }

    @Test
    void shouldWriteTheLedgerOnlyAtApprovalFirstShipmentAndAReturnThatTakesSomethingOut() {
        OrderState.Builder order = order("O-L", "C1", line("TEA-1", 4, "2.00"));
        TestOutputTopic<String, byte[]> ledger = changelog(AnalyticsTopology.LEDGER_STORE);
        Instant t = DAY_1;
        send(order, null, OrderStatus.PENDING_REVIEW, t);
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.RETURNED, t = t.plusSeconds(60));
        send(order, OrderStatus.RETURNED, OrderStatus.PENDING_REVIEW, t = t.plusSeconds(60));
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.PENDING_REVIEW, t = t.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).as("placed, returned for changes, amended").isEmpty();

        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.AWAITING_STOCK, t = t.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).as("counted at approval").hasSize(1);
        send(order, OrderStatus.AWAITING_STOCK, OrderStatus.APPROVED, t = t.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).isEmpty();

        send(order, OrderStatus.APPROVED, OrderStatus.PARTIALLY_SHIPPED, t = t.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).as("first shipment").hasSize(1);
        send(order, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED, t = t.plusSeconds(60));
        send(order, OrderStatus.SHIPPED, OrderStatus.IN_TRANSIT, t = t.plusSeconds(60));
        send(order, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, t = t.plusSeconds(60));
        send(order, OrderStatus.DELIVERED, OrderStatus.DELIVERED, t = t.plusSeconds(60));
        send(order, OrderStatus.DELIVERED, OrderStatus.COMPLETED, t = t.plusSeconds(60));
        send(order, OrderStatus.COMPLETED, OrderStatus.RETURN_REQUESTED, t = t.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).as("second shipment, scans, delivery, payment, completion").isEmpty();

        order.setReturnRequest(ReturnRequest.newBuilder().setReason("broken")
                .setLines(List.of(new ShipmentLine("TEA-1", 1)))
                .setRequestedBy(Actor.newBuilder().setId("cs").setRole(Role.SALES).build())
                .setRequestedAt(t).build());
        send(order, OrderStatus.RETURN_REQUESTED, OrderStatus.RETURN_APPROVED, t = t.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).as("a unit taken out").hasSize(1);
        send(order, OrderStatus.RETURN_APPROVED, OrderStatus.RETURNED_GOODS_RECEIVED, t = t.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).isEmpty();

        // What the facts say is what they said when the ledger was written on every event.
        assertThat(daily("total|all|CNY|2026-11-02")).isEqualTo(new SalesFigures(1, 3, new BigDecimal("6.00")));
        assertThat(this.<Fulfilment>store(AnalyticsTopology.FULFILMENT_STORE).get("2026-11|total|all"))
                .isEqualTo(new Fulfilment(1, 1));
        assertThat(this.<Cancellations>store(AnalyticsTopology.CANCELLATIONS_STORE).get("2026-11"))
                .isEqualTo(new Cancellations(1, 0));
        KeyValueStore<String, CycleTimes> cycles = store(AnalyticsTopology.CYCLE_TIMES_STORE);
        assertThat(cycles.get("2026-11|" + CycleTimes.APPROVAL_TO_SHIPMENT).totalMillis()).isEqualTo(120_000);
        assertThat(cycles.get("2026-11|" + CycleTimes.SHIPMENT_TO_DELIVERY).totalMillis()).isEqualTo(180_000);
    }

    @Test
    void shouldWriteNoLedgerForAnOrderCancelledBeforeApprovalAndOneWhenACountedOrderIsCancelled() {
        TestOutputTopic<String, byte[]> ledger = changelog(AnalyticsTopology.LEDGER_STORE);
        OrderState.Builder early = order("O-E", "C1", line("TEA-1", 1, "2.00"));
        send(early, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(early, OrderStatus.PENDING_REVIEW, OrderStatus.CANCELLED, DAY_1.plusSeconds(60));
        assertThat(ledger.readRecordsToList()).isEmpty();

        OrderState.Builder late = order("O-C", "C1", line("TEA-1", 1, "2.00"));
        send(late, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(late, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plusSeconds(60));
        send(late, OrderStatus.APPROVED, OrderStatus.APPROVED, DAY_1.plusSeconds(120));
        assertThat(ledger.readRecordsToList()).as("the approval; the payment writes nothing").hasSize(1);
        send(late, OrderStatus.APPROVED, OrderStatus.CANCELLED, DAY_1.plusSeconds(180));
        assertThat(ledger.readRecordsToList()).as("its sales taken out").hasSize(1);

        assertThat(daily("total|all|CNY|2026-11-02")).isEqualTo(SalesFigures.ZERO);
        assertThat(this.<Cancellations>store(AnalyticsTopology.CANCELLATIONS_STORE).get("2026-11"))
                .isEqualTo(new Cancellations(2, 2));
    }

    @Test
    void shouldNotWriteTheLedgerForAReturnThatTakesNothingOut() {
        TestOutputTopic<String, byte[]> ledger = changelog(AnalyticsTopology.LEDGER_STORE);
        OrderState.Builder order = order("O-R", "C1", line("TEA-1", 1, "2.00"));
        send(order, null, OrderStatus.PENDING_REVIEW, DAY_1);
        send(order, OrderStatus.PENDING_REVIEW, OrderStatus.APPROVED, DAY_1.plusSeconds(60));
        ledger.readRecordsToList();
        order.setReturnRequest(ReturnRequest.newBuilder().setReason("not ours")
                .setLines(List.of(new ShipmentLine("CUP-9", 1)))
                .setRequestedBy(Actor.newBuilder().setId("cs").setRole(Role.SALES).build())
                .setRequestedAt(DAY_1.plusSeconds(120)).build());
        send(order, OrderStatus.RETURN_REQUESTED, OrderStatus.RETURN_APPROVED, DAY_1.plusSeconds(180));

        assertThat(ledger.readRecordsToList()).isEmpty();
        assertThat(daily("total|all|CNY|2026-11-02")).isEqualTo(new SalesFigures(1, 1, new BigDecimal("2.00")));
    }

    private SalesFigures daily(String key) {
        return this.<SalesFigures>store(AnalyticsTopology.SALES_DAY_STORE).get(key);
    }

    private Map<String, SalesFigures> all(String name) {
        Map<String, SalesFigures> all = new java.util.TreeMap<>();
        try (KeyValueIterator<String, SalesFigures> it = this.<SalesFigures>store(name).all()) {
            it.forEachRemaining(entry -> all.put(entry.key, entry.value));
        }
        return all;
    }

    private <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    private static OrderState.Builder order(String id, String customer, io.orderflow.avro.OrderLineState... lines) {
        return OrderFixtures.order(id, OrderStatus.PENDING_REVIEW, DAY_1, Channel.ONLINE, customer, List.of(lines));
    }

    private void send(OrderState.Builder order, OrderStatus from, OrderStatus to, Instant at) {
        send(order, from, to, at, at);
    }

    /** Places {@code order} {@code at}, dated {@code orderDate} (entered late from a paper ledger, say). */
    private void place(OrderState.Builder order, LocalDate orderDate, Instant at) {
        order.setCreatedAt(at).setOrderDate(orderDate);
        pipe(order, null, OrderStatus.PENDING_REVIEW, at, at);
    }

    /**
     * An event that happened {@code at}, recorded on the topic at {@code recorded}; a placement dates the
     * order as the gateway does, the day of {@code at} in the zone.
     */
    private void send(OrderState.Builder order, OrderStatus from, OrderStatus to, Instant at, Instant recorded) {
        if (from == null) {
            order.setCreatedAt(at).setOrderDate(LocalDate.ofInstant(at, settings.zone()));
        }
        pipe(order, from, to, at, recorded);
    }

    private void pipe(OrderState.Builder order, OrderStatus from, OrderStatus to, Instant at, Instant recorded) {
        order.setStatus(to).setStatusSince(at).setUpdatedAt(at).setVersion(order.getVersion() + 1);
        OrderState state = order.build();
        events.pipeInput(state.getOrderId(), OrderEvent.newBuilder()
                .setEventId(state.getOrderId() + "-" + state.getVersion())
                .setOrderId(state.getOrderId())
                .setCommandId("c-" + state.getVersion())
                .setAction(to.name())
                .setActor(Actor.newBuilder().setId("u").setRole(Role.REVIEWER).build())
                .setAt(at)
                .setFromStatus(from)
                .setToStatus(to)
                .setOrder(state)
                .build(), recorded);
    }
}
