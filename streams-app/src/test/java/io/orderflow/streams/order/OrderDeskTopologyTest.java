package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.ANALYST;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.SERVICE;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.approveCancellation;
import static io.orderflow.streams.Commands.assign;
import static io.orderflow.streams.Commands.complete;
import static io.orderflow.streams.Commands.confirmDelivery;
import static io.orderflow.streams.Commands.decideReturn;
import static io.orderflow.streams.Commands.hold;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.note;
import static io.orderflow.streams.Commands.pay;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.releaseHold;
import static io.orderflow.streams.Commands.requestCancellation;
import static io.orderflow.streams.Commands.requestReturn;
import static io.orderflow.streams.Commands.reschedule;
import static io.orderflow.streams.Commands.scheduleService;
import static io.orderflow.streams.Commands.serviceLine;
import static io.orderflow.streams.Commands.serviceResult;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.orderflow.avro.Actor;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Role;
import io.orderflow.streams.Pipeline;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order desk's changes after approval (issue 25) on the whole pipeline: rescheduling the promised date, holds,
 * handing an order on, exception notes, and the four-eyes rule on every decision about a request.
 */
class OrderDeskTopologyTest {

    private static final LocalDate PROMISED = LocalDate.of(2026, 12, 10);
    private static final LocalDate AGREED = LocalDate.of(2026, 12, 20);

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    @BeforeEach
    void start() {
        pipeline = new Pipeline(stateDir);
        pipeline.product("A", 0);
        pipeline.product("INSTALL", 0, LineKind.SERVICE);
        pipeline.receive("A", 100);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    private OrderState order(String orderId) {
        return pipeline.order(orderId);
    }

    private List<String> refusalCodes() {
        return pipeline.refusals().stream().map(Refusal::getCode).toList();
    }

    private HistoryEntry lastEntry(String orderId) {
        List<HistoryEntry> history = order(orderId).getHistory();
        return history.get(history.size() - 1);
    }

    private void approved(String orderId) {
        PlaceOrder place = place(line("A", 2, "10.00"));
        place.setExpectedDeliveryDate(PROMISED);
        pipeline.send(orderId, SALES, place);
        pipeline.send(orderId, REVIEWER, approve());
    }

    private void delivered(String orderId) {
        approved(orderId);
        pipeline.send(orderId, WAREHOUSE, ship("SF", "SF-" + orderId, units("A", 2)));
        pipeline.send(orderId, WAREHOUSE, confirmDelivery());
    }

    // ------------------------------------------------------------ reschedule

    @Test
    void shouldReplaceThePromiseKeepTheFirstOneAndNoteTheReason() {
        approved("O-1");
        pipeline.send("O-1", SALES, reschedule(AGREED, "supplier ships late"));

        OrderState order = order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order.getExpectedDeliveryDate()).isEqualTo(AGREED);
        assertThat(order.getPromisedDeliveryDate()).isEqualTo(PROMISED);
        assertThat(order.getReschedules()).isEqualTo(1);
        assertThat(order.getExceptionNote()).isEqualTo("supplier ships late");
        HistoryEntry entry = lastEntry("O-1");
        assertThat(entry.getAction()).isEqualTo("RescheduleDelivery");
        assertThat(entry.getActor()).isEqualTo(SALES);
        assertThat(entry.getAt()).isEqualTo(pipeline.now());
        assertThat(entry.getFromStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(entry.getToStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(entry.getReason()).isEqualTo("expected delivery 2026-12-10 -> 2026-12-20: supplier ships late");
        assertThat(pipeline.events()).last().satisfies(event ->
                assertThat(event.value.getAction()).isEqualTo("RescheduleDelivery"));
    }

    @Test
    void shouldKeepTheFirstPromiseThroughASecondReschedule() {
        approved("O-1");
        pipeline.send("O-1", SALES, reschedule(AGREED, "supplier ships late"));
        pipeline.send("O-1", REVIEWER, reschedule(AGREED.plusDays(5), "customs"));

        OrderState order = order("O-1");
        assertThat(order.getExpectedDeliveryDate()).isEqualTo(AGREED.plusDays(5));
        assertThat(order.getPromisedDeliveryDate()).isEqualTo(PROMISED);
        assertThat(order.getReschedules()).isEqualTo(2);
        assertThat(order.getExceptionNote()).isEqualTo("supplier ships late\ncustoms");
    }

    @Test
    void shouldKeepNoFirstPromiseWhenNoneWasGiven() {
        pipeline.send("O-1", SALES, place(line("A", 1, "10.00")));
        pipeline.send("O-1", SALES, reschedule(AGREED, "customer asked for a date"));

        OrderState order = order("O-1");
        assertThat(order.getExpectedDeliveryDate()).isEqualTo(AGREED);
        assertThat(order.getPromisedDeliveryDate()).isNull();
        assertThat(order.getReschedules()).isEqualTo(1);
    }

    @Test
    void shouldApplyARepeatedRescheduleOnce() {
        approved("O-1");
        pipeline.send("r-1", "O-1", SALES, reschedule(AGREED, "supplier ships late"));
        pipeline.send("r-1", "O-1", SALES, reschedule(AGREED, "supplier ships late"));

        assertThat(order("O-1").getReschedules()).isEqualTo(1);
        assertThat(order("O-1").getExceptionNote()).isEqualTo("supplier ships late");
        assertThat(order("O-1").getHistory()).extracting(HistoryEntry::getAction)
                .containsOnlyOnce("RescheduleDelivery");
    }

    @Test
    void shouldRefuseARescheduleWithoutAReasonOfADeliveredOrderOrByTheWarehouse() {
        delivered("O-1");
        approved("O-2");
        pipeline.send("O-2", SALES, reschedule(AGREED, " "));
        pipeline.send("O-1", SALES, reschedule(AGREED, "late"));
        pipeline.send("O-2", WAREHOUSE, reschedule(AGREED, "late"));

        assertThat(refusalCodes()).containsExactly(Refusals.REASON_REQUIRED, Refusals.INVALID_TRANSITION,
                Refusals.ROLE_NOT_ALLOWED);
        assertThat(order("O-2").getExpectedDeliveryDate()).isEqualTo(PROMISED);
        assertThat(order("O-2").getReschedules()).isZero();
        assertThat(order("O-1").getExpectedDeliveryDate()).isEqualTo(PROMISED);
    }

    // ------------------------------------------------------------ hold

    @Test
    void shouldNotShipAHeldOrderUntilTheHoldIsReleased() {
        approved("O-1");
        pipeline.send("O-1", SALES, hold(HoldReason.AWAITING_PAYMENT));

        OrderState held = order("O-1");
        assertThat(held.getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(held.getHold().getReason()).isEqualTo(HoldReason.AWAITING_PAYMENT);
        assertThat(held.getHold().getNote()).isEqualTo("until the bank confirms");
        assertThat(held.getHold().getHeldBy()).isEqualTo(SALES);
        assertThat(held.getHold().getHeldAt()).isEqualTo(pipeline.now());
        assertThat(lastEntry("O-1").getAction()).isEqualTo("HoldOrder");
        assertThat(lastEntry("O-1").getReason()).isEqualTo("AWAITING_PAYMENT: until the bank confirms");

        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 2)));
        List<Refusal> refusals = pipeline.refusals();
        assertThat(refusals).extracting(Refusal::getCode).containsExactly(Refusals.ON_HOLD);
        assertThat(refusals.get(0).getReason()).contains("AWAITING_PAYMENT");
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.level("A").getOnHand()).isEqualTo(100);

