package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.ANALYST;
import static io.orderflow.streams.Commands.CARRIER_SF;
import static io.orderflow.streams.Commands.PLATFORM;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.SERVICE;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.amend;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.approveCancellation;
import static io.orderflow.streams.Commands.complete;
import static io.orderflow.streams.Commands.confirmDelivery;
import static io.orderflow.streams.Commands.decideReturn;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.pay;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.receiveReturn;
import static io.orderflow.streams.Commands.requestCancellation;
import static io.orderflow.streams.Commands.requestReturn;
import static io.orderflow.streams.Commands.returnForChanges;
import static io.orderflow.streams.Commands.scan;
import static io.orderflow.streams.Commands.scheduleService;
import static io.orderflow.streams.Commands.serviceLine;
import static io.orderflow.streams.Commands.serviceResult;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.submit;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.Actor;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Role;
import io.orderflow.avro.TrackingStatus;
import io.orderflow.contract.OrderLimits;
import io.orderflow.streams.Pipeline;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderLifecycleTopologyTest {

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.product("B", 0);
        pipeline.product("INSTALL", 0, LineKind.SERVICE);
        pipeline.receive("A", 100);
        pipeline.receive("B", 100);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private OrderStatus status(String orderId) {
        return pipeline.order(orderId).getStatus();
    }

    private Refusal onlyRefusal() {
        List<Refusal> refusals = pipeline.refusals();
        assertThat(refusals).hasSize(1);
        return refusals.get(0);
    }

    private void placed(String orderId) {
        pipeline.send(orderId, SALES, place(line("A", 2, "10.00"), line("B", 3, "5.50")));
    }

    private void approved(String orderId) {
        placed(orderId);
        pipeline.send(orderId, REVIEWER, approve());
    }

    private void shipped(String orderId) {
        approved(orderId);
        pipeline.send(orderId, WAREHOUSE, ship("SF", "SF-" + orderId, units("A", 2), units("B", 3)));
    }

    private void delivered(String orderId) {
        shipped(orderId);
        pipeline.send(orderId, WAREHOUSE, confirmDelivery());
    }

    private void returnApproved(String orderId) {
        delivered(orderId);
        pipeline.send(orderId, SALES, requestReturn(units("A", 1)));
        pipeline.send(orderId, REVIEWER, decideReturn(true));
    }

    // ------------------------------------------------------------ allowed transitions

    @Test
    void shouldPlaceAnOrderPendingReviewWithTotalsAndHistory() {
        placed("O-1");

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(order.getTotalAmount()).isEqualByComparingTo("36.50");
        assertThat(order.getCreatedBy()).isEqualTo(SALES);
        assertThat(order.getHistory()).extracting(HistoryEntry::getAction, HistoryEntry::getToStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PlaceOrder", OrderStatus.PENDING_REVIEW));
        assertThat(pipeline.events()).singleElement()
                .satisfies(event -> assertThat(event.value.getToStatus()).isEqualTo(OrderStatus.PENDING_REVIEW));
        assertThat(pipeline.orders.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("O-1");
    }

    @Test
    void shouldAcceptOrdersStraightFromAnECommercePlatform() {
        pipeline.send("O-1", PLATFORM, place(line("A", 1, "10.00")));

        assertThat(status("O-1")).isEqualTo(OrderStatus.PENDING_REVIEW);
    }

    @Test
    void shouldAmendAPendingOrder() {
        placed("O-1");
        pipeline.send("O-1", SALES, amend(line("A", 5, "10.00")));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(order.getLines()).hasSize(1);
        assertThat(order.getTotalAmount()).isEqualByComparingTo("50.00");
    }

    @Test
    void shouldReturnForChangesAmendAndResubmit() {
        placed("O-1");
        pipeline.send("O-1", REVIEWER, returnForChanges());
        assertThat(status("O-1")).isEqualTo(OrderStatus.RETURNED);

        pipeline.send("O-1", SALES, amend(line("A", 1, "12.00")));
        assertThat(status("O-1")).isEqualTo(OrderStatus.RETURNED);

        pipeline.send("O-1", SALES, submit());
        assertThat(status("O-1")).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.order("O-1").getHistory()).extracting(HistoryEntry::getReason)
                .contains("price too low");
    }

    @Test
    void shouldApproveAndReserveEveryLine() {
        approved("O-1");

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order.getReviewer()).isEqualTo(REVIEWER);
        assertThat(order.getLines()).allSatisfy(line ->
                assertThat(line.getReservedQuantity()).isEqualTo(line.getLine().getQuantity()));
        assertThat(pipeline.level("A").getReserved()).isEqualTo(2);
        assertThat(pipeline.level("B").getReserved()).isEqualTo(3);
        HistoryEntry approval = order.getHistory().get(order.getHistory().size() - 1);
        assertThat(approval.getActor()).isEqualTo(REVIEWER);
        assertThat(approval.getAction()).isEqualTo("ApproveOrder");
        assertThat(approval.getFromStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
    }

    @Test
    void shouldShipPartlyThenTheRest() {
        approved("O-1");
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 2), units("B", 1)));
        assertThat(status("O-1")).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);

        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-2", units("B", 2)));
        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.getShipments()).hasSize(2);
        assertThat(pipeline.level("B").getOnHand()).isEqualTo(97);
        assertThat(pipeline.level("B").getReserved()).isZero();
    }

    @Test
    void shouldShipEverythingAtOnce() {
        shipped("O-1");

        assertThat(status("O-1")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(98);
        assertThat(pipeline.level("A").getShipped()).isEqualTo(2);
    }

    @Test
    void shouldMoveInTransitOnFirstScanAndDeliveredOnDeliveredScan() {
        shipped("O-1");
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.PICKED_UP, pipeline.now()));
        assertThat(status("O-1")).isEqualTo(OrderStatus.IN_TRANSIT);

        pipeline.scan(scan("e-2", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.OUT_FOR_DELIVERY, pipeline.now()));
        assertThat(status("O-1")).isEqualTo(OrderStatus.IN_TRANSIT);

        pipeline.scan(scan("e-3", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.DELIVERED, pipeline.now()));
        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.getDeliveredAt()).isNotNull();
        assertThat(order.getShipments().get(0).getLastScanStatus()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void shouldGoStraightToDeliveredOnADeliveredFirstScan() {
        shipped("O-1");
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.DELIVERED, pipeline.now()));

        assertThat(status("O-1")).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void shouldHoldAScanThatArrivesBeforeItsShipmentAndApplyItLater() {
        approved("O-1");
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.PICKED_UP, pipeline.now()));
        assertThat(status("O-1")).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.refusals()).isEmpty();

        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-O-1", units("A", 2), units("B", 3)));

        assertThat(status("O-1")).isEqualTo(OrderStatus.IN_TRANSIT);
        assertThat(pipeline.order("O-1").getShipments().get(0).getLastScanStatus())
                .isEqualTo(TrackingStatus.PICKED_UP);
    }

    @Test
    void shouldApplyARepeatedCarrierEventOnce() {
        shipped("O-1");
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.PICKED_UP, pipeline.now()));
        long version = pipeline.order("O-1").getVersion();

        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.PICKED_UP, pipeline.now()));

        assertThat(pipeline.order("O-1").getVersion()).isEqualTo(version);
    }

    @Test
    void shouldDatePaymentOfACreditOrderFromItsDeliveryAndRefuseTermsThatDoNotFit() {
        io.orderflow.avro.PlaceOrder credit = place(line("A", 2, "10.00"));
        credit.setPaymentMethod(io.orderflow.avro.PaymentMethod.CREDIT_TERMS);
        credit.setPaymentTerms(new io.orderflow.avro.PaymentTerms(30));
        pipeline.send("O-1", SALES, credit);
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-O-1", units("A", 2)));
        assertThat(pipeline.order("O-1").getPaymentDueAt()).as("not before delivery").isNull();
        pipeline.send("O-1", WAREHOUSE, confirmDelivery());

        OrderState delivered = pipeline.order("O-1");
        assertThat(delivered.getPaymentTerms().getDueDays()).isEqualTo(30);
        assertThat(delivered.getPaymentDueAt()).isEqualTo(delivered.getDeliveredAt().plus(java.time.Duration.ofDays(30)));

        io.orderflow.avro.PlaceOrder noTerms = place(line("A", 1, "10.00"));
        noTerms.setPaymentMethod(io.orderflow.avro.PaymentMethod.CREDIT_TERMS);
        io.orderflow.avro.PlaceOrder termsWithoutCredit = place(line("A", 1, "10.00"));
        termsWithoutCredit.setPaymentTerms(new io.orderflow.avro.PaymentTerms(30));
        io.orderflow.avro.PlaceOrder tooLong = place(line("A", 1, "10.00"));
        tooLong.setPaymentMethod(io.orderflow.avro.PaymentMethod.CREDIT_TERMS);
        tooLong.setPaymentTerms(new io.orderflow.avro.PaymentTerms(OrderLimits.MAX_DUE_DAYS + 1));
        pipeline.send("O-2", SALES, noTerms);
        pipeline.send("O-3", SALES, termsWithoutCredit);
        pipeline.send("O-4", SALES, tooLong);

        assertThat(pipeline.refusals()).extracting(Refusal::getOrderId, Refusal::getCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("O-2", Refusals.INVALID_PAYMENT_TERMS),
                org.assertj.core.groups.Tuple.tuple("O-3", Refusals.INVALID_PAYMENT_TERMS),
                org.assertj.core.groups.Tuple.tuple("O-4", Refusals.INVALID_PAYMENT_TERMS));
    }

    @Test
    void shouldConfirmDeliveryFromInTransit() {
        shipped("O-1");
        pipeline.scan(scan("e-1", CARRIER_SF, "SF", "SF-O-1", TrackingStatus.PICKED_UP, pipeline.now()));
        pipeline.send("O-1", WAREHOUSE, confirmDelivery());

        assertThat(status("O-1")).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void shouldCompleteADeliveredOrderOncePaid() {
        delivered("O-1");
        pipeline.send("O-1", SALES, pay("20.00"));
        assertThat(pipeline.order("O-1").getPaymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_PAID);
        pipeline.send("O-1", SALES, pay("16.50"));
        assertThat(pipeline.order("O-1").getPaymentStatus()).isEqualTo(PaymentStatus.PAID);

        pipeline.send("O-1", SALES, complete());

        assertThat(status("O-1")).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void shouldRunAServiceOrderFromApprovalToCompletion() {
        pipeline.send("S-1", SALES, place(serviceLine("INSTALL", "80.00")));
        pipeline.send("S-1", REVIEWER, approve());
        assertThat(status("S-1")).isEqualTo(OrderStatus.APPROVED);

        pipeline.send("S-1", SERVICE, scheduleService(pipeline.now().plusSeconds(86_400)));
        assertThat(status("S-1")).isEqualTo(OrderStatus.SERVICE_SCHEDULED);

        pipeline.send("S-1", SERVICE, serviceResult());
        OrderState order = pipeline.order("S-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.getService().getFeedback()).isEqualTo("very good");
        assertThat(pipeline.reservations()).doesNotContainKey("S-1");
    }

    @Test
    void shouldCancelWithReasonAfterSupervisorApprovalAndReleaseStock() {
        approved("O-1");
        pipeline.send("O-1", SALES, requestCancellation());
        assertThat(status("O-1")).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(2);

        pipeline.send("O-1", REVIEWER, approveCancellation());

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.getCancellation().getReason()).isEqualTo("customer changed their mind");
        assertThat(order.getCancellation().getApprovedBy()).isEqualTo(REVIEWER);
        assertThat(pipeline.level("A").getReserved()).isZero();
        assertThat(pipeline.level("B").getReserved()).isZero();
        assertThat(pipeline.reservations()).isEmpty();
    }

    @Test
    void shouldCancelFromEveryStatusBeforeShipment() {
        placed("P");
        placed("R");
        pipeline.send("R", REVIEWER, returnForChanges());
        approved("A");
        pipeline.send("W", SALES, place(line("A", 1000, "1.00")));
        pipeline.send("W", REVIEWER, approve());
        approved("PS");
        pipeline.send("PS", WAREHOUSE, ship("SF", "SF-PS", units("A", 1)));
        pipeline.send("S", SALES, place(serviceLine("INSTALL", "80.00")));
        pipeline.send("S", REVIEWER, approve());
        pipeline.send("S", SERVICE, scheduleService(pipeline.now()));
        List<String> orders = List.of("P", "R", "A", "W", "PS", "S");
        assertThat(orders).extracting(this::status).containsExactly(OrderStatus.PENDING_REVIEW,
                OrderStatus.RETURNED, OrderStatus.APPROVED, OrderStatus.AWAITING_STOCK,
                OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SERVICE_SCHEDULED);

        for (String orderId : orders) {
            pipeline.send(orderId, SALES, requestCancellation());
            pipeline.send(orderId, REVIEWER, approveCancellation());
        }

        assertThat(orders).extracting(this::status).containsOnly(OrderStatus.CANCELLED);
        assertThat(pipeline.reservations()).isEmpty();
        assertThat(pipeline.level("A").getReserved()).isZero();
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(99);
    }

    @Test
    void shouldRunTheReturnFlowAndRestock() {
        returnApproved("O-1");
        assertThat(status("O-1")).isEqualTo(OrderStatus.RETURN_APPROVED);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(98);

        pipeline.send("O-1", WAREHOUSE, receiveReturn());

        assertThat(status("O-1")).isEqualTo(OrderStatus.RETURNED_GOODS_RECEIVED);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(99);
        assertThat(pipeline.level("A").getReturned()).isEqualTo(1);
    }

    @Test
    void shouldRequestAReturnOfACompletedOrder() {
        delivered("O-1");
        pipeline.send("O-1", SALES, pay("36.50"));
        pipeline.send("O-1", SALES, complete());
        pipeline.send("O-1", SALES, requestReturn());

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.RETURN_REQUESTED);
        assertThat(order.getReturnRequest().getLines()).extracting(l -> l.getQuantity()).containsExactly(2, 3);
    }

    @Test
    void shouldRejectAReturn() {
        delivered("O-1");
        pipeline.send("O-1", SALES, requestReturn(units("B", 3)));
        pipeline.send("O-1", REVIEWER, decideReturn(false));

        assertThat(status("O-1")).isEqualTo(OrderStatus.RETURN_REJECTED);
        assertThat(pipeline.order("O-1").getReturnRequest().getDecisionReason()).isEqualTo("not our fault");
    }

    @Test
    void shouldShipAnExchangeWithoutMovingStock() {
        returnApproved("O-1");
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-X", units("A", 1)));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.EXCHANGE_SHIPPED);
        assertThat(order.getShipments().get(1).getExchange()).isTrue();
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(98);
    }

    // ------------------------------------------------------------ refusals

    @Test
    void shouldRefuseApprovalByTheOrdersCreator() {
        pipeline.send("O-1", new Actor("rita.reviewer", Role.SALES), place(line("A", 1, "10.00")));
        pipeline.send("O-1", REVIEWER, approve());

        Refusal refusal = onlyRefusal();
        assertThat(refusal.getCode()).isEqualTo(Refusals.FOUR_EYES);
        assertThat(refusal.getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(status("O-1")).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.level("A").getReserved()).isZero();
    }

    @Test
    void shouldHoldTheFourEyesRuleForAdmins() {
        pipeline.send("O-1", ADMIN, place(line("A", 1, "10.00")));
        pipeline.send("O-1", ADMIN, approve());
        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.FOUR_EYES);

        pipeline.send("O-1", new Actor("other.admin", Role.ADMIN), approve());
        assertThat(status("O-1")).isEqualTo(OrderStatus.APPROVED);
    }

    @Test
    void shouldRefuseReturningOnesOwnOrder() {
        pipeline.send("O-1", ADMIN, place(line("A", 1, "10.00")));
        pipeline.send("O-1", ADMIN, returnForChanges());

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.FOUR_EYES);
    }

    @Test
    void shouldRefuseEachRoleOutsideItsRights() {
        placed("O-1");
        pipeline.send("O-1", SALES, approve());
        pipeline.send("O-1", WAREHOUSE, approve());
        pipeline.send("O-1", ANALYST, amend(line("A", 1, "10.00")));
        pipeline.send("O-1", CARRIER_SF, returnForChanges());
        pipeline.send("O-2", REVIEWER, place(line("A", 1, "10.00")));
        pipeline.send("O-3", ANALYST, place(line("A", 1, "10.00")));
        approved("O-4");
        pipeline.send("O-4", SALES, ship("SF", "SF-9", units("A", 2), units("B", 3)));
        pipeline.send("O-4", SERVICE, requestCancellation());
        pipeline.send("O-4", SALES, requestCancellation());
        pipeline.send("O-4", SALES, approveCancellation());
        pipeline.send("O-4", new Actor("sys", Role.SYSTEM), approveCancellation());

        assertThat(pipeline.refusals()).extracting(Refusal::getCode).hasSize(10)
                .containsOnly(Refusals.ROLE_NOT_ALLOWED);
        assertThat(status("O-1")).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(pipeline.order("O-2")).isNull();
        assertThat(status("O-4")).isEqualTo(OrderStatus.APPROVED);
    }

    @Test
    void shouldLetLogisticsScanOnlyItsOwnCarriersParcels() {
        shipped("O-1");
        pipeline.scan(scan("e-1", new Actor("YTO", Role.LOGISTICS), "SF", "SF-O-1", TrackingStatus.PICKED_UP,
                pipeline.now()));

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.WRONG_CARRIER);
        assertThat(status("O-1")).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void shouldApplyARepeatedCommandOnce() {
        pipeline.send("c-1", "O-1", SALES, place(line("A", 1, "10.00")));
        pipeline.send("c-1", "O-1", SALES, place(line("A", 1, "10.00")));
        pipeline.send("c-2", "O-1", REVIEWER, approve());
        pipeline.send("c-2", "O-1", REVIEWER, approve());
        pipeline.send("c-3", "O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 1)));
        pipeline.send("c-3", "O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 1)));

        assertThat(pipeline.refusals()).isEmpty();
        assertThat(pipeline.order("O-1").getVersion()).isEqualTo(3);
        assertThat(pipeline.events()).hasSize(3);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(99);
    }

    @Test
    void shouldRefuseACommandForAnUnknownOrder() {
        pipeline.send("NOPE", REVIEWER, approve());

        Refusal refusal = onlyRefusal();
        assertThat(refusal.getCode()).isEqualTo(Refusals.UNKNOWN_ORDER);
        assertThat(refusal.getOrderId()).isEqualTo("NOPE");
    }

    @Test
    void shouldRefuseALineWithAnUnknownSkuOnceTheCatalogHadTimeToCatchUp() {
        pipeline.send("O-1", SALES, place(line("A", 1, "10.00"), line("GHOST", 1, "1.00")));
        pipeline.send("O-1", REVIEWER, approve());
        assertThat(pipeline.refusals()).isEmpty();

        pipeline.driver.advanceWallClockTime(OrderProcessor.CATALOG_GRACE.plusSeconds(1));

        List<Refusal> refusals = pipeline.refusals();
        assertThat(refusals).extracting(Refusal::getCode)
                .containsExactly(Refusals.UNKNOWN_SKU, Refusals.UNKNOWN_ORDER);
        assertThat(refusals.get(0).getReason()).contains("GHOST");
        assertThat(pipeline.order("O-1")).isNull();
    }

    @Test
    void shouldTreatAProductTombstoneAsADeletionThatRefusesNewLinesButKeepsPlacedOrders() {
        pipeline.send("O-1", SALES, place(line("A", 2, "10.00")));
        pipeline.deleteProduct("A");

        pipeline.send("O-2", SALES, place(line("A", 1, "10.00")));
        pipeline.send("O-1", SALES, amend(line("A", 3, "10.00")));
        pipeline.driver.advanceWallClockTime(OrderProcessor.CATALOG_GRACE.plusSeconds(1));

        assertThat(pipeline.refusals()).extracting(Refusal::getOrderId, Refusal::getCode).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("O-2", Refusals.UNKNOWN_SKU),
                org.assertj.core.groups.Tuple.tuple("O-1", Refusals.UNKNOWN_SKU));
        assertThat(pipeline.order("O-2")).isNull();
        assertThat(pipeline.deadLetters.isEmpty()).isTrue();

        pipeline.send("O-1", REVIEWER, approve());

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getLine().getQuantity()).isEqualTo(2);
            assertThat(line.getReservedQuantity()).isEqualTo(2);
        });
        assertThat(pipeline.level("A").getReserved()).isEqualTo(2);
    }

    @Test
    void shouldPlaceAnOrderWhoseProductReachesTheCatalogJustAfterIt() {
        pipeline.send("O-1", SALES, place(line("NEW", 1, "10.00")));
        pipeline.send("O-1", SALES, amend(line("NEW", 2, "10.00")));
        pipeline.product("NEW", 0);

        pipeline.driver.advanceWallClockTime(java.time.Duration.ofMillis(300));

        assertThat(pipeline.refusals()).isEmpty();
        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING_REVIEW);
        assertThat(order.getLines().get(0).getLine().getQuantity()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnAmountThatIsNotQuantityTimesUnitPrice() {
        OrderLine wrong = line("A", 3, "10.00");
        wrong.setAmount(new BigDecimal("29.99"));
        pipeline.send("O-1", SALES, place(wrong));

        Refusal refusal = onlyRefusal();
        assertThat(refusal.getCode()).isEqualTo(Refusals.AMOUNT_MISMATCH);
        assertThat(refusal.getReason()).contains("29.99", "30.00");
    }

    @Test
    void shouldRefuseANonPositiveQuantity() {
        pipeline.send("O-1", SALES, place(line("A", 0, "10.00")));

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.INVALID_QUANTITY);
    }

    @Test
    void shouldRefuseAnOrderStraightFromKafkaWhoseTotalTheContractCannotHold() {
        // each line fits OrderLine's decimal(18,2); their sum does not fit OrderState.totalAmount
        pipeline.send("O-1", PLATFORM, place(line("A", 1, "9999999999999999.99"), line("B", 1, "9999999999999999.99")));

        Refusal refusal = onlyRefusal();
        assertThat(refusal.getCode()).isEqualTo(Refusals.AMOUNT_TOO_LARGE);
        assertThat(refusal.getReason()).contains("sum of the line amounts", "9999999999999999.99");
        assertThat(pipeline.order("O-1")).isNull();
        assertThat(pipeline.deadLetters.readRecordsToList()).isEmpty();
    }

    @Test
    void shouldRefuseAnAmendmentWhoseTotalTheContractCannotHold() {
        placed("O-1");
        pipeline.send("O-1", SALES, amend(line("A", 1, "9999999999999999.99"), line("B", 1, "0.01")));

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.AMOUNT_TOO_LARGE);
        assertThat(pipeline.order("O-1").getTotalAmount()).isEqualByComparingTo("36.50");
        assertThat(pipeline.deadLetters.readRecordsToList()).isEmpty();
    }

    @Test
    void shouldRefuseAnOrderStraightFromKafkaWithMoreLinesThanTheContractAllows() {
        OrderLine[] lines = IntStream.rangeClosed(0, OrderLimits.MAX_LINES)
                .mapToObj(i -> line(i % 2 == 0 ? "A" : "B", 1, "0.01")).toArray(OrderLine[]::new);
        pipeline.send("O-1", PLATFORM, place(lines));

        Refusal refusal = onlyRefusal();
        assertThat(refusal.getCode()).isEqualTo(Refusals.TOO_MANY_LINES);
        assertThat(refusal.getReason()).contains(String.valueOf(OrderLimits.MAX_LINES + 1));
        assertThat(pipeline.order("O-1")).isNull();
    }

    @Test
    void shouldPlaceAnOrderAtTheLimitsOfTheContract() {
        OrderLine[] lines = IntStream.range(0, OrderLimits.MAX_LINES)
                .mapToObj(i -> line(i % 2 == 0 ? "A" : "B", 1, "0.01")).toArray(OrderLine[]::new);
        lines[0] = line("A", 1, OrderLimits.TOTAL.max().subtract(new BigDecimal("4.99")).toPlainString());
        pipeline.send("O-1", PLATFORM, place(lines));

        assertThat(pipeline.refusals()).isEmpty();
        assertThat(pipeline.order("O-1").getTotalAmount()).isEqualByComparingTo(OrderLimits.TOTAL.max());
    }

    @Test
    void shouldRefusePlacingAnOrderTwice() {
        placed("O-1");
        placed("O-1");

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.ORDER_EXISTS);
    }

    @Test
    void shouldRefuseShippingMoreThanOrdered() {
        approved("O-1");
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 3)));

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.QUANTITY_EXCEEDS);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(100);
    }

    @Test
    void shouldRefuseCompletingAnUnpaidOrder() {
        delivered("O-1");
        pipeline.send("O-1", SALES, complete());

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.NOT_PAID);
    }

    @Test
    void shouldRefuseApprovingACancellationNobodyRequested() {
        approved("O-1");
        pipeline.send("O-1", REVIEWER, approveCancellation());

        assertThat(onlyRefusal().getCode()).isEqualTo(Refusals.NO_CANCELLATION_REQUESTED);
    }

    @Test
    void shouldRefuseAnInvalidTransitionFromEveryStatus() {
        // one representative refused command per status; the order stays where it was
        placed("PENDING");
        placed("RETURNED");
        pipeline.send("RETURNED", REVIEWER, returnForChanges());
        pipeline.send("WAITING", SALES, place(line("A", 1000, "1.00")));
        pipeline.send("WAITING", REVIEWER, approve());
        approved("APPROVED");
        approved("PARTIAL");
        pipeline.send("PARTIAL", WAREHOUSE, ship("SF", "SF-P", units("A", 1)));
        shipped("SHIPPED");
        shipped("TRANSIT");
        pipeline.scan(scan("t-1", CARRIER_SF, "SF", "SF-TRANSIT", TrackingStatus.PICKED_UP, pipeline.now()));
        delivered("DELIVERED");
        delivered("COMPLETED");
        pipeline.send("COMPLETED", SALES, pay("36.50"));
        pipeline.send("COMPLETED", SALES, complete());
        pipeline.send("SERVICE", SALES, place(serviceLine("INSTALL", "80.00")));
        pipeline.send("SERVICE", REVIEWER, approve());
        pipeline.send("SERVICE", SERVICE, scheduleService(pipeline.now()));
        approved("CANCELLED");
        pipeline.send("CANCELLED", SALES, requestCancellation());
        pipeline.send("CANCELLED", REVIEWER, approveCancellation());
        delivered("RET_REQ");
        pipeline.send("RET_REQ", SALES, requestReturn());
        returnApproved("RET_OK");
        delivered("RET_NO");
        pipeline.send("RET_NO", SALES, requestReturn());
        pipeline.send("RET_NO", REVIEWER, decideReturn(false));
        returnApproved("RECEIVED");
        pipeline.send("RECEIVED", WAREHOUSE, receiveReturn());
        returnApproved("EXCHANGED");
        pipeline.send("EXCHANGED", WAREHOUSE, ship("SF", "SF-EX", units("A", 1)));
        assertThat(pipeline.refusals()).isEmpty();

        List<Object[]> cases = List.of(
                new Object[] {"PENDING", WAREHOUSE, ship("SF", "x", units("A", 1)), OrderStatus.PENDING_REVIEW},
                new Object[] {"RETURNED", REVIEWER, approve(), OrderStatus.RETURNED},
                new Object[] {"WAITING", WAREHOUSE, ship("SF", "x", units("A", 1)), OrderStatus.AWAITING_STOCK},
                new Object[] {"APPROVED", WAREHOUSE, confirmDelivery(), OrderStatus.APPROVED},
                new Object[] {"PARTIAL", SALES, amend(line("A", 1, "1.00")), OrderStatus.PARTIALLY_SHIPPED},
                new Object[] {"SHIPPED", SALES, requestCancellation(), OrderStatus.SHIPPED},
                new Object[] {"TRANSIT", SALES, complete(), OrderStatus.IN_TRANSIT},
                new Object[] {"DELIVERED", SALES, requestCancellation(), OrderStatus.DELIVERED},
                new Object[] {"COMPLETED", WAREHOUSE, ship("SF", "x", units("A", 1)), OrderStatus.COMPLETED},
                new Object[] {"SERVICE", WAREHOUSE, confirmDelivery(), OrderStatus.SERVICE_SCHEDULED},
                new Object[] {"CANCELLED", REVIEWER, approve(), OrderStatus.CANCELLED},
                new Object[] {"RET_REQ", WAREHOUSE, receiveReturn(), OrderStatus.RETURN_REQUESTED},
                new Object[] {"RET_OK", REVIEWER, decideReturn(true), OrderStatus.RETURN_APPROVED},
                new Object[] {"RET_NO", WAREHOUSE, receiveReturn(), OrderStatus.RETURN_REJECTED},
                new Object[] {"RECEIVED", SALES, requestReturn(), OrderStatus.RETURNED_GOODS_RECEIVED},
                new Object[] {"EXCHANGED", SALES, requestCancellation(), OrderStatus.EXCHANGE_SHIPPED});
        for (Object[] refused : cases) {
            String orderId = (String) refused[0];
            assertThat(status(orderId)).as(orderId).isEqualTo(refused[3]);
            long version = pipeline.order(orderId).getVersion();

            pipeline.send(orderId, (Actor) refused[1], refused[2]);

            Refusal refusal = onlyRefusal();
            assertThat(refusal.getCode()).as(orderId).isEqualTo(Refusals.INVALID_TRANSITION);
            assertThat(refusal.getStatus()).as(orderId).isEqualTo(refused[3]);
            assertThat(pipeline.order(orderId).getVersion()).as(orderId).isEqualTo(version);
        }
    }
}
