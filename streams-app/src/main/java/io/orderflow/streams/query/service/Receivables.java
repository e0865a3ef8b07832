package io.orderflow.streams.query.service;

import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.streams.query.view.Rows.ReceivableRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an order owes (docs/domain.md, "Receivables"): an order delivered (or a service order completed) and not
 * paid in full, not cancelled, owes its total less what was paid. It is due when its credit terms run out
 * ({@code paymentDueAt}), or on delivery when it has no terms; it ages from then.
 */
public final class Receivables {

    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private Receivables() {
    }

    /** The order's part of its customer's row as of {@code asOf}, if it owes anything. */
    public static Optional<ReceivableRow> part(OrderState order, Instant asOf) {
        if (order.getStatus() == OrderStatus.CANCELLED
                || order.getPaymentStatus() == PaymentStatus.PAID || order.getPaymentStatus() == PaymentStatus.REFUNDED) {
            return Optional.empty();
        }
        BigDecimal owed = order.getTotalAmount().subtract(order.getPaidAmount());
        Instant due = dueAt(order);
        if (owed.signum() <= 0 || due == null) {
            return Optional.empty();
        }
        BigDecimal[] buckets = {ZERO, ZERO, ZERO, ZERO, ZERO};
        buckets[bucket(due, asOf)] = owed;
        return Optional.of(new ReceivableRow(order.getCustomer().getId(), order.getCustomer().getName(),
                order.getCurrency(), 1, buckets[0], buckets[1], buckets[2], buckets[3], buckets[4], owed));
    }

    /** When payment falls due: the terms' date, else delivery, else (a service order) its completion. */
    static Instant dueAt(OrderState order) {
        if (order.getPaymentDueAt() != null) {
            return order.getPaymentDueAt();
        }
        if (order.getDeliveredAt() != null) {
            return order.getDeliveredAt();
        }
        return order.getStatus() == OrderStatus.COMPLETED ? order.getStatusSince() : null;
    }

    /** 0 not yet due; 1 for 1–30 days overdue (any part of a day counts as one), 2 for 31–60, 3 for 61–90, 4 beyond. */
    static int bucket(Instant due, Instant asOf) {
        if (!asOf.isAfter(due)) {
            return 0;
        }
        long millis = Duration.between(due, asOf).toMillis();
        long days = (millis + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis();
        return days <= 30 ? 1 : days <= 60 ? 2 : days <= 90 ? 3 : 4;
    }

    /** Two parts of one customer and currency, added up. */
    public static ReceivableRow plus(ReceivableRow a, ReceivableRow b) {
        return new ReceivableRow(a.customerId(), a.customerName() != null ? a.customerName() : b.customerName(),
                a.currency(), a.orders() + b.orders(), a.notYetDue().add(b.notYetDue()),
                a.overdue1To30().add(b.overdue1To30()), a.overdue31To60().add(b.overdue31To60()),
                a.overdue61To90().add(b.overdue61To90()), a.overdueOver90().add(b.overdueOver90()),
                a.outstanding().add(b.outstanding()));
    }
}
