package io.orderflow.streams.analytics;

/**
 * A customer's standing (value of {@code report-customers}): figures net of cancellations and returns,
 * when their first and last counted order was approved, and the class that follows.
 */
public record CustomerStats(SalesFigures figures, Long firstOrderAt, Long lastOrderAt, CustomerClass customerClass) {

    /** A repeat customer has more than one order that still counts. */
    public boolean repeat() {
        return figures.orders() > 1;
    }

    static CustomerStats add(CustomerStats current, Fact.Sale sale, AnalyticsSettings settings) {
        SalesFigures figures = SalesFigures.orZeroPlus(current == null ? null : current.figures, sale.figures());
        Long first = current == null ? null : current.firstOrderAt;
        Long last = current == null ? null : current.lastOrderAt;
        if (sale.figures().orders() > 0) {
            first = first == null ? sale.at() : Math.min(first, sale.at());
            last = last == null ? sale.at() : Math.max(last, sale.at());
        }
        return new CustomerStats(figures, first, last, settings.classify(figures.orders(), figures.revenue()));
    }
}
