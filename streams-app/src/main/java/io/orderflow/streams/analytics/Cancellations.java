package io.orderflow.streams.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Orders placed and cancelled in a month (value of {@code report-cancellations}). */
public record Cancellations(long placed, long cancelled) {

    /** Cancelled per placed order of the month, 4 decimals; zero when none was placed. */
    public BigDecimal rate() {
        return placed == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(cancelled).divide(BigDecimal.valueOf(placed), 4, RoundingMode.HALF_UP);
    }

    Cancellations add(Fact.Placement fact) {
        return new Cancellations(placed + fact.placed(), cancelled + fact.cancelled());
    }
}
