package io.orderflow.streams.customer;

import io.orderflow.avro.CreditLimit;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an order adds to its customer's open receivables (docs/domain.md, Customers): an order that was approved and
 * is not cancelled owes its total less what was paid, in its currency. Only what counts against a credit limit is
 * kept: orders of customers with a limit, in the limit's currency.
 */
public final class Exposure {

    /** Before approval an order owes nothing; a cancelled one owes nothing any more. */
    private static final Set<OrderStatus> OWING = EnumSet.complementOf(EnumSet.of(
            OrderStatus.PENDING_REVIEW, OrderStatus.RETURNED, OrderStatus.CANCELLED, OrderStatus.UNKNOWN));

    private Exposure() {
    }

    /** The key of an order's part on {@code orderflow-customer-exposure}: ids never hold a '/'. */
    public static String key(String customerId, String orderId) {
        return prefix(customerId) + orderId;
    }

    /** The prefix of every part of one customer's exposure. */
    public static String prefix(String customerId) {
        return customerId + "/";
    }

    /** What {@code order} still owes against {@code limit} (zero: nothing, or no limit, or another currency). */
    public static BigDecimal open(OrderState order, CreditLimit limit) {
        if (order == null || limit == null || !OWING.contains(order.getStatus())
                || !limit.getCurrency().equals(order.getCurrency())) {
            return BigDecimal.ZERO;
        }
        return order.getTotalAmount().subtract(order.getPaidAmount()).max(BigDecimal.ZERO);
    }
}
