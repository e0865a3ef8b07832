package io.orderflow.streams.analytics;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads rolling figures from the bucket stores: the figure "over the last {@code span} as of
 * {@code now}" is the sum of the buckets starting in (now - span, now], i.e. the latest hopping
 * window of that span advancing by one bucket.
 */
public final class RollingSales {

    private RollingSales() {
    }

    /** From {@value AnalyticsTopology#SALES_MINUTE_STORE}. */
    public static SalesFigures lastHour(ReadOnlyWindowStore<String, SalesFigures> minutes, String dimensionKey, Instant now) {
        return sum(minutes, dimensionKey, now, Duration.ofHours(1));
    }

    /** From {@value AnalyticsTopology#SALES_HOUR_STORE}. */
    public static SalesFigures last24Hours(ReadOnlyWindowStore<String, SalesFigures> hours, String dimensionKey, Instant now) {
        return sum(hours, dimensionKey, now, Duration.ofHours(24));
    }

    /** From {@value AnalyticsTopology#SALES_HOUR_STORE}. */
    public static SalesFigures last7Days(ReadOnlyWindowStore<String, SalesFigures> hours, String dimensionKey, Instant now) {
        return sum(hours, dimensionKey, now, Duration.ofDays(7));
    }

    public static SalesFigures sum(ReadOnlyWindowStore<String, SalesFigures> buckets, String dimensionKey,
                                   Instant now, Duration span) {
        SalesFigures total = SalesFigures.ZERO;
        try (WindowStoreIterator<SalesFigures> it = buckets.fetch(dimensionKey, now.minus(span).plusMillis(1), now)) {
            while (it.hasNext()) {
                total = total.plus(it.next().value);
            }
        }
        return total;
    }
}
