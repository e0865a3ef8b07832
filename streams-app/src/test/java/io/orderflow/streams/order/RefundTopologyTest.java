package io.orderflow.streams.order;

import static io.orderflow.streams.Commands.ADMIN;
import static io.orderflow.streams.Commands.REVIEWER;
import static io.orderflow.streams.Commands.SALES;
import static io.orderflow.streams.Commands.WAREHOUSE;
import static io.orderflow.streams.Commands.approve;
import static io.orderflow.streams.Commands.approveCancellation;
import static io.orderflow.streams.Commands.closeShort;
import static io.orderflow.streams.Commands.confirmDelivery;
import static io.orderflow.streams.Commands.decideRefund;
import static io.orderflow.streams.Commands.decideReturn;
import static io.orderflow.streams.Commands.line;
import static io.orderflow.streams.Commands.pay;
import static io.orderflow.streams.Commands.place;
import static io.orderflow.streams.Commands.receiveReturn;
import static io.orderflow.streams.Commands.refund;
import static io.orderflow.streams.Commands.requestCancellation;
import static io.orderflow.streams.Commands.requestReturn;
import static io.orderflow.streams.Commands.ship;
import static io.orderflow.streams.Commands.units;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Refund;
import io.orderflow.avro.RefundOrder;
import io.orderflow.streams.Commands;
import io.orderflow.streams.Pipeline;
import io.orderflow.streams.analytics.AnalyticsTopology;
import io.orderflow.streams.analytics.SalesFigures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refunds (issue 25) on the whole pipeline: after a received return or the cancellation of a paid order, never more
 * than was paid, the payment status following, a refund above the four-eyes amount waiting for a second person, and
 * revenue taking out what a return or cancellation had not taken out already, on the day it is paid back.
 */
class RefundTopologyTest {

    @TempDir
    Path stateDir;

    private Pipeline pipeline;

