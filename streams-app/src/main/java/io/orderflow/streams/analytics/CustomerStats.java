package io.orderflow.streams.analytics;

import java.time.LocalDate;

/**
 * A customer's figures net of cancellations and returns and the order dates (下单日期) of their first
 * and last counted order (value of {@code report-customers}). Kept per partition of
 * {@code order-events}, each partition the part of the customer's orders it holds: parts add up with
 * {@link #plus}, and what follows from the totals (repeat, class) is worked out from the sum, never
 * from a part.
 */
public record CustomerStats(SalesFigures figures, LocalDate firstOrderDate, LocalDate lastOrderDate) {

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
        return new CustomerStats(figures.plus(other.figures), earliest(firstOrderDate, other.firstOrderDate),
                latest(lastOrderDate, other.lastOrderDate));
    }

    static CustomerStats add(CustomerStats current, Fact.Sale sale) {
        // Only a counted order sets first and last (the day it is booked on is its order date); a sale
        // taken back out leaves them.
        LocalDate day = sale.figures().orders() > 0 ? sale.day() : null;
        CustomerStats delta = new CustomerStats(sale.figures(), day, day);
        return current == null ? delta : current.plus(delta);
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
