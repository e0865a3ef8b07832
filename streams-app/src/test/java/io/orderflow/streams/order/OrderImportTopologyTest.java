package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.CARRIER_SF;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.importOrder;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.scan;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.streams.Pipeline;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A ledger's orders imported in their own status (ImportOrder, issue 26) through the whole pipeline: each status
 * with its stock effect (nothing shipped is deducted again; what an approved order has still to ship is reserved,
 * or the order waits for it), the history that says who imported it from where, administrators only, and a repeated
 * import applied once.
 */
class OrderImportTopologyTest {

    @TempDir
    Path stateDir;

    private Pipeline pipeline;
    private Instant ledgerTime;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.product("B", 0);
        pipeline.receive("A", 100);
        ledgerTime = pipeline.now().minus(Duration.ofDays(400));
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    /** 3 x A at 10.00, in {@code status}, with the ledger's people and times. */
    private ImportOrder ledgerRow(OrderStatus status, ShipmentLine... shipped) {
        ImportOrder imported = importOrder(status, place(line("A", 3, "10.00")), shipped);
        imported.setCreatedBy("lin.sales");
        imported.setCreatedAt(ledgerTime);
        imported.setUpdatedAt(ledgerTime.plus(Duration.ofDays(3)));
        imported.setOwner("lin.sales");
        return imported;
    }

    private StockLevel stockOfA() {
        return pipeline.level("A");
    }

    private List<String> refusalCodes() {
        return pipeline.refusals().stream().map(Refusal::getCode).toList();
    }