    /** The pipeline with refunds above 30.00 waiting for a second person. */
    private void start() {
        pipeline = new Pipeline(stateDir, Map.of(OrderSettings.REFUND_FOUR_EYES_ABOVE, "30.00"));
        pipeline.product("A", 0);
        pipeline.receive("A", 100);
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** 3 x A at 12.50, paid 37.50, delivered, 2 units asked back, approved and received. */
    private void returned(String orderId) {
        pipeline.send(orderId, SALES, place(line("A", 3, "12.50")));
        pipeline.send(orderId, REVIEWER, approve());
        pipeline.send(orderId, SALES, pay("37.50"));
        pipeline.send(orderId, WAREHOUSE, ship("SF", "SF-" + orderId, units("A", 3)));
        pipeline.send(orderId, WAREHOUSE, confirmDelivery());
        pipeline.send(orderId, SALES, requestReturn(units("A", 2)));
        pipeline.send(orderId, REVIEWER, decideReturn(true));
        pipeline.send(orderId, WAREHOUSE, receiveReturn());
        assertThat(pipeline.order(orderId).getStatus()).isEqualTo(OrderStatus.RETURNED_GOODS_RECEIVED);
    }

    private List<String> refusalCodes() {
        return pipeline.refusals().stream().map(io.orderflow.avro.Refusal::getCode).toList();
    }

    private HistoryEntry lastEntry(String orderId) {
        List<HistoryEntry> history = pipeline.order(orderId).getHistory();
        return history.get(history.size() - 1);
    }

    private SalesFigures day(String key) {
        return pipeline.driver.<String, SalesFigures>getKeyValueStore(AnalyticsTopology.SALES_DAY_STORE).get(key);
    }

    @Test
    void shouldPayBackPartOfAReceivedReturnThenTheRest() {
        start();
        returned("O-1");

        String first = pipeline.send("O-1", SALES, refund("25.00", units("A", 2)));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getStatus()).isEqualTo(OrderStatus.RETURNED_GOODS_RECEIVED);
        assertThat(order.getPaymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(order.getRefunds()).singleElement().satisfies(refund -> {
            assertThat(refund.getRefundId()).isEqualTo(first);
            assertThat(refund.getAmount()).isEqualByComparingTo("25.00");
            assertThat(refund.getRequestedBy()).isEqualTo(SALES);
            assertThat(refund.getRefundedAt()).isEqualTo(pipeline.now());
            assertThat(refund.getApprovedBy()).isNull();
        });
        HistoryEntry entry = lastEntry("O-1");
        assertThat(entry.getAction()).isEqualTo("RefundOrder");
        assertThat(entry.getActor()).isEqualTo(SALES);
        assertThat(entry.getAt()).isEqualTo(pipeline.now());
        assertThat(entry.getReason()).isEqualTo("refunded 25.00: returned goods paid back");

        pipeline.send("O-1", SALES, refund("12.50"));

        order = pipeline.order("O-1");
        assertThat(order.getPaymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(order.getRefunds()).extracting(Refund::getAmount).map(BigDecimal::toPlainString)
                .containsExactly("25.00", "12.50");
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldNeverPayBackMoreThanWasPaid() {
        start();
        returned("O-1");
        pipeline.send("O-1", SALES, refund("30.00"));
        pipeline.send("O-1", SALES, refund("7.51"));
        pipeline.send("O-2", SALES, place(line("A", 1, "12.50")));
        pipeline.send("O-2", SALES, requestCancellation());
        pipeline.send("O-2", REVIEWER, approveCancellation());
        pipeline.send("O-2", SALES, refund("1.00"));

        assertThat(refusalCodes()).containsExactly(Refusals.REFUND_EXCEEDS_PAID, Refusals.REFUND_EXCEEDS_PAID);
        assertThat(pipeline.order("O-1").getPaymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(pipeline.order("O-2").getRefunds()).isEmpty();
    }

    @Test
    void shouldPayBackACancelledPaidOrder() {
        start();
        pipeline.send("O-1", SALES, place(line("A", 2, "12.50")));
        pipeline.send("O-1", SALES, pay("10.00"));
        pipeline.send("O-1", SALES, requestCancellation());
        pipeline.send("O-1", REVIEWER, approveCancellation());

        pipeline.send("O-1", SALES, refund("10.00"));

        assertThat(pipeline.order("O-1").getPaymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldRefuseARefundBeforeTheGoodsAreBackWithoutAReasonOrBeyondTheReturnedUnits() {
        start();
        pipeline.send("O-1", SALES, place(line("A", 3, "12.50")));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, pay("37.50"));
        pipeline.send("O-1", SALES, refund("5.00"));
        returned("O-2");
        pipeline.send("O-2", SALES, new RefundOrder(new BigDecimal("5.00"), " ", List.of()));
        pipeline.send("O-2", SALES, refund("-5.00"));
        pipeline.send("O-2", SALES, refund("5.00", units("A", 3)));
        pipeline.send("O-2", WAREHOUSE, refund("5.00"));

        assertThat(refusalCodes()).containsExactly(Refusals.INVALID_TRANSITION, Refusals.REASON_REQUIRED,
                Refusals.INVALID_AMOUNT, Refusals.QUANTITY_EXCEEDS, Refusals.ROLE_NOT_ALLOWED);
        assertThat(pipeline.order("O-2").getRefunds()).isEmpty();
        assertThat(pipeline.order("O-2").getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void shouldApplyARepeatedRefundOnce() {
        start();
        returned("O-1");
        pipeline.send("refund-1", "O-1", SALES, refund("10.00"));
        pipeline.send("refund-1", "O-1", SALES, refund("10.00"));

        assertThat(pipeline.order("O-1").getRefunds()).hasSize(1);
        assertThat(refusalCodes()).isEmpty();
    }

    @Test
    void shouldHoldARefundAboveTheFourEyesAmountForASecondPerson() {
        start();
        returned("O-1");

        String asked = pipeline.send("O-1", ADMIN, refund("31.00"));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getRefunds()).isEmpty();
        assertThat(order.getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(order.getPendingRefund().getRefundId()).isEqualTo(asked);
        assertThat(lastEntry("O-1").getReason())
                .isEqualTo("refund of 31.00 asked, above 30.00: waits for a second person: returned goods paid back");

        pipeline.send("O-1", ADMIN, decideRefund(true));
        pipeline.send("O-1", SALES, refund("1.00"));
        pipeline.send("O-1", SALES, decideRefund(true));
        assertThat(refusalCodes()).containsExactly(Refusals.FOUR_EYES, Refusals.REFUND_PENDING,
                Refusals.ROLE_NOT_ALLOWED);

        String approval = pipeline.send("O-1", REVIEWER, decideRefund(true));

        order = pipeline.order("O-1");
        assertThat(order.getPendingRefund()).isNull();
        assertThat(order.getRefunds()).singleElement().satisfies(refund -> {
            assertThat(refund.getRefundId()).isEqualTo(approval);
            assertThat(refund.getRequestedBy()).isEqualTo(ADMIN);
            assertThat(refund.getApprovedBy()).isEqualTo(REVIEWER);
            assertThat(refund.getAmount()).isEqualByComparingTo("31.00");
        });
        assertThat(order.getPaymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(lastEntry("O-1").getReason()).isEqualTo("refunded 31.00, approved: checked");
    }

    @Test
    void shouldPayNothingBackWhenTheSecondPersonRejectsTheRefund() {
        start();
        returned("O-1");
        pipeline.send("O-1", SALES, refund("31.00"));
        pipeline.send("O-1", REVIEWER, decideRefund(false));
        pipeline.send("O-1", REVIEWER, decideRefund(true));

        OrderState order = pipeline.order("O-1");
        assertThat(order.getPendingRefund()).isNull();
        assertThat(order.getRefunds()).isEmpty();
        assertThat(order.getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(refusalCodes()).containsExactly(Refusals.NO_REFUND_REQUESTED);
    }

    @Test
    void shouldPayBackWhatAnOrderClosedShortWasPaidBeyondWhatItOwesAndStillComplete() {
        start();
        pipeline.send("O-1", SALES, place(line("A", 5, "10.00")));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, pay("50.00"));
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 3)));
        pipeline.send("O-1", SALES, closeShort("the rest is discontinued"));
        assertThat(pipeline.order("O-1").getTotalAmount()).isEqualByComparingTo("30.00");
        assertThat(day("total|all|CNY|2026-11-22").revenue()).isEqualByComparingTo("30.00");

        pipeline.send("O-1", SALES, refund("20.01"));
        pipeline.send("O-1", SALES, refund("20.00"));
        pipeline.send("O-1", WAREHOUSE, confirmDelivery());
        pipeline.send("O-1", SALES, Commands.complete());

        OrderState order = pipeline.order("O-1");
        assertThat(refusalCodes()).containsExactly(Refusals.REFUND_EXCEEDS_PAID);
        assertThat(order.getPaymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(order.getStatus()).as("50.00 paid less 20.00 back covers the 30.00 owed")
                .isEqualTo(OrderStatus.COMPLETED);
        assertThat(day("total|all|CNY|2026-11-22").revenue()).as("the close took the 20.00 out already")
                .isEqualByComparingTo("30.00");
    }

    @Test
    void shouldRefuseARefundOfAShippedOrderNotClosedShort() {
        start();
        pipeline.send("O-1", SALES, place(line("A", 2, "10.00")));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, pay("20.00"));
        pipeline.send("O-1", WAREHOUSE, ship("SF", "SF-1", units("A", 2)));
        pipeline.send("O-1", SALES, refund("5.00"));

        assertThat(refusalCodes()).containsExactly(Refusals.INVALID_TRANSITION);
        assertThat(pipeline.order("O-1").getRefunds()).isEmpty();
    }

    @Test
    void shouldTakeOutOfRevenueWhatTheReturnHadNotTakenOutAlready() {
        start();
        returned("O-1");
        assertThat(day("total|all|CNY|2026-11-22")).as("3 x 12.50 counted, 2 returned")
                .isEqualTo(new SalesFigures(1, 1, new BigDecimal("12.50")));

        pipeline.send("O-1", SALES, refund("20.00"));
        assertThat(day("total|all|CNY|2026-11-22")).as("the 25.00 returned covers it: nothing more out")
                .isEqualTo(new SalesFigures(1, 1, new BigDecimal("12.50")));

        pipeline.send("O-1", SALES, refund("10.00"));
        assertThat(day("total|all|CNY|2026-11-22")).as("30.00 paid back, 5.00 beyond the returned goods")
                .isEqualTo(new SalesFigures(1, 1, new BigDecimal("7.50")));
        assertThat(day("customer|C-1|CNY|2026-11-22").revenue()).isEqualByComparingTo("7.50");
        assertThat(day("product|A|CNY|2026-11-22").revenue()).as("units keep their revenue by product")
                .isEqualByComparingTo("12.50");
    }

    @Test
    void shouldTakeNothingMoreOutForARefundOfACancelledOrder() {
        start();
        pipeline.send("O-1", SALES, place(line("A", 2, "12.50")));
        pipeline.send("O-1", REVIEWER, approve());
        pipeline.send("O-1", SALES, pay("25.00"));
        pipeline.send("O-1", SALES, requestCancellation());
        pipeline.send("O-1", REVIEWER, approveCancellation());
        SalesFigures cancelled = day("total|all|CNY|2026-11-22");

        pipeline.send("O-1", SALES, refund("25.00"));

        assertThat(day("total|all|CNY|2026-11-22")).isEqualTo(cancelled).isEqualTo(SalesFigures.ZERO);
    }
}