        pipeline.send("O-1", REVIEWER, releaseHold());
        assertThat(order("O-1").getHold()).isNull();
        assertThat(lastEntry("O-1").getAction()).isEqualTo("ReleaseHold");
        assertThat(lastEntry("O-1").getActor()).isEqualTo(REVIEWER);
        assertThat(lastEntry("O-1").getReason()).isEqualTo("released AWAITING_PAYMENT: paid in full");

        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 2)));
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(pipeline.refusals()).isEmpty();
    }

    @Test
    void shouldNotCompleteAHeldOrder() {
        delivered("O-1");
        pipeline.send("O-1", SALES, pay("20.00"));
        pipeline.send("O-1", SALES, hold(HoldReason.CUSTOMER_REQUEST));
        pipeline.send("O-1", SALES, complete());

        assertThat(refusalCodes()).containsExactly(Refusals.ON_HOLD);
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.DELIVERED);

        pipeline.send("O-1", SALES, releaseHold());
        pipeline.send("O-1", SALES, complete());
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void shouldNotRecordTheResultOfAHeldServiceOrder() {
        pipeline.send("S-1", SALES, place(serviceLine("INSTALL", "50.00")));
        pipeline.send("S-1", REVIEWER, approve());
        pipeline.send("S-1", SERVICE, scheduleService(pipeline.now().plusSeconds(3600)));
        pipeline.send("S-1", SALES, hold(HoldReason.ADDRESS_INCORRECT));
        pipeline.send("S-1", SERVICE, serviceResult());

        assertThat(refusalCodes()).containsExactly(Refusals.ON_HOLD);
        assertThat(order("S-1").getStatus()).isEqualTo(OrderStatus.SERVICE_SCHEDULED);
    }

    @Test
    void shouldKeepAHoldThroughApprovalAndRefuseASecondHoldOrAReleaseWithoutOne() {
        pipeline.send("O-1", SALES, place(line("A", 1, "10.00")));
        pipeline.send("O-1", SALES, releaseHold());
        pipeline.send("O-1", SALES, hold(HoldReason.ADDRESS_INCORRECT));
        pipeline.send("O-1", SALES, hold(HoldReason.OTHER));
        pipeline.send("O-1", REVIEWER, approve());

        assertThat(refusalCodes()).containsExactly(Refusals.NOT_ON_HOLD, Refusals.ALREADY_ON_HOLD);
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(order("O-1").getHold().getReason()).isEqualTo(HoldReason.ADDRESS_INCORRECT);
    }

    @Test
    void shouldRefuseToHoldAnOrderWithTheCarrierOrByTheWarehouse() {
        approved("O-1");
        pipeline.send("O-1", WAREHOUSE, hold(HoldReason.OTHER));
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 2)));
        pipeline.send("O-1", SALES, hold(HoldReason.OTHER));

        assertThat(refusalCodes()).containsExactly(Refusals.ROLE_NOT_ALLOWED, Refusals.INVALID_TRANSITION);
        assertThat(order("O-1").getHold()).isNull();
    }

    @Test
    void shouldEndTheHoldWhenTheOrderIsCancelled() {
        approved("O-1");
        pipeline.send("O-1", SALES, hold(HoldReason.CUSTOMER_REQUEST));
        pipeline.send("O-1", SALES, requestCancellation());
        pipeline.send("O-1", REVIEWER, approveCancellation());

        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order("O-1").getHold()).isNull();
        assertThat(pipeline.level("A").getReserved()).isZero();
    }

    // ------------------------------------------------------------ owner and notes

    @Test
    void shouldHandAnOrderToAnotherOwner() {
        approved("O-1");
        pipeline.send("O-1", REVIEWER, assign("lin.sales"));

        assertThat(order("O-1").getOwner()).isEqualTo("lin.sales");
        assertThat(lastEntry("O-1").getAction()).isEqualTo("AssignOrder");
        assertThat(lastEntry("O-1").getActor()).isEqualTo(REVIEWER);
        assertThat(lastEntry("O-1").getReason()).isEqualTo("owner sam.sales -> lin.sales");
    }

    @Test
    void shouldRefuseAnAssignmentToNoOneOrByAnAnalyst() {
        approved("O-1");
        pipeline.send("O-1", SALES, assign(" "));
        pipeline.send("O-1", ANALYST, assign("lin.sales"));

        assertThat(refusalCodes()).containsExactly(Refusals.OWNER_REQUIRED, Refusals.ROLE_NOT_ALLOWED);
        assertThat(order("O-1").getOwner()).isEqualTo("sam.sales");
    }

    @Test
    void shouldAppendExceptionNotesOneLineEachInAnyStatus() {
        delivered("O-1");
        pipeline.send("O-1", WAREHOUSE, note("box dented on arrival"));
        pipeline.send("O-1", SALES, note("customer accepts the box"));

        assertThat(order("O-1").getExceptionNote()).isEqualTo("box dented on arrival\ncustomer accepts the box");
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order("O-1").getHistory()).extracting(HistoryEntry::getAction, HistoryEntry::getActor,
                        HistoryEntry::getReason)
                .endsWith(tuple("AddNote", WAREHOUSE, "box dented on arrival"),
                        tuple("AddNote", SALES, "customer accepts the box"));
    }

    @Test
    void shouldRefuseAnEmptyNoteOrOneByAnAnalyst() {
        approved("O-1");
        pipeline.send("O-1", SALES, note(""));
        pipeline.send("O-1", ANALYST, note("looks odd"));

        assertThat(refusalCodes()).containsExactly(Refusals.REASON_REQUIRED, Refusals.ROLE_NOT_ALLOWED);
        assertThat(order("O-1").getExceptionNote()).isNull();
    }

    // ------------------------------------------------------------ four eyes on decisions

    @Test
    void shouldRefuseApprovingACancellationByTheAdminWhoRequestedIt() {
        approved("O-1");
        pipeline.send("O-1", ADMIN, requestCancellation());
        pipeline.send("O-1", ADMIN, approveCancellation());

        List<Refusal> refusals = pipeline.refusals();
        assertThat(refusals).extracting(Refusal::getCode).containsExactly(Refusals.FOUR_EYES);
        assertThat(refusals.get(0).getReason()).contains("ada.admin asked for this cancellation");
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.APPROVED);
        assertThat(pipeline.level("A").getReserved()).isEqualTo(2);

        pipeline.send("O-1", new Actor("other.admin", Role.ADMIN), approveCancellation());
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void shouldRefuseDecidingAReturnByWhoeverRequestedIt() {
        delivered("O-1");
        pipeline.send("O-1", ADMIN, requestReturn(units("A", 1)));
        pipeline.send("O-1", ADMIN, decideReturn(true));
        pipeline.send("O-1", ADMIN, decideReturn(false));

        assertThat(refusalCodes()).containsExactly(Refusals.FOUR_EYES, Refusals.FOUR_EYES);
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.RETURN_REQUESTED);

        pipeline.send("O-1", REVIEWER, decideReturn(true));
        assertThat(order("O-1").getStatus()).isEqualTo(OrderStatus.RETURN_APPROVED);
    }
}
