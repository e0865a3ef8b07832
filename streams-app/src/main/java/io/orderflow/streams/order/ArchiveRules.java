package io.orderflow.streams.order;

import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which orders the monthly archive takes, and when (docs/domain.md, "Archive"): a pure function of the order's
 * state and the {@link ArchiveSettings}.
 *
 * <p>An order is finished when nothing more is expected of it: COMPLETED, RETURN_REJECTED or EXCHANGE_SHIPPED with
 * nothing owed, CANCELLED or RETURNED_GOODS_RECEIVED with no money left to give back, and no refund waiting for
 * its decision. An unpaid completed order is not finished: it is still a receivable, and the receivables are read
 * from the live orders. It finished at its last change ({@code updatedAt}); it is archived once the month of that
 * change and {@link ArchiveSettings#retentionMonths()} whole months after it have ended, in the reports' zone.
 */
public final class ArchiveRules {

    /** The statuses a finished order can be in. */
    public static final Set<OrderStatus> FINISHED = EnumSet.of(OrderStatus.COMPLETED, OrderStatus.CANCELLED,
            OrderStatus.RETURN_REJECTED, OrderStatus.RETURNED_GOODS_RECEIVED, OrderStatus.EXCHANGE_SHIPPED);
    private static final Set<OrderStatus> MONEY_GOES_BACK =
            EnumSet.of(OrderStatus.CANCELLED, OrderStatus.RETURNED_GOODS_RECEIVED);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final ArchiveSettings settings;

    public ArchiveRules(ArchiveSettings settings) {
        this.settings = settings;
    }

    /** Whether nothing more is expected of the order. */
    public static boolean finished(OrderState order) {
        if (!FINISHED.contains(order.getStatus()) || order.getPendingRefund() != null) {
            return false;
        }
        PaymentStatus payment = order.getPaymentStatus();
        BigDecimal paid = order.getPaidAmount() == null ? BigDecimal.ZERO : order.getPaidAmount();
        if (MONEY_GOES_BACK.contains(order.getStatus())) {
            return payment == PaymentStatus.UNPAID || payment == PaymentStatus.REFUNDED || paid.signum() <= 0;
        }
        return payment == PaymentStatus.PAID || payment == PaymentStatus.REFUNDED
                || payment == PaymentStatus.PARTIALLY_REFUNDED || paid.compareTo(order.getTotalAmount()) >= 0;
    }

    /** From when the order may be archived: empty while it is not finished. */
    public Optional<Instant> archivableFrom(OrderState order) {
        if (!finished(order)) {
            return Optional.empty();
        }
        YearMonth finished = YearMonth.from(order.getUpdatedAt().atZone(settings.zone()));
        return Optional.of(finished.plusMonths(settings.retentionMonths() + 1L).atDay(1)
                .atStartOfDay(settings.zone()).toInstant());
    }

    /** Whether the order is to be archived at {@code now}. */
    public boolean due(OrderState order, Instant now) {
        return archivableFrom(order).map(from -> !now.isBefore(from)).orElse(false);
    }

    /** The archive month ({@code yyyy-MM}) of an order that finished at {@code finishedAt}. */
    public String month(Instant finishedAt) {
        return MONTH.format(finishedAt.atZone(settings.zone()));
    }
}
