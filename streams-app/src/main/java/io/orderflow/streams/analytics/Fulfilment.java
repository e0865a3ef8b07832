package io.orderflow.streams.analytics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Orders delivered, those delivered on or before the agreed delivery date (the expected date as last rescheduled),
 * and those on or before the first promised date (value of {@code report-fulfilment}).
 */
public record Fulfilment(long delivered, long onTime, long onTimeToFirstPromise) {

    /**
     * Counts kept before the first promise was told apart: taken as the same against both dates (also how the
     * JSON this store once wrote, with these two fields only, is read).
     */
    @JsonCreator
    public Fulfilment(@JsonProperty("delivered") long delivered, @JsonProperty("onTime") long onTime) {
        this(delivered, onTime, onTime);
    }

    /** Share on time against the agreed date, 4 decimals; zero when nothing was delivered. */
    public BigDecimal rate() {
        return share(onTime);
    }

    /** Share on time against the first promised date, 4 decimals. */
    public BigDecimal rateToFirstPromise() {
        return share(onTimeToFirstPromise);
    }

    private BigDecimal share(long count) {
        return delivered == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(delivered), 4, RoundingMode.HALF_UP);
    }

    /** The deliveries of both (parts of one month's, from two partitions). */
    public Fulfilment plus(Fulfilment other) {
        return new Fulfilment(delivered + other.delivered, onTime + other.onTime,
                onTimeToFirstPromise + other.onTimeToFirstPromise);
    }

    Fulfilment add(boolean isOnTime, boolean onTimeToFirst) {
        return new Fulfilment(delivered + 1, onTime + (isOnTime ? 1 : 0),
                onTimeToFirstPromise + (onTimeToFirst ? 1 : 0));
    }
}