    @Test
    void shouldImportADeliveredAndPaidOrderAsTheLedgerHasItWithoutDeductingStockAgain() {
        ImportOrder row = ledgerRow(OrderStatus.DELIVERED);
        row.setReviewer("wu.reviewer");
        row.setReviewedAt(ledgerTime.plus(Duration.ofHours(2)));
        Instant delivered = ledgerTime.plus(Duration.ofDays(2));
        row.setShipments(List.of(Shipment.newBuilder().setShipmentId("import-1").setCarrier("SF")
                .setTrackingNumber("SF100").setLines(List.of()).setShippedAt(ledgerTime.plus(Duration.ofDays(1)))
                .setExchange(false).setDeliveredAt(delivered).build()));
        row.setPaidAmount(new BigDecimal("30.00"));
        row.setExceptionNote("box dented");
        pipeline.send("import:O-1", "O-1", ADMIN, row);

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(order.getPaidAmount()).isEqualByComparingTo("30.00");
        assertThat(order.getLines()).extracting(OrderLineState::getShippedQuantity, OrderLineState::getReservedQuantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 0));
        assertThat(order.getDeliveredAt()).isEqualTo(delivered);
        assertThat(order.getReviewer().getId()).isEqualTo("wu.reviewer");
        assertThat(order.getCreatedBy().getId()).isEqualTo("lin.sales");
        assertThat(order.getCreatedAt()).isEqualTo(ledgerTime);
        assertThat(order.getUpdatedAt()).isEqualTo(ledgerTime.plus(Duration.ofDays(3)));
        assertThat(order.getExceptionNote()).isEqualTo("box dented");
        assertThat(order.getShipments()).extracting(Shipment::getTrackingNumber).containsExactly("SF100");
        assertThat(order.getHistory()).singleElement().satisfies(entry -> {
            assertThat(entry.getAction()).isEqualTo("ImportOrder");
            assertThat(entry.getActor()).isEqualTo(ADMIN);
            assertThat(entry.getAt()).isEqualTo(pipeline.now());
            assertThat(entry.getFromStatus()).isNull();
            assertThat(entry.getToStatus()).isEqualTo(OrderStatus.DELIVERED);
            assertThat(entry.getReason()).isEqualTo("imported from ledger.csv line 2");
            assertThat(entry.getCommandId()).isEqualTo("import:O-1");
        });
        assertThat(stockOfA().getOnHand()).isEqualTo(100);
        assertThat(stockOfA().getReserved()).isZero();
        assertThat(stockOfA().getShipped()).isZero();
        assertThat(refusalCodes()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class,
            names = {"PENDING_REVIEW", "RETURNED", "SHIPPED", "IN_TRANSIT", "DELIVERED", "COMPLETED", "CANCELLED"})
    void shouldLeaveTheStockAsItIsForAnOrderImportedNeitherApprovedNorPartlyShipped(OrderStatus status) {
        pipeline.send("O-1", ADMIN, ledgerRow(status));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(status);
        assertThat(order.getLines()).allSatisfy(line -> assertThat(line.getReservedQuantity()).isZero());
        assertThat(stockOfA().getOnHand()).isEqualTo(100);
        assertThat(stockOfA().getReserved()).isZero();
        assertThat(stockOfA().getHeld()).isZero();
        assertThat(pipeline.reservations()).doesNotContainKey("O-1");
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldReserveTheLinesOfAnOrderImportedAsApprovedAndShipThemFromTheReservation() {
        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.APPROVED));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order.getLines()).extracting(OrderLineState::getReservedQuantity).containsExactly(3);
        assertThat(order.getHistory()).singleElement().satisfies(entry -> {
            assertThat(entry.getAction()).isEqualTo("ImportOrder");
            assertThat(entry.getToStatus()).isEqualTo(OrderStatus.APPROVED);
        });
        assertThat(stockOfA().getReserved()).isEqualTo(3);
        assertThat(stockOfA().getOnHand()).isEqualTo(100);

        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF200", units("A", 3)));

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(stockOfA().getOnHand()).isEqualTo(97);
        assertThat(stockOfA().getReserved()).isZero();
    }

    @Test
    void shouldReserveOnlyWhatAPartlyShippedOrderHasStillToShip() {
        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.PARTIALLY_SHIPPED, units("A", 1)));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(order.getLines()).extracting(OrderLineState::getShippedQuantity, OrderLineState::getReservedQuantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2));
        assertThat(stockOfA().getReserved()).isEqualTo(2);
        assertThat(stockOfA().getOnHand()).isEqualTo(100);

        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF300", units("A", 2)));

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(stockOfA().getOnHand()).isEqualTo(98);
    }

    @Test
    void shouldLetAnOrderImportedAsApprovedWaitForStockThatIsNotThereAndApproveItWhenItArrives() {
        pipeline.send("O-1", ADMIN, importOrder(OrderStatus.APPROVED, place(line("B", 5, "4.00"))));

        OrderState waiting = pipeline.order("O-1");
        assertThat(waiting.getStatus()).isEqualTo(OrderStatus.AWAITING_STOCK);
        assertThat(waiting.getShortfall()).containsExactly(new ShipmentLine("B", 5));
        assertThat(waiting.getHistory()).singleElement().satisfies(entry -> {
            assertThat(entry.getAction()).isEqualTo("ImportOrder");
            assertThat(entry.getReason()).isEqualTo("imported from ledger.csv line 2; short of 5 x B");
        });

        pipeline.receive("B", 5);

        OrderState approved = pipeline.order("O-1");
        assertThat(approved.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(approved.getLines()).extracting(OrderLineState::getReservedQuantity).containsExactly(5);
        assertThat(pipeline.level("B").getReserved()).isEqualTo(5);
    }

    @Test
    void shouldApproveAnOrderImportedAsAwaitingStockWhoseStockIsThereNow() {
        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.AWAITING_STOCK));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order.getShortfall()).isEmpty();
        assertThat(stockOfA().getReserved()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"APPROVED", "SERVICE_SCHEDULED", "COMPLETED"})
    void shouldImportAServiceOrderInItsStatusWithoutAskingTheStock(OrderStatus status) {
        pipeline.product("INSTALL", 0, io.orderflow.avro.LineKind.SERVICE);
        pipeline.send("O-1", ADMIN, importOrder(status,
                place(io.orderflow.streams.Commands.serviceLine("INSTALL", "50.00"))));

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(status);
        assertThat(pipeline.reservations()).doesNotContainKey("O-1");
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldKeepAnImportedParcelScannableByItsCarrier() {
        ImportOrder row = ledgerRow(OrderStatus.SHIPPED);
        row.setShipments(List.of(Shipment.newBuilder().setShipmentId("import-1").setCarrier("SF")
                .setTrackingNumber("SF400").setLines(List.of()).setShippedAt(ledgerTime).setExchange(false).build()));
        pipeline.send("O-1", ADMIN, row);

        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "SF400", TrackingStatus.DELIVERED, pipeline.now()));

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void shouldRefuseAnImportByAnyoneButAnAdministrator() {
        pipeline.send("O-1", SALES, ledgerRow(OrderStatus.DELIVERED));
        pipeline.send("O-2", REVIEWER, ledgerRow(OrderStatus.APPROVED));

        assertThat(pipeline.order("O-1")).isNull();
        assertThat(pipeline.order("O-2")).isNull();
        assertThat(refusalCodes()).containsExactly(Refusals.ROLE_NOT_ALLOWED, Refusals.ROLE_NOT_ALLOWED);
        assertThat(stockOfA().getReserved()).isZero();
    }

    @Test
    void shouldApplyARepeatedImportOnceAndRefuseAnotherImportOfTheSameOrder() {
        pipeline.send("import:O-1", "O-1", ADMIN, ledgerRow(OrderStatus.APPROVED));
        pipeline.send("import:O-1", "O-1", ADMIN, ledgerRow(OrderStatus.APPROVED));

        assertThat(pipeline.order("O-1").getHistory()).hasSize(1);
        assertThat(stockOfA().getReserved()).isEqualTo(3);
        assertThat(refusalCodes()).isEmpty();

        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.DELIVERED));

        assertThat(pipeline.order("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(refusalCodes()).containsExactly(Refusals.ORDER_EXISTS);
        assertThat(stockOfA().getReserved()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAnImportInAStatusTheLedgerCannotDescribe() {
        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.RETURN_REQUESTED));

        assertThat(pipeline.order("O-1")).isNull();
        assertThat(pipeline.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.getCode()).isEqualTo(Refusals.INVALID_TRANSITION);
            assertThat(refusal.getReason()).contains("cannot be imported as RETURN_REQUESTED");
        });
    }

    @Test
    void shouldRefuseAGoodsOrderImportedAsAServiceScheduledAndAServiceOrderImportedAsShipped() {
        pipeline.product("INSTALL", 0, io.orderflow.avro.LineKind.SERVICE);
        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.SERVICE_SCHEDULED));
        pipeline.send("O-2", ADMIN, importOrder(OrderStatus.SHIPPED,
                place(io.orderflow.streams.Commands.serviceLine("INSTALL", "50.00"))));

        assertThat(pipeline.refusals()).extracting(Refusal::getCode, Refusal::getReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Refusals.INVALID_TRANSITION,
                        "an order with goods lines cannot be imported as SERVICE_SCHEDULED"),
                org.assertj.core.groups.Tuple.tuple(Refusals.INVALID_TRANSITION,
                        "an order without goods lines cannot be imported as SHIPPED"));
        assertThat(pipeline.order("O-1")).isNull();
        assertThat(pipeline.order("O-2")).isNull();
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseARowWhoseShipmentsDisagreeWithItsStatus() {
        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.SHIPPED, units("A", 2)));
        pipeline.send("O-2", ADMIN, ledgerRow(OrderStatus.APPROVED, units("A", 1)));
        pipeline.send("O-3", ADMIN, ledgerRow(OrderStatus.DELIVERED, units("A", 4)));
        ImportOrder overpaid = ledgerRow(OrderStatus.COMPLETED);
        overpaid.setPaidAmount(new BigDecimal("30.01"));
        pipeline.send("O-4", ADMIN, overpaid);

        assertThat(refusalCodes()).containsExactly(Refusals.INVALID_QUANTITY, Refusals.QUANTITY_EXCEEDS,
                Refusals.QUANTITY_EXCEEDS, Refusals.OVERPAYMENT);
        assertThat(List.of("O-1", "O-2", "O-3", "O-4")).allSatisfy(id -> assertThat(pipeline.order(id)).isNull());
        assertThat(stockOfA().getReserved()).isZero();
    }

    @Test
    void shouldLetAnImportedOrderGoOnAsAnyOtherAndHoldItsCreatorToTheFourEyesRule() {
        pipeline.send("O-1", ADMIN, ledgerRow(OrderStatus.PENDING_REVIEW));
        pipeline.send("O-1", new io.orderflow.avro.Actor("lin.sales", io.orderflow.avro.Role.REVIEWER), approve());

        assertThat(refusalCodes()).containsExactly(Refusals.FOUR_EYES);

        pipeline.send("O-1", REVIEWER, approve());

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order.getHistory()).extracting(HistoryEntry::getAction).containsExactly("ImportOrder", "ApproveOrder");
        assertThat(stockOfA().getReserved()).isEqualTo(3);
    }
}
