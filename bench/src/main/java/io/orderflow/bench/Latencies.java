package io.orderflow.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in nanoseconds, sorted once: percentiles (nearest rank) in milliseconds. */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile {@code q} (0 &lt; q ≤ 1), in milliseconds; NaN when empty. */
    double millis(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms", millis(0.5), millis(0.99),
                millis(0.999));
    }
}
