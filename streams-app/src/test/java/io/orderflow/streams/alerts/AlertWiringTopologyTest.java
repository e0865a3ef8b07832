package io.orderflow.streams.alerts;

import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.hold;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.reschedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.streams.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts as the pipeline runs them ({@code OrderflowTopology}): on the order lifecycle's own changes, reading
 * its {@code orders-store}, with the default settings (a review stalls after 24 h, punctuation every 10 s).
 */
class AlertWiringTopologyTest {

    @TempDir
    Path stateDir;
    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.receive("A", 10);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void shouldRaiseTheStallOfAnOrderLeftInReviewAndClearItOnApproval() {
        pipeline.send("O-1", SALES, place(line("A", 1, "10.00")));
        Instant placedAt = pipeline.now();
        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);

        pipeline.driver.advanceWallClockTime(Duration.between(Pipeline.T0, placedAt.plus(Duration.ofHours(24)))
                .minusSeconds(10));
        assertThat(pipeline.alerts.isEmpty()).as("not due yet").isTrue();
        pipeline.driver.advanceWallClockTime(Duration.ofSeconds(20));

        assertThat(pipeline.alerts.readValuesToList())
                .extracting(Alert::getAlertId, Alert::getState, Alert::getOrderStatus)
                .containsExactly(tuple("STALLED:O-1", AlertState.RAISED, OrderStatus.PENDING_REVIEW));
        KeyValueStore<String, Alert> active = pipeline.driver.getKeyValueStore(AlertTopology.ACTIVE_STORE);
        assertThat(active.get("STALLED:O-1").getState()).isEqualTo(AlertState.RAISED);

        pipeline.send("O-1", REVIEWER, approve());

        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple("STALLED:O-1", AlertState.CLEARED));
        assertThat(active.get("STALLED:O-1")).isNull();
    }

    @Test
    void shouldClearTheOverdueAlertWhenTheDeliveryIsRescheduledThroughACommand() {
        PlaceOrder late = place(line("A", 1, "10.00"));
        late.setExpectedDeliveryDate(LocalDate.of(2026, 11, 20));
        pipeline.send("O-2", SALES, late);
        pipeline.send("O-2", REVIEWER, approve());
        pipeline.driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple("OVERDUE_DELIVERY:O-2", AlertState.RAISED));

        pipeline.send("O-2", SALES, reschedule(LocalDate.of(2026, 11, 30), "the customer agreed a later date"));

        assertThat(pipeline.alerts.readValuesToList()).extracting(Alert::getAlertId, Alert::getState)
                .containsExactly(tuple("OVERDUE_DELIVERY:O-2", AlertState.CLEARED));
    }

    @Test
    void shouldStallAnOrderHeldLongerThanTheHoldAllowsAndNotBeforeThroughCommands() {
        pipeline.send("O-3", SALES, place(line("A", 1, "10.00")));
        pipeline.send("O-3", REVIEWER, approve());
        pipeline.send("O-3", SALES, hold(HoldReason.AWAITING_PAYMENT));
        Instant heldAt = pipeline.now();

        // APPROVED alone stalls after 48 h; a held order after the hold's 72 h
        pipeline.driver.advanceWallClockTime(Duration.between(Pipeline.T0, heldAt.plus(Duration.ofHours(72)))
                .minusSeconds(10));
        assertThat(pipeline.alerts.isEmpty()).as("not due yet").isTrue();
        pipeline.driver.advanceWallClockTime(Duration.ofSeconds(20));

        var raised = pipeline.alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getAlertId, Alert::getState, Alert::getOrderStatus)
                .containsExactly(tuple("STALLED:O-3", AlertState.RAISED, OrderStatus.APPROVED));
        assertThat(raised.get(0).getDueAt()).isEqualTo(heldAt.plus(Duration.ofHours(72)));
    }
}
