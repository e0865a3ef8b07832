package io.orderflow.streams.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Refund;
import io.orderflow.streams.analytics.OrderFixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retention rule: which orders are finished, and from when they are archived, in the reports' zone. */
class ArchiveRulesTest {

    private final ArchiveRules rules = new ArchiveRules(ArchiveSettings.defaults());

    private static OrderState order(OrderStatus status, PaymentStatus payment, String paid, Instant updatedAt) {
        return OrderFixtures.order("O-1", status, updatedAt).setPaymentStatus(payment)
                .setPaidAmount(new BigDecimal(paid)).build();
    }

    @Test
    void shouldArchiveAtTheEndOfTheMonthAfterTheOneTheOrderFinishedInLocalTime() {
        // 31 October 23:30 in Shanghai is still October there, though November has begun nowhere yet in UTC terms
        Instant lateOctober = Instant.parse("2026-10-31T15:30:00Z");
        OrderState completed = order(OrderStatus.COMPLETED, PaymentStatus.PAID, "10.00", lateOctober);

        assertThat(rules.archivableFrom(completed)).contains(Instant.parse("2026-12-01T00:00:00+08:00"));
        assertThat(rules.month(lateOctober)).isEqualTo("2026-10");
        assertThat(rules.due(completed, Instant.parse("2026-11-30T15:59:59Z"))).isFalse();
        assertThat(rules.due(completed, Instant.parse("2026-11-30T16:00:00Z"))).isTrue();
    }

    @Test
    void shouldTakeTheRetentionInWholeMonthsFromTheSettings() {
        ArchiveRules twoMonths = new ArchiveRules(ArchiveSettings.fromEnv(Map.of(ArchiveSettings.RETENTION_MONTHS, "2",
                ArchiveSettings.TIME_ZONE, "UTC")));
        OrderState completed = order(OrderStatus.COMPLETED, PaymentStatus.PAID, "10.00",
                Instant.parse("2026-01-15T00:00:00Z"));

        assertThat(twoMonths.archivableFrom(completed)).contains(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void shouldCallFinishedOnlyWhatNobodyStillOwesOrIsOwed() {
        Instant at = Instant.parse("2026-10-01T00:00:00Z");
        assertThat(ArchiveRules.finished(order(OrderStatus.COMPLETED, PaymentStatus.PAID, "10.00", at))).isTrue();
        assertThat(ArchiveRules.finished(order(OrderStatus.COMPLETED, PaymentStatus.UNPAID, "0.00", at)))
                .as("a receivable").isFalse();
        assertThat(ArchiveRules.finished(order(OrderStatus.CANCELLED, PaymentStatus.UNPAID, "0.00", at))).isTrue();
        assertThat(ArchiveRules.finished(order(OrderStatus.CANCELLED, PaymentStatus.PAID, "10.00", at)))
                .as("paid and not refunded yet").isFalse();
        assertThat(ArchiveRules.finished(order(OrderStatus.RETURNED_GOODS_RECEIVED, PaymentStatus.REFUNDED, "10.00", at)))
                .isTrue();
        assertThat(ArchiveRules.finished(order(OrderStatus.RETURN_REJECTED, PaymentStatus.PAID, "10.00", at))).isTrue();
        assertThat(ArchiveRules.finished(order(OrderStatus.EXCHANGE_SHIPPED, PaymentStatus.PAID, "10.00", at))).isTrue();
        assertThat(ArchiveRules.finished(order(OrderStatus.DELIVERED, PaymentStatus.PAID, "10.00", at))).isFalse();
        OrderState refundWaiting = OrderState.newBuilder(order(OrderStatus.COMPLETED, PaymentStatus.PAID, "10.00", at))
                .setPendingRefund(Refund.newBuilder().setRefundId("r-1").setAmount(new BigDecimal("5.00"))
                        .setReason("damaged").setLines(java.util.List.of())
                        .setRequestedBy(OrderFixtures.order("O-1", OrderStatus.COMPLETED, at).getCreatedBy())
                        .setRequestedAt(at).build())
                .build();
        assertThat(ArchiveRules.finished(refundWaiting)).as("a refund waits for its decision").isFalse();
    }
}
