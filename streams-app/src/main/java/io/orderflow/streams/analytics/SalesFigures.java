package io.orderflow.streams.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Order count, units and revenue (exact, scale 2); summed from signed deltas, so cancellations and
 * returns take figures back out.
 */
public record SalesFigures(long orders, long units, BigDecimal revenue) {

    public static final SalesFigures ZERO = new SalesFigures(0, 0, BigDecimal.ZERO.setScale(2));

    public SalesFigures {
        revenue = revenue.setScale(2, RoundingMode.UNNECESSARY);
    }

    public SalesFigures plus(SalesFigures other) {
        return new SalesFigures(orders + other.orders, units + other.units, revenue.add(other.revenue));
    }

    public SalesFigures negated() {
        return new SalesFigures(-orders, -units, revenue.negate());
    }

    /** Revenue per order, half-up to the cent; zero when no order counts. */
    public BigDecimal averageOrderValue() {
        return orders == 0 ? BigDecimal.ZERO.setScale(2) : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    }

    static SalesFigures orZeroPlus(SalesFigures a, SalesFigures b) {
        return a == null ? b : a.plus(b);
    }
}
