package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.CARRIER_SF;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.approveCancellation;
import static io.orderflow.streams.Commands.complete;
import static io.orderflow.streams.Commands.importOrder;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.pay;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.requestCancellation;
import static io.orderflow.streams.Commands.requestReturn;
import static io.orderflow.streams.Commands.scan;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.ArchivedOrder;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.streams.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.kstream.Windowed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly archive on the whole topology, by the driver's wall clock: a finished order leaves the live state
 * once the month after the one it finished in has ended (in the reports' zone, Asia/Shanghai by default), goes to
 * the archive store (whose changelog is the archive topic) and its month index, is tombstoned from the live
 * stores, costs the analytics nothing, and cannot be changed or placed again afterwards.
 */
class ArchiveTopologyTest {

    /** The orders here finish on Pipeline.T0's day (November 2026): archived from 1 January 2027, local time. */
    private static final Instant RETENTION_ENDS = Instant.parse("2027-01-01T00:00:00+08:00");

    @TempDir
    Path stateDir;
    private Pipeline pipeline;
    /** The driver's wall clock: it starts at the pipeline's T0 and moves only by {@link #advance}. */
    private Instant wallClock = Pipeline.T0;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldArchiveACompletedOrderOnlyOnceTheMonthAfterItFinishedHasEnded() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
        completed("O-1");
        pipeline.send("O-2", SALES, place(line("A", 1, "10.00")));
        drainOutputs();
        Map<String, String> reports = reports();

        wallClockTo(RETENTION_ENDS.minus(Duration.ofMinutes(5)));
        assertThat(pipeline.order("O-1")).isNotNull();
        assertThat(archive().get("O-1")).isNull();

        wallClockTo(RETENTION_ENDS.plus(Duration.ofMinutes(10)));
        assertThat(pipeline.order("O-1")).as("gone from the live orders").isNull();
        assertThat(pipeline.order("O-2")).as("an open order stays").isNotNull();
        ArchivedOrder archived = archive().get("O-1");
        assertThat(archived.getMonth()).isEqualTo("2026-11");
        assertThat(archived.getOrder().getStatus()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(archived.getArchivedAt()).isAfterOrEqualTo(RETENTION_ENDS);
        assertThat(monthIndex()).containsOnlyKeys("2026-11|O-1");
        assertThat(tombstones(pipeline.statesTopic())).containsExactly("O-1");
        assertThat(pipeline.events.readRecordsToList()).as("no event: nothing for the analytics").isEmpty();
        assertThat(reports()).as("the report stores are as they were").isEqualTo(reports);
    }

    @Test
    void shouldRefuseEveryLaterCommandForAnArchivedOrderAndNotPlaceItAgain() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
        completed("O-1");
        wallClockTo(RETENTION_ENDS.plus(Duration.ofMinutes(10)));
        drainOutputs();

        pipeline.send("O-1", SALES, requestReturn(units("A", 1)));
        pipeline.send("O-1", SALES, place(line("A", 1, "10.00")));

        List<Refusal> refusals = pipeline.refusals.readValuesToList();
        assertThat(refusals).extracting(Refusal::getCode)
                .containsExactly(Refusals.ORDER_ARCHIVED, Refusals.ORDER_ARCHIVED);
        assertThat(refusals.get(0).getStatus()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(pipeline.order("O-1")).as("no half order comes back").isNull();
        assertThat(pipeline.events.readRecordsToList()).isEmpty();
        assertThat(archive().get("O-1").getOrder().getStatus()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void shouldArchiveACancelledOrderButKeepAnUnpaidCompletedOneAsAReceivable() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
        pipeline.send("O-C", SALES, place(line("A", 1, "10.00")));
        pipeline.send("O-C", SALES, requestCancellation());
        pipeline.send("O-C", REVIEWER, approveCancellation());
        // a ledger's completed order that was never paid (a completion of one made here needs the payment first)
        pipeline.send("O-U", ADMIN, importOrder(OrderStatus.COMPLETED, place(line("A", 2, "10.00")), units("A", 2)));
        assertThat(pipeline.order("O-C").getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(pipeline.order("O-U").getStatus()).isEqualTo(OrderStatus.COMPLETED);

        wallClockTo(RETENTION_ENDS.plus(Duration.ofMinutes(10)));

        assertThat(archive().get("O-C")).isNotNull();
        assertThat(pipeline.order("O-U")).as("still owed: stays with the receivables").isNotNull();
    }

    @Test
    void shouldLookAtNoMoreLiveOrdersPerPunctuationThanConfiguredAndGoOnWhereItStopped() {
        pipeline = new Pipeline(stateDir, Map.of(ArchiveSettings.MAX_PER_PUNCTUATION, "1",
                ArchiveSettings.PUNCTUATION_INTERVAL, "PT1H"));
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
        completed("O-1");
        completed("O-2");

        wallClockTo(RETENTION_ENDS.plus(Duration.ofMinutes(1)));
        assertThat(archivedIds()).hasSize(1);
        advance(Duration.ofHours(1));
        assertThat(archivedIds()).containsExactly("O-1", "O-2");
    }

    @Test
    void shouldKeepFinishedOrdersLiveForTheConfiguredNumberOfMonths() {
        pipeline = new Pipeline(stateDir, Map.of(ArchiveSettings.RETENTION_MONTHS, "0"));
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
        completed("O-1");

        Instant endOfNovember = Instant.parse("2026-12-01T00:00:00+08:00");
        wallClockTo(endOfNovember.minus(Duration.ofMinutes(5)));
        assertThat(archive().get("O-1")).isNull();
        wallClockTo(endOfNovember.plus(Duration.ofMinutes(10)));
        assertThat(archive().get("O-1")).isNotNull();
    }

    private void delivered(String orderId) {
        pipeline.send(orderId, SALES, place(line("A", 2, "10.00")));
        pipeline.send(orderId, REVIEWER, approve());
        pipeline.send(orderId, WAREHOUSE, ship("SF", "SF-" + orderId, units("A", 2)));
        pipeline.scan(scan("e-" + orderId, CARRIER_SF, "SF", "SF-" + orderId, TrackingStatus.DELIVERED,
                pipeline.now()));
    }

    private void completed(String orderId) {
        delivered(orderId);
        pipeline.send(orderId, SALES, pay("20.00"));
        pipeline.send(orderId, SALES, complete());
        assertThat(pipeline.order(orderId).getStatus()).isEqualTo(OrderStatus.COMPLETED);
    }

    /** Moves the driver's wall clock forward to {@code at} (it starts at Pipeline.T0), firing the punctuations. */
    private void wallClockTo(Instant at) {
        assertThat(at).isAfter(wallClock);
        advance(Duration.between(wallClock, at));
    }

    private void advance(Duration by) {
        pipeline.driver.advanceWallClockTime(by);
        wallClock = wallClock.plus(by);
    }

    private KeyValueStore<String, ArchivedOrder> archive() {
        return pipeline.driver.getKeyValueStore(OrderLifecycleTopology.ARCHIVE_STORE);
    }

    private List<String> archivedIds() {
        try (KeyValueIterator<String, ArchivedOrder> all = archive().all()) {
            List<String> ids = new java.util.ArrayList<>();
            all.forEachRemaining(entry -> ids.add(entry.key));
            return ids;
        }
    }

    private Map<String, Long> monthIndex() {
        KeyValueStore<String, Long> months = pipeline.driver.getKeyValueStore(
                OrderLifecycleTopology.ARCHIVE_MONTHS_STORE);
        Map<String, Long> entries = new TreeMap<>();
        try (KeyValueIterator<String, Long> all = months.all()) {
            all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
        }
        return entries;
    }

    private void drainOutputs() {
        pipeline.events.readRecordsToList();
        pipeline.refusals.readRecordsToList();
        tombstones(pipeline.statesTopic());
    }

    /** The keys of the tombstones written to {@code topic} since it was last read. */
    private List<String> tombstones(String topic) {
        return pipeline.driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
                .readKeyValuesToList().stream().filter(record -> record.value == null).map(record -> record.key)
                .toList();
    }

    /** Every figure of the sales and report stores, as text. */
    private Map<String, String> reports() {
        Map<String, String> entries = new TreeMap<>();
        for (Map.Entry<String, StateStore> store : pipeline.driver.getAllStateStores().entrySet()) {
            String name = store.getKey();
            if (!(name.startsWith("sales-") || name.startsWith("report-"))) {
                continue;
            }
            if (store.getValue() instanceof KeyValueStore<?, ?> kv) {
                try (KeyValueIterator<?, ?> all = kv.all()) {
                    all.forEachRemaining(entry -> entries.put(name + "/" + entry.key, text(entry.value)));
                }
            } else if (store.getValue() instanceof ReadOnlyWindowStore<?, ?> windows) {
                try (KeyValueIterator<? extends Windowed<?>, ?> all = windows.all()) {
                    all.forEachRemaining(entry -> entries.put(name + "/" + entry.key, text(entry.value)));
                }
            }
        }
        assertThat(entries).as("the reports have figures to compare").isNotEmpty();
        return entries;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value);
    }
}
