package io.orderflow.streams.analytics;

/**
 * A customer's figures net of cancellations and returns and when their first and last counted order
 * was approved (value of {@code report-customers}). Kept per partition of {@code order-events}, each
 * partition the part of the customer's orders it holds: parts add up with {@link #plus}, and what
 * follows from the totals (repeat, class) is worked out from the sum, never from a part.
 */
public record CustomerStats(SalesFigures figures, Long firstOrderAt, Long lastOrderAt) {

    /** A repeat customer has more than one order that still counts. */
    public boolean repeat() {
        return figures.orders() > 1;
    }

    /** The class these figures give under {@code settings}' thresholds. */
    public CustomerClass customerClass(AnalyticsSettings settings) {
        return settings.classify(figures.orders(), figures.revenue());
    }

    /** The same customer's figures from two parts of the orders. */
    public CustomerStats plus(CustomerStats other) {
        return new CustomerStats(figures.plus(other.figures), earliest(firstOrderAt, other.firstOrderAt),
                latest(lastOrderAt, other.lastOrderAt));
    }

    static CustomerStats add(CustomerStats current, Fact.Sale sale) {
        // Only a counted order sets first and last; a sale taken back out leaves them.
        Long at = sale.figures().orders() > 0 ? sale.at() : null;
        CustomerStats delta = new CustomerStats(sale.figures(), at, at);
        return current == null ? delta : current.plus(delta);
    }

    private static Long earliest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long latest(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }
}
