package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles of figure 2: pure arithmetic, no benchmark runs here. */
class LatenciesTest {

    @Test
    void shouldTakeTheNearestRankInMillisecondsWhateverTheOrderOfTheSamples() {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (1000 - i) * 1_000_000L; // 1000 ms down to 1 ms
        }

        Latencies latencies = new Latencies(nanos);

        assertThat(latencies.count()).isEqualTo(1000);
        assertThat(latencies.millis(0.5)).isEqualTo(500.0);
        assertThat(latencies.millis(0.99)).isEqualTo(990.0);
        assertThat(latencies.millis(0.999)).isEqualTo(999.0);
        assertThat(latencies.millis(1.0)).isEqualTo(1000.0);
    }

    @Test
    void shouldGiveTheOnlySampleForEveryPercentileAndNothingWhenEmpty() {
        assertThat(new Latencies(new long[] {7_500_000L}).millis(0.999)).isEqualTo(7.5);
        assertThat(new Latencies(new long[0]).millis(0.5)).isNaN();
    }
}
