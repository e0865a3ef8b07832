package io.orderflow.streams.stock;

import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.amend;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.approveCancellation;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.requestCancellation;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockMovementType;
import io.orderflow.streams.Pipeline;
import io.orderflow.streams.order.Refusals;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockTopologyTest {

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.product("B", 0);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private void order(String orderId, OrderLine... lines) {
        pipeline.send(orderId, SALES, place(lines));
        pipeline.send(orderId, REVIEWER, approve());
    }

    private OrderStatus status(String orderId) {
        return pipeline.order(orderId).getStatus();
    }

    @Test
    void shouldReserveNoLineWhenOneLineIsShort() {
        pipeline.receive("A", 10);
        pipeline.receive("B", 1);

        order("O-1", line("A", 5, "1.00"), line("B", 2, "1.00"));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.AWAITING_STOCK);
        assertThat(order.getShortfall()).extracting(ShipmentLine::getSku, ShipmentLine::getQuantity)
                .containsExactly(tuple("B", 1));
        assertThat(order.getLines()).allSatisfy(line -> assertThat(line.getReservedQuantity()).isZero());
        assertThat(pipeline.level("A").getReserved()).isZero();
        assertThat(pipeline.level("B").getReserved()).isZero();
        assertThat(pipeline.purchaseRequests.readKeyValuesToList())
                .extracting(kv -> kv.key, kv -> kv.value.getQuantity(), kv -> kv.value.getOrderId())
                .containsExactly(tuple("B", 1, "O-1"));
    }

    @Test
    void shouldAllocateAReceiptToWaitingOrdersFirstComeFirstServed() {
        pipeline.receive("A", 1);
        order("FIRST", line("A", 3, "1.00"));
        order("SECOND", line("A", 2, "1.00"));
        order("THIRD", line("A", 1, "1.00"));
        assertThat(List.of("FIRST", "SECOND", "THIRD")).extracting(this::status)
                .containsExactly(OrderStatus.AWAITING_STOCK, OrderStatus.AWAITING_STOCK, OrderStatus.APPROVED);

        pipeline.receive("A", 3);
        assertThat(status("FIRST")).isEqualTo(OrderStatus.APPROVED);
        assertThat(status("SECOND")).isEqualTo(OrderStatus.AWAITING_STOCK);
        assertThat(pipeline.available("A")).isZero();

        pipeline.receive("A", 2);
        assertThat(status("SECOND")).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(6);
        OrderState first = pipeline.order("FIRST");
        assertThat(first.getShortfall()).isEmpty();
        assertThat(first.getLines().get(0).getReservedQuantity()).isEqualTo(3);
        var allocation = first.getHistory().get(first.getHistory().size() - 1);
        assertThat(allocation.getReason()).startsWith("stock arrived for approval");
        assertThat(allocation.getAction()).isEqualTo("StockReserved");
        assertThat(allocation.getActor().getRole()).isEqualTo(io.orderflow.avro.Role.SYSTEM);
        assertThat(allocation.getFromStatus()).isEqualTo(OrderStatus.AWAITING_STOCK);
    }

    @Test
    void shouldLetALaterWaitingOrderThroughWhenTheEarlierOneStillDoesNotFit() {
        order("BIG", line("A", 10, "1.00"));
        order("SMALL", line("A", 2, "1.00"));

        pipeline.receive("A", 3);

        assertThat(status("BIG")).isEqualTo(OrderStatus.AWAITING_STOCK);
        assertThat(status("SMALL")).isEqualTo(OrderStatus.APPROVED);
    }

    @Test
    void shouldGiveReleasedStockToWaitingOrders() {
        pipeline.receive("A", 2);
        order("HOLDER", line("A", 2, "1.00"));
        order("WAITER", line("A", 2, "1.00"));
        assertThat(status("WAITER")).isEqualTo(OrderStatus.AWAITING_STOCK);

        pipeline.send("HOLDER", SALES, requestCancellation());
        pipeline.send("HOLDER", REVIEWER, approveCancellation());

        assertThat(status("HOLDER")).isEqualTo(OrderStatus.CANCELLED);
        assertThat(status("WAITER")).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(2);
    }

    @Test
    void shouldDropACancelledOrderFromTheWaitList() {
        order("WAITER", line("A", 2, "1.00"));
        pipeline.send("WAITER", SALES, requestCancellation());
        pipeline.send("WAITER", REVIEWER, approveCancellation());

        pipeline.receive("A", 5);

        assertThat(status("WAITER")).isEqualTo(OrderStatus.CANCELLED);
        assertThat(pipeline.level("A").getReserved()).isZero();
        assertThat(pipeline.reservations()).isEmpty();
    }

    @Test
    void shouldLetGoOfAnAmendedApprovedOrdersReservationAndReserveItsNewLinesWhenApprovedAgain() {
        pipeline.product("C", 0);
        pipeline.receive("A", 5);
        pipeline.receive("B", 5);
        pipeline.receive("C", 5);
        order("O-1", line("A", 2, "1.00"), line("B", 3, "1.00"));
        order("WAITER", line("B", 4, "1.00"));
        assertThat(List.of("O-1", "WAITER")).extracting(this::status)
                .containsExactly(OrderStatus.APPROVED, OrderStatus.AWAITING_STOCK);

        pipeline.send("O-1", ADMIN, amend(line("A", 4, "1.00"), line("C", 1, "1.00")));

        OrderState amended = pipeline.order("O-1");
        assertThat(amended.getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(amended.getLines()).allSatisfy(line -> assertThat(line.getReservedQuantity()).isZero());
        assertThat(amended.getReviewer()).isNull();
        var entry = amended.getHistory().get(amended.getHistory().size() - 1);
        assertThat(entry.getFromStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(entry.getReason()).isEqualTo("lines 2 x A @ 1.00, 3 x B @ 1.00 -> 4 x A @ 1.00, 1 x C @ 1.00");
        assertThat(status("WAITER")).as("the 3 B the amendment let go served the waiting order")
                .isEqualTo(OrderStatus.APPROVED);
        assertThat(List.of("A", "B", "C")).extracting(sku -> pipeline.level(sku).getReserved())
                .containsExactly(0, 4, 0);

        pipeline.send("O-1", ADMIN, approve());
        assertThat(pipeline.refusals()).extracting(Refusal::getCode).containsExactly(Refusals.FOUR_EYES);
        assertThat(status("O-1")).isEqualTo(OrderStatus.PENDING_REVIEW);

        pipeline.send("O-1", REVIEWER, approve());

        OrderState approved = pipeline.order("O-1");
        assertThat(approved.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(approved.getLines()).extracting(line -> line.getLine().getSku(), line -> line.getReservedQuantity())
                .containsExactly(tuple("A", 4), tuple("C", 1));
        assertThat(List.of("A", "B", "C")).extracting(sku -> pipeline.level(sku).getReserved())
                .containsExactly(4, 4, 1);
        assertThat(List.of("A", "B", "C")).extracting(sku -> pipeline.level(sku).getHeld()).containsOnly(0);
        assertThat(List.of("A", "B", "C")).extracting(sku -> pipeline.level(sku).getOnHand())
                .containsExactly(5, 5, 5);
    }

    @Test
    void shouldTakeAnAmendedWaitingOrderOffTheWaitingLine() {
        order("O-1", line("A", 10, "1.00"));
        assertThat(status("O-1")).isEqualTo(OrderStatus.AWAITING_STOCK);

        pipeline.send("O-1", SALES, amend(line("A", 1, "1.00")));
        pipeline.receive("A", 5);

        assertThat(status("O-1")).as("in review again, it waits for no stock").isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.order("O-1").getShortfall()).isEmpty();
        assertThat(pipeline.level("A").getReserved()).isZero();

        pipeline.send("O-1", REVIEWER, approve());
        assertThat(status("O-1")).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(1);
    }

    @Test
    void shouldKeepNoHoldInFlightOnceAnOrdersChainHasReservedEveryLine() {
        pipeline.receive("A", 5);
        pipeline.receive("B", 5);
        order("O-1", line("A", 2, "1.00"), line("B", 1, "1.00"));
        order("O-2", line("B", 1, "1.00"), line("A", 1, "1.00"));

        assertThat(List.of("O-1", "O-2")).extracting(this::status).containsOnly(OrderStatus.APPROVED);
        for (String sku : List.of("A", "B")) {
            StockLevel level = pipeline.level(sku);
            assertThat(level.getHeld()).as(sku).isZero();
        }
        assertThat(pipeline.level("A").getReserved()).isEqualTo(3);
        assertThat(pipeline.level("B").getReserved()).isEqualTo(2);
    }

    @Test
    void shouldTurnReservationsIntoDeductionsOnShipment() {
        pipeline.receive("A", 10);
        order("O-1", line("A", 4, "1.00"));

        pipeline.send("O-1", WAREHOUSE, ship("SF", "1", units("A", 1)));
        StockLevel level = pipeline.level("A");
        assertThat(level.getOnHand()).isEqualTo(9);
        assertThat(level.getReserved()).isEqualTo(3);
        assertThat(pipeline.reservations().get("O-1").getLines()).extracting(ShipmentLine::getQuantity)
                .containsExactly(3);

        pipeline.send("O-1", WAREHOUSE, ship("SF", "2", units("A", 3)));
        assertThat(pipeline.level("A").getReserved()).isZero();
        assertThat(pipeline.level("A").getShipped()).isEqualTo(4);
        assertThat(pipeline.reservations()).isEmpty();
    }

    @Test
    void shouldApplyStocktakeAdjustmentsButNeverBelowWhatIsReserved() {
        pipeline.receive("A", 10);
        order("O-1", line("A", 6, "1.00"));

        pipeline.adjust("A", -3);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(7);
        assertThat(pipeline.level("A").getAdjusted()).isEqualTo(-3);

        pipeline.adjust("A", -2);
        List<Refusal> refusals = pipeline.refusals();
        assertThat(refusals).extracting(Refusal::getCode).containsExactly(Refusals.INSUFFICIENT_STOCK);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(7);
        assertThat(pipeline.available("A")).isEqualTo(1);

        pipeline.adjust("A", 4);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(11);
    }

    @Test
    void shouldRefuseAReceiptOfNothing() {
        pipeline.receive("A", 0);

        assertThat(pipeline.refusals()).extracting(Refusal::getCode).containsExactly(Refusals.INVALID_QUANTITY);
    }

    @Test
    void shouldApplyARepeatedStockMovementOnce() {
        pipeline.movement("GRN-7", "A", StockMovementType.RECEIPT, 5);
        pipeline.movement("GRN-7", "A", StockMovementType.RECEIPT, 5);

        assertThat(pipeline.level("A").getOnHand()).isEqualTo(5);
        assertThat(pipeline.level("A").getReceived()).isEqualTo(5);
    }

    @Test
    void shouldRaiseALowStockAlertOnceAndClearItWhenStockIsBack() {
        pipeline.product("L", 5);
        pipeline.receive("L", 10);
        order("O-1", line("L", 4, "1.00"));
        order("O-2", line("L", 1, "1.00"));
        order("O-3", line("L", 1, "1.00"));
        pipeline.receive("L", 3);

        List<KeyValue<String, Alert>> alerts = pipeline.alerts.readKeyValuesToList();
        assertThat(alerts).extracting(kv -> kv.key, kv -> kv.value.getType(), kv -> kv.value.getState())
                .containsExactly(
                        tuple("LOW_STOCK:L", AlertType.LOW_STOCK, AlertState.RAISED),
                        tuple("LOW_STOCK:L", AlertType.LOW_STOCK, AlertState.CLEARED));
        assertThat(alerts.get(0).value.getSku()).isEqualTo("L");
    }

    @Test
    void shouldKeepStockConservedAcrossAMixOfOrders() {
        pipeline.receive("A", 5);
        pipeline.receive("B", 5);
        order("O-1", line("A", 3, "1.00"), line("B", 2, "1.00"));
        order("O-2", line("A", 3, "1.00"), line("B", 3, "1.00"));
        pipeline.send("O-1", WAREHOUSE, ship("SF", "1", units("A", 3), units("B", 2)));
        pipeline.receive("A", 1);
        pipeline.adjust("B", 1);

        assertThat(status("O-2")).isEqualTo(OrderStatus.APPROVED);
        for (StockLevel level : pipeline.levels()) {
            assertThat(level.getOnHand()).isEqualTo(
                    level.getReceived() + level.getAdjusted() - level.getShipped() + level.getReturned());
            assertThat(level.getOnHand() - level.getReserved()).isGreaterThanOrEqualTo(0);
        }
        assertThat(pipeline.level("A").getReserved()).isEqualTo(3);
        assertThat(pipeline.level("B").getOnHand()).isEqualTo(4);
        List<PurchaseRequest> purchases = pipeline.purchaseRequests.readValuesToList();
        assertThat(purchases).extracting(PurchaseRequest::getSku).containsExactly("A");
    }
}
