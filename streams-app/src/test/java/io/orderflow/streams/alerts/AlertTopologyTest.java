package io.orderflow.streams.alerts;

import static io.orderflow.streams.analytics.OrderFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.Actor;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.OrderHold;
import io.orderflow.avro.Role;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Shipment;
import io.orderflow.serde.AvroSerde;
import io.orderflow.serde.InMemorySchemaRegistry;
import io.orderflow.serde.Topic;
import io.orderflow.streams.order.OrderChange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * The alert rules on {@link AlertTopology#build}, the entry point the pipeline calls, fed the changes of orders
 * whose states each test gives as they are: a stand-in for the order lifecycle ({@link LifecycleStandIn}) keeps
 * the latest state per order in a store and forwards each change, as the lifecycle does with {@code orders-store}.
 * {@code AlertWiringTopologyTest} runs them in the whole pipeline.
 */
class AlertTopologyTest {

    private static final String STATES_STORE = "orders-store";
    private static final Instant START = Instant.parse("2026-11-22T00:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderState> orders;
    private TestOutputTopic<String, Alert> alerts;

    private void start(AlertSettings settings) {
        start(settings, START);
    }

    private void start(AlertSettings settings, Instant wallClock) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        Topic<String, OrderState> states =
                new Topic<>("order-states", Serdes.String(), AvroSerde.specific(OrderState.class, registry, false));
        Topic<String, Alert> alertsTopic =
                new Topic<>("alerts", Serdes.String(), AvroSerde.specific(Alert.class, registry, false));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATES_STORE),
                Serdes.String(), states.valueSerde()).withCachingDisabled());
        KStream<String, OrderChange> changes = builder.stream(states.name(),
                        Consumed.with(states.keySerde(), states.valueSerde()))
                .process(LifecycleStandIn::new, STATES_STORE);
        AlertTopology.build(changes, STATES_STORE, alertsTopic, settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, wallClock);
        orders = driver.createInputTopic(states.name(), Serdes.String().serializer(), states.valueSerde().serializer());
        alerts = driver.createOutputTopic("alerts", Serdes.String().deserializer(), alertsTopic.valueSerde().deserializer());
    }

    private void start() {
        start(AlertSettings.fromEnv(Map.of(AlertSettings.PUNCTUATION_INTERVAL, "PT10S")));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void send(OrderState state) {
        orders.pipeInput(state.getOrderId(), state, state.getUpdatedAt());
    }

    private KeyValueStore<String, Alert> active() {
        return driver.getKeyValueStore(AlertTopology.ACTIVE_STORE);
    }

    /** The values a store's changelog received since the last call (null: a tombstone). */
    private List<byte[]> changelog(String store) {
        return driver.createOutputTopic("alerts-test-" + store + "-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readValuesToList();
    }

    /** The due index's entries, earliest first: {@code <due millis>|<order id>|<type>}. */
    private List<String> due() {
        List<String> keys = new java.util.ArrayList<>();
        try (var all = driver.<String, String>getKeyValueStore(AlertTopology.DUE_STORE).all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private static String entry(Instant dueAt, String orderId, AlertType type) {
        return new DueKey(dueAt.toEpochMilli(), orderId, type).encode();
    }

    private double dueEntriesVisited() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(AlertScheduler.VISITED_METRIC + "-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Test
    void shouldRaiseStalledAlertExactlyOnceWhenDueWithoutFurtherTraffic() {
        start();
        send(order("O-1", OrderStatus.PENDING_REVIEW, START).build());

        driver.advanceWallClockTime(Duration.ofHours(23).plusMinutes(59));
        assertThat(alerts.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofMinutes(1).plusSeconds(10));
        List<KeyValue<String, Alert>> raised = alerts.readKeyValuesToList();
        assertThat(raised).hasSize(1);
        Alert alert = raised.get(0).value;
        assertThat(raised.get(0).key).isEqualTo("STALLED:O-1");
        assertThat(alert.getState()).isEqualTo(AlertState.RAISED);
        assertThat(alert.getType()).isEqualTo(AlertType.STALLED);
        assertThat(alert.getOrderStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(alert.getDueAt()).isEqualTo(START.plus(Duration.ofHours(24)));

        driver.advanceWallClockTime(Duration.ofHours(5));
        driver.advanceWallClockTime(Duration.ofHours(5));
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(active().get("STALLED:O-1").getState()).isEqualTo(AlertState.RAISED);
    }

    @Test
    void shouldClearTheAlertWhenTheOrderMovesOn() {
        start();
        send(order("O-1", OrderStatus.PENDING_REVIEW, START).build());
        driver.advanceWallClockTime(Duration.ofHours(25));
        assertThat(alerts.readValuesToList()).extracting(Alert::getState).containsExactly(AlertState.RAISED);

        Instant approvedAt = START.plus(Duration.ofHours(25));
        send(order("O-1", OrderStatus.APPROVED, START).setStatusSince(approvedAt).setUpdatedAt(approvedAt).build());

        List<Alert> cleared = alerts.readValuesToList();
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).getAlertId()).isEqualTo("STALLED:O-1");
        assertThat(cleared.get(0).getState()).isEqualTo(AlertState.CLEARED);
        assertThat(cleared.get(0).getOrderStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(active().get("STALLED:O-1")).isNull();

        // The new status has its own allowance (48 h), from the time it was entered.
        driver.advanceWallClockTime(Duration.ofHours(47));
        assertThat(alerts.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(alerts.readValuesToList()).extracting(Alert::getState, Alert::getOrderStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertState.RAISED, OrderStatus.APPROVED));
    }

    @Test
    void shouldRaiseOverdueAtTheEndOfTheExpectedDayInTheConfiguredZoneAndClearItOnDelivery() {
        start();
        LocalDate expected = LocalDate.of(2026, 11, 23);
        Instant endOfExpectedDay = expected.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        send(order("O-2", OrderStatus.IN_TRANSIT, START).setExpectedDeliveryDate(expected).build());
        // Scans keep the parcel moving so that only the delivery date matters here.
        driver.advanceWallClockTime(Duration.between(START, endOfExpectedDay).minusSeconds(15));
        assertThat(alerts.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(20));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-2", AlertState.RAISED));

        Instant deliveredAt = endOfExpectedDay.plus(Duration.ofHours(3));
        send(order("O-2", OrderStatus.DELIVERED, START).setExpectedDeliveryDate(expected)
                .setStatusSince(deliveredAt).setUpdatedAt(deliveredAt).setDeliveredAt(deliveredAt).build());
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-2", AlertState.CLEARED));
        assertThat(active().get("OVERDUE_DELIVERY:O-2")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30", "2026-12-31", "2028-02-28", "2028-02-29"})
    void shouldRaiseOverdueAtShanghaisMidnightWhenTheExpectedDayEndsAMonthOrAYear(String day) {
        LocalDate expected = LocalDate.parse(day);
        Instant noonBefore = expected.atTime(12, 0).atZone(SHANGHAI).toInstant();
        start(AlertSettings.fromEnv(Map.of(AlertSettings.PUNCTUATION_INTERVAL, "PT10S")), noonBefore);
        send(order("O-M", OrderStatus.IN_TRANSIT, noonBefore).setExpectedDeliveryDate(expected).build());
        // Midnight in Shanghai is 16:00 UTC of the expected day itself.
        Instant midnight = expected.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        assertThat(midnight).isEqualTo(expected.atTime(16, 0).toInstant(java.time.ZoneOffset.UTC));

        driver.advanceWallClockTime(Duration.between(noonBefore, midnight).minusSeconds(15));
        assertThat(alerts.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-M", AlertState.RAISED));
        assertThat(raised.get(0).getDueAt()).isEqualTo(midnight);
    }

    @Test
    void shouldNotRaiseAnythingForDeliveredOrCancelledOrdersWhoseDateHasPassed() {
        start();
        LocalDate longAgo = LocalDate.of(2026, 1, 5);
        send(order("O-D", OrderStatus.DELIVERED, START).setExpectedDeliveryDate(longAgo)
                .setDeliveredAt(START).build());
        send(order("O-C", OrderStatus.CANCELLED, START).setExpectedDeliveryDate(longAgo).build());

        driver.advanceWallClockTime(Duration.ofDays(10));
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts.isEmpty()).isTrue();
        try (var all = active().all()) {
            assertThat(all.hasNext()).isFalse();
        }
        try (var due = driver.<String, String>getKeyValueStore(AlertTopology.DUE_STORE).all()) {
            assertThat(due.hasNext()).isFalse();
        }
    }

    @Test
    void shouldRaiseTheAlertsOfAnImportedOrderWithPastDatesAtTheNextPunctuation() {
        start();
        Instant placed = START.minus(Duration.ofDays(30));
        send(order("OLD-1", OrderStatus.APPROVED, placed)
                .setExpectedDeliveryDate(LocalDate.of(2026, 10, 30)).build());
        assertThat(alerts.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId)
                .containsExactlyInAnyOrder("OVERDUE_DELIVERY:OLD-1", "STALLED:OLD-1");
    }

    @Test
    void shouldClearEveryActiveAlertWhenTheOrderIsCancelled() {
        start();
        Instant placed = START.minus(Duration.ofDays(30));
        send(order("OLD-1", OrderStatus.APPROVED, placed)
                .setExpectedDeliveryDate(LocalDate.of(2026, 10, 30)).build());
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        alerts.readValuesToList();

        send(order("OLD-1", OrderStatus.CANCELLED, placed).setStatusSince(START).setUpdatedAt(START)
                .setExpectedDeliveryDate(LocalDate.of(2026, 10, 30)).build());

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:OLD-1", AlertState.CLEARED),
                        org.assertj.core.groups.Tuple.tuple("STALLED:OLD-1", AlertState.CLEARED));
        driver.advanceWallClockTime(Duration.ofDays(5));
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldRestartTheInTransitClockAtEachCarrierScan() {
        start();
        Instant shipped = START.minus(Duration.ofHours(70));
        Shipment scanned = Shipment.newBuilder()
                .setShipmentId("S1").setCarrier("SF").setTrackingNumber("T1").setLines(List.of())
                .setShippedAt(shipped).setLastScanAt(START.minus(Duration.ofHours(1))).build();
        send(order("O-3", OrderStatus.IN_TRANSIT, shipped).setShipments(List.of(scanned)).build());

        driver.advanceWallClockTime(Duration.ofHours(70));
        assertThat(alerts.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId).containsExactly("STALLED:O-3");
    }

    @Test
    void shouldTakeTheAllowancePerStatusFromConfig() {
        start(AlertSettings.fromEnv(Map.of(
                AlertSettings.STALLED_PREFIX + "APPROVED", "PT1H",
                AlertSettings.STALLED_PREFIX + "PENDING_REVIEW", "off")));
        send(order("O-4", OrderStatus.APPROVED, START).build());
        send(order("O-5", OrderStatus.PENDING_REVIEW, START).build());

        driver.advanceWallClockTime(Duration.ofMinutes(61));
        driver.advanceWallClockTime(Duration.ofDays(3));

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId).containsExactly("STALLED:O-4");
    }

    @Test
    void shouldVisitOnlyTheDueEntriesWhenManyOrdersAreOpen() {
        start();
        for (int i = 0; i < 10_000; i++) {
            send(order("NOT-DUE-" + i, OrderStatus.PENDING_REVIEW, START).build());
        }
        for (int i = 0; i < 10; i++) {
            send(order("DUE-" + i, OrderStatus.PENDING_REVIEW, START.minus(Duration.ofHours(25))).build());
        }
        double before = dueEntriesVisited();

        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts.readValuesToList()).hasSize(10).allSatisfy(a -> assertThat(a.getOrderId()).startsWith("DUE-"));
        assertThat(dueEntriesVisited() - before).isEqualTo(10.0);

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(dueEntriesVisited() - before).isEqualTo(10.0);
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldRaiseABacklogOfPastDueAlertsOverSeveralPunctuationsWhenCapped() {
        start(AlertSettings.fromEnv(Map.of(AlertSettings.MAX_PER_PUNCTUATION, "4")));
        for (int i = 0; i < 10; i++) {
            send(order("OLD-" + i, OrderStatus.PENDING_REVIEW, START.minus(Duration.ofDays(3))).build());
        }

        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts.readValuesToList()).hasSize(4);
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts.readValuesToList()).hasSize(6);
        assertThat(dueEntriesVisited()).isEqualTo(10.0);
    }

    @Test
    void shouldKeepTheOverdueAlertWhileTheOrderMovesOnUndelivered() {
        start();
        LocalDate expected = LocalDate.of(2026, 11, 1);
        send(order("O-6", OrderStatus.SHIPPED, START).setExpectedDeliveryDate(expected).build());
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId).containsExactly("OVERDUE_DELIVERY:O-6");

        Instant inTransit = START.plus(Duration.ofHours(1));
        send(order("O-6", OrderStatus.IN_TRANSIT, START).setExpectedDeliveryDate(expected)
                .setStatusSince(inTransit).setUpdatedAt(inTransit).build());
        driver.advanceWallClockTime(Duration.ofHours(2));

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(active().get("OVERDUE_DELIVERY:O-6").getState()).isEqualTo(AlertState.RAISED);
    }

    @Test
    void shouldIndexAnOrdersNextAlertOnceItsEarliestIsRaisedAndRaiseItInTurn() {
        start();
        LocalDate expected = LocalDate.of(2026, 11, 27); // passes at 2026-11-27T16:00Z, end of the day in Shanghai
        send(order("O-11", OrderStatus.APPROVED, START).setExpectedDeliveryDate(expected).build());
        assertThat(due()).containsExactly(entry(START.plus(Duration.ofHours(48)), "O-11", AlertType.STALLED));

        driver.advanceWallClockTime(Duration.ofHours(48).plusSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED:O-11", AlertState.RAISED));
        assertThat(due()).as("the stall's entry out, the overdue delivery's in").containsExactly(
                entry(expected.plusDays(1).atStartOfDay(SHANGHAI).toInstant(), "O-11", AlertType.OVERDUE_DELIVERY));

        driver.advanceWallClockTime(Duration.between(START.plus(Duration.ofHours(48).plusSeconds(10)),
                expected.plusDays(1).atStartOfDay(SHANGHAI).toInstant()).plusSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-11", AlertState.RAISED));
        assertThat(active().get("STALLED:O-11").getState()).isEqualTo(AlertState.RAISED);
        try (var due = driver.<String, String>getKeyValueStore(AlertTopology.DUE_STORE).all()) {
            assertThat(due.hasNext()).as("nothing left to raise").isFalse();
        }
    }

    @Test
    void shouldRaiseEveryAlertDueAtOnceFromTheOrdersOneEntry() {
        start();
        // imported long after both fell due: the stall and the overdue delivery at the first punctuation
        Instant placed = START.minus(Duration.ofDays(30));
        send(order("O-12", OrderStatus.APPROVED, placed).setExpectedDeliveryDate(LocalDate.of(2026, 11, 1)).build());
        assertThat(due()).hasSize(1);

        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId)
                .containsExactlyInAnyOrder("STALLED:O-12", "OVERDUE_DELIVERY:O-12");
        assertThat(due()).isEmpty();
    }

    @Test
    void shouldLeaveTheIndexWhenAChangeOfTheOrderSchedulesTheSame() {
        start();
        LocalDate expected = LocalDate.of(2026, 11, 30);
        send(order("O-7", OrderStatus.APPROVED, START).setExpectedDeliveryDate(expected).build());
        List<String> stall = List.of(entry(START.plus(Duration.ofHours(48)), "O-7", AlertType.STALLED));
        assertThat(due()).as("one entry per order: its earliest alert, the stall").isEqualTo(stall);

        // A payment: same status since the same time, same date, so the same alerts at the same times.
        Instant paidAt = START.plus(Duration.ofHours(1));
        send(order("O-7", OrderStatus.APPROVED, START).setExpectedDeliveryDate(expected)
                .setPaidAmount(new java.math.BigDecimal("10.00")).setUpdatedAt(paidAt).setVersion(2).build());

        assertThat(due()).isEqualTo(stall);
        driver.advanceWallClockTime(Duration.ofHours(48).plusSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED:O-7", AlertState.RAISED));
    }

    @Test
    void shouldIndexNothingForAnOrderThatNeverHadAlertsScheduled() {
        start();
        send(order("O-8", OrderStatus.COMPLETED, START).build());
        send(order("O-8", OrderStatus.COMPLETED, START).setVersion(2).build());

        assertThat(due()).isEmpty();
    }

    @Test
    void shouldLeaveTheEntryOfAnOrderWithNoAlertsLeftUntilItFallsDueAndThenDropItRaisingNothing() {
        start();
        LocalDate expected = LocalDate.of(2026, 11, 30);
        send(order("O-9", OrderStatus.SHIPPED, START).setExpectedDeliveryDate(expected).build());
        List<String> overdue = List.of(entry(expected.plusDays(1).atStartOfDay(SHANGHAI).toInstant(), "O-9",
                AlertType.OVERDUE_DELIVERY));
        assertThat(due()).as("overdue delivery; no stall limit for SHIPPED").isEqualTo(overdue);

        Instant deliveredAt = START.plus(Duration.ofHours(3));
        send(order("O-9", OrderStatus.DELIVERED, START).setExpectedDeliveryDate(expected)
                .setStatusSince(deliveredAt).setUpdatedAt(deliveredAt).setDeliveredAt(deliveredAt).build());
        send(order("O-9", OrderStatus.COMPLETED, START).setExpectedDeliveryDate(expected)
                .setStatusSince(deliveredAt.plusSeconds(60)).setUpdatedAt(deliveredAt.plusSeconds(60))
                .setDeliveredAt(deliveredAt).build());

        assertThat(due()).as("neither the delivery nor the completion writes").isEqualTo(overdue);
        driver.advanceWallClockTime(Duration.ofDays(30));
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(due()).as("the entry goes when it falls due").isEmpty();
    }

    @Test
    void shouldLeaveTheIndexWhenAChangePutsTheNextAlertLaterAndMoveTheEntryWhenItFallsDue() {
        start();
        send(order("O-13", OrderStatus.PENDING_REVIEW, START).build());
        List<String> review = List.of(entry(START.plus(Duration.ofHours(24)), "O-13", AlertType.STALLED));
        assertThat(due()).as("the review's stall, due in 24 h").isEqualTo(review);

        Instant approvedAt = START.plus(Duration.ofHours(1));
        send(order("O-13", OrderStatus.APPROVED, START).setStatusSince(approvedAt).setUpdatedAt(approvedAt).build());
        assertThat(due()).as("the approval's stall is later: nothing written").isEqualTo(review);

        driver.advanceWallClockTime(Duration.ofHours(24).plusSeconds(10));
        assertThat(alerts.isEmpty()).as("nothing due for the approved order yet").isTrue();
        assertThat(due()).as("the early entry out, the approval's stall in")
                .containsExactly(entry(approvedAt.plus(Duration.ofHours(48)), "O-13", AlertType.STALLED));

        driver.advanceWallClockTime(Duration.ofHours(25));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getOrderStatus, Alert::getDueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED:O-13", OrderStatus.APPROVED,
                        approvedAt.plus(Duration.ofHours(48))));
    }

    @Test
    void shouldPutANewEntryWhenAChangeBringsTheNextAlertForward() {
        start();
        send(order("O-14", OrderStatus.PENDING_REVIEW, START).build());
        String stall14 = entry(START.plus(Duration.ofHours(24)), "O-14", AlertType.STALLED);
        assertThat(due()).containsExactly(stall14);

        // a promised date that ends before the review's stall falls due
        LocalDate today = START.atZone(SHANGHAI).toLocalDate();
        send(order("O-14", OrderStatus.PENDING_REVIEW, START).setExpectedDeliveryDate(today).setVersion(2).build());
        assertThat(due()).as("the earlier overdue delivery's entry put, the later one left to move on").containsExactly(
                entry(today.plusDays(1).atStartOfDay(SHANGHAI).toInstant(), "O-14", AlertType.OVERDUE_DELIVERY), stall14);

        driver.advanceWallClockTime(Duration.between(START, today.plusDays(1).atStartOfDay(SHANGHAI).toInstant())
                .plusSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId)
                .containsExactly("OVERDUE_DELIVERY:O-14");
    }

    @Test
    void shouldNotDeleteADueEntryAgainOnceItsAlertIsRaised() {
        start();
        send(order("O-10", OrderStatus.PENDING_REVIEW, START).build());
        assertThat(due()).hasSize(1);
        driver.advanceWallClockTime(Duration.ofHours(24).plusSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getState).containsExactly(AlertState.RAISED);
        assertThat(due()).isEmpty();

        Instant approvedAt = START.plus(Duration.ofHours(25));
        send(order("O-10", OrderStatus.APPROVED, START).setStatusSince(approvedAt).setUpdatedAt(approvedAt).build());

        assertThat(alerts.readValuesToList()).extracting(Alert::getState).containsExactly(AlertState.CLEARED);
        assertThat(due()).as("the approval's stall")
                .containsExactly(entry(approvedAt.plus(Duration.ofHours(48)), "O-10", AlertType.STALLED));
    }

    @Test
    void shouldWriteNoneOfTheDueIndexToKafka() {
        start();
        send(order("O-20", OrderStatus.PENDING_REVIEW, START).build());
        send(order("O-21", OrderStatus.PENDING_REVIEW, START.minus(Duration.ofHours(30))).build());
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId).containsExactly("STALLED:O-21");
        assertThat(due()).hasSize(1);
        assertThat(driver.producedTopicNames()).as("the index is not logged (AlertSchedulerTest: built again)")
                .contains("alerts-test-" + AlertTopology.ACTIVE_STORE + "-changelog")
                .noneMatch(topic -> topic.contains(AlertTopology.DUE_STORE));
    }

    /** Keeps each order's latest state in {@value #STATES_STORE} and forwards its change, as the lifecycle does. */
    private static final class LifecycleStandIn implements Processor<String, OrderState, String, OrderChange> {

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

    // ------------------------------------------------------------ rescheduled promises and holds (issue 25)

    @Test
    void shouldFollowARescheduledDateClearingTheOverdueAlertAndRaisingItAgainWhenTheNewDatePasses() {
        start();
        LocalDate promised = LocalDate.of(2026, 11, 23);
        LocalDate agreed = LocalDate.of(2026, 11, 30);
        Instant endOfPromisedDay = promised.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        Instant endOfAgreedDay = agreed.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        // shipped, with no stall allowance of its own: only the dates matter here
        send(order("O-R", OrderStatus.SHIPPED, START).setExpectedDeliveryDate(promised).build());
        driver.advanceWallClockTime(Duration.between(START, endOfPromisedDay).plusSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-R", AlertState.RAISED));

        Instant rescheduledAt = endOfPromisedDay.plus(Duration.ofHours(1));
        send(order("O-R", OrderStatus.SHIPPED, START).setExpectedDeliveryDate(agreed)
                .setPromisedDeliveryDate(promised).setReschedules(1).setUpdatedAt(rescheduledAt).build());
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-R", AlertState.CLEARED));
        assertThat(active().get("OVERDUE_DELIVERY:O-R")).isNull();

        // nothing while the agreed date is ahead, raised again once it has passed
        driver.advanceWallClockTime(Duration.between(endOfPromisedDay.plusSeconds(10), endOfAgreedDay)
                .minusSeconds(15));
        assertThat(alerts.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-R", AlertState.RAISED));
        assertThat(raised.get(0).getDueAt()).isEqualTo(endOfAgreedDay);
        assertThat(raised.get(0).getMessage()).contains(agreed.toString());
    }

    @Test
    void shouldRaiseTheOverdueAlertAtOnceWhenADateIsRescheduledIntoThePast() {
        start();
        send(order("O-P", OrderStatus.APPROVED, START).setExpectedDeliveryDate(LocalDate.of(2026, 12, 31)).build());
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts.isEmpty()).isTrue();

        send(order("O-P", OrderStatus.APPROVED, START).setExpectedDeliveryDate(LocalDate.of(2026, 11, 20))
                .setReschedules(1).setPromisedDeliveryDate(LocalDate.of(2026, 12, 31)).build());
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OVERDUE_DELIVERY:O-P", AlertState.RAISED));
    }

    /** A delivered order on 30 days' credit, unpaid: payment due 30 days after {@code deliveredAt}. */
    private static OrderState.Builder onCredit(Instant deliveredAt) {
        return order("O-9", OrderStatus.DELIVERED, deliveredAt)
                .setPaymentMethod(io.orderflow.avro.PaymentMethod.CREDIT_TERMS)
                .setPaymentTerms(new io.orderflow.avro.PaymentTerms(30))
                .setDeliveredAt(deliveredAt)
                .setPaymentDueAt(deliveredAt.plus(Duration.ofDays(30)));
    }

    private List<Alert> paymentAlerts() {
        return alerts.readValuesToList().stream().filter(a -> a.getType() == AlertType.PAYMENT_OVERDUE).toList();
    }

    @Test
    void shouldRaisePaymentOverdueOnceWhenCreditTermsRunOutUnpaidAndClearItOnFullPayment() {
        start(AlertSettings.fromEnv(Map.of(AlertSettings.PUNCTUATION_INTERVAL, "PT10S")));
        send(onCredit(START).build());

        driver.advanceWallClockTime(Duration.ofDays(30).minusSeconds(20));
        assertThat(paymentAlerts()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(30));
        List<Alert> raised = paymentAlerts();
        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.getAlertId()).isEqualTo("PAYMENT_OVERDUE:O-9");
            assertThat(alert.getState()).isEqualTo(AlertState.RAISED);
            assertThat(alert.getDueAt()).isEqualTo(START.plus(Duration.ofDays(30)));
            assertThat(alert.getMessage()).contains("C1", "UNPAID", "10.00", "30 days after delivery");
        });

        Instant partly = START.plus(Duration.ofDays(31));
        send(onCredit(START).setPaymentStatus(io.orderflow.avro.PaymentStatus.PARTIALLY_PAID)
                .setPaidAmount(new java.math.BigDecimal("4.00")).setUpdatedAt(partly).build());
        driver.advanceWallClockTime(Duration.ofDays(2));
        assertThat(paymentAlerts()).as("partly paid, still overdue, raised once").isEmpty();
        assertThat(active().get("PAYMENT_OVERDUE:O-9").getState()).isEqualTo(AlertState.RAISED);

        Instant paid = START.plus(Duration.ofDays(34));
        send(onCredit(START).setPaymentStatus(io.orderflow.avro.PaymentStatus.PAID)
                .setPaidAmount(new java.math.BigDecimal("10.00")).setUpdatedAt(paid).build());
        assertThat(paymentAlerts()).extracting(Alert::getState).containsExactly(AlertState.CLEARED);
        assertThat(active().get("PAYMENT_OVERDUE:O-9")).isNull();
    }

    @Test
    void shouldRaiseNoPaymentOverdueForAnOrderPaidInTime() {
        start();
        send(onCredit(START).build());
        send(onCredit(START).setPaymentStatus(io.orderflow.avro.PaymentStatus.PAID)
                .setPaidAmount(new java.math.BigDecimal("10.00")).setUpdatedAt(START.plus(Duration.ofDays(3))).build());

        driver.advanceWallClockTime(Duration.ofDays(40));

        assertThat(paymentAlerts()).isEmpty();
        assertThat(active().get("PAYMENT_OVERDUE:O-9")).isNull();
    }

    private static OrderHold heldAt(Instant at) {
        return new OrderHold(HoldReason.AWAITING_PAYMENT, "bank", new Actor("sam.sales", Role.SALES), at);
    }

    @Test
    void shouldStallAHeldOrderAfterTheHoldsAllowanceInsteadOfItsStatuss() {
        start(AlertSettings.fromEnv(Map.of(AlertSettings.PUNCTUATION_INTERVAL, "PT10S",
                AlertSettings.STALLED_ON_HOLD, "PT96H")));
        Instant heldAt = START.plus(Duration.ofHours(1));
        send(order("O-H", OrderStatus.APPROVED, START).build());
        send(order("O-H", OrderStatus.APPROVED, START).setHold(heldAt(heldAt)).setUpdatedAt(heldAt).build());

        // APPROVED alone would stall after 48 h; held, the order stalls 96 h after the hold
        driver.advanceWallClockTime(Duration.ofHours(97).minusSeconds(15));
        assertThat(alerts.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(20));

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getAlertId, Alert::getState, Alert::getOrderStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED:O-H", AlertState.RAISED,
                        OrderStatus.APPROVED));
        assertThat(raised.get(0).getDueAt()).isEqualTo(heldAt.plus(Duration.ofHours(96)));
        assertThat(raised.get(0).getMessage()).contains("held (AWAITING_PAYMENT)");
    }

    @Test
    void shouldClearTheHoldsStallOnReleaseAndFallBackOnTheStatussAllowance() {
        start(AlertSettings.fromEnv(Map.of(AlertSettings.PUNCTUATION_INTERVAL, "PT10S",
                AlertSettings.STALLED_ON_HOLD, "PT2H")));
        send(order("O-H", OrderStatus.APPROVED, START).setHold(heldAt(START)).build());
        driver.advanceWallClockTime(Duration.ofHours(2).plusSeconds(10));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED:O-H", AlertState.RAISED));

        Instant releasedAt = START.plus(Duration.ofHours(3));
        send(order("O-H", OrderStatus.APPROVED, START).setUpdatedAt(releasedAt).build());
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED:O-H", AlertState.CLEARED));

        // released, the order is APPROVED as before: stalled 48 h after it was approved
        driver.advanceWallClockTime(Duration.ofHours(46).minusMinutes(1));
        assertThat(alerts.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("STALLED:O-H", AlertState.RAISED));
        assertThat(raised.get(0).getDueAt()).isEqualTo(START.plus(Duration.ofHours(48)));
    }

    @Test
    void shouldNotStallAHeldOrderWhenTheHoldsAllowanceIsOff() {
        start(AlertSettings.fromEnv(Map.of(AlertSettings.PUNCTUATION_INTERVAL, "PT10S",
                AlertSettings.STALLED_ON_HOLD, "off")));
        send(order("O-H", OrderStatus.APPROVED, START).setHold(heldAt(START)).build());

        driver.advanceWallClockTime(Duration.ofDays(10));

        assertThat(alerts.isEmpty()).isTrue();
    }
}
