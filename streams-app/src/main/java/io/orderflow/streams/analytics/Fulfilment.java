package io.orderflow.streams.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Orders delivered and those delivered on or before the expected date (value of {@code report-fulfilment}). */
public record Fulfilment(long delivered, long onTime) {

    /** Share on time, 4 decimals; zero when nothing was delivered. */
    public BigDecimal rate() {
        return delivered == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(onTime).divide(BigDecimal.valueOf(delivered), 4, RoundingMode.HALF_UP);
    }

    /** The deliveries of both (parts of one month's, from two partitions). */
    public Fulfilment plus(Fulfilment other) {
        return new Fulfilment(delivered + other.delivered, onTime + other.onTime);
    }

    Fulfilment add(boolean isOnTime) {
        return new Fulfilment(delivered + 1, onTime + (isOnTime ? 1 : 0));
    }
}
