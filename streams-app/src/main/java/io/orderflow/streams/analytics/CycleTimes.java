package io.orderflow.streams.analytics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations of one stage of the order cycle in a month (value of {@code report-cycle-times}): exact
 * count and mean, and p50/p90 from a histogram whose buckets round a duration up to three
 * significant digits (at most 1 % above the exact value; bounded size whatever the volume).
 * Percentiles are nearest-rank: the bucket of the ceil(q * count)-th smallest duration. Parts (one
 * per partition of {@code order-events}) add up with {@link #plus}: count, total and histogram are
 * sums, so mean and percentiles of the sum are those of every duration together.
 */
public record CycleTimes(long count, long totalMillis, TreeMap<Long, Long> histogram) {

    public static final String ORDER_TO_APPROVAL = "order-to-approval";
    public static final String APPROVAL_TO_SHIPMENT = "approval-to-shipment";
    public static final String SHIPMENT_TO_DELIVERY = "shipment-to-delivery";

    static final CycleTimes EMPTY = new CycleTimes(0, 0, new TreeMap<>());

    public CycleTimes add(long millis) {
        TreeMap<Long, Long> next = new TreeMap<>(histogram);
        next.merge(bucketOf(millis), 1L, Long::sum);
        return new CycleTimes(count + 1, totalMillis + millis, next);
    }

    /** The durations of both. */
    public CycleTimes plus(CycleTimes other) {
        TreeMap<Long, Long> next = new TreeMap<>(histogram);
        other.histogram.forEach((bucket, n) -> next.merge(bucket, n, Long::sum));
        return new CycleTimes(count + other.count, totalMillis + other.totalMillis, next);
    }

    /** Mean duration, to the millisecond (floor). */
    public Duration mean() {
        return count == 0 ? Duration.ZERO : Duration.ofMillis(Math.floorDiv(totalMillis, count));
    }

    public Duration p50() {
        return percentile(0.5);
    }

    public Duration p90() {
        return percentile(0.9);
    }

    public Duration percentile(double q) {
        if (count == 0) {
            return Duration.ZERO;
        }
        long rank = rank(q, count);
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return Duration.ofMillis(bucket.getKey());
            }
        }
        return Duration.ofMillis(histogram.lastKey());
    }

    /** Nearest rank (1-based) of quantile {@code q} among {@code count} values. */
    public static long rank(double q, long count) {
        return Math.max(1, (long) Math.ceil(q * count));
    }

    /** The histogram bucket (its upper bound) of a duration: rounded up to three significant digits. */
    public static long bucketOf(long millis) {
        if (millis < 1000) {
            return Math.max(0, millis);
        }
        long unit = 1;
        while (millis / unit >= 1000) {
            unit *= 10;
        }
        return (millis + unit - 1) / unit * unit;
    }
}
