package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostCpuTest {

    @Test
    void busyAndStealAreSharesOfAllTicksBetweenTwoReadings() {
        HostCpu before = HostCpu.parse("cpu  100 0 50 800 10 0 0 40 0 0");
        // +300 user, +50 nice, +50 system, +400 idle, +0 iowait, +20 irq, +30 softirq, +150 steal = 1000 ticks
        HostCpu after = HostCpu.parse("cpu  400 50 100 1200 10 20 30 190 0 0");

        assertThat(after.since(before)).isEqualTo("busy 45 %, steal 15 %");
    }

    @Test
    void noTicksBetweenReadingsSaysSo() {
        HostCpu same = HostCpu.parse("cpu 1 2 3 4 5 6 7 8");

        assertThat(same.since(same)).startsWith("unknown");
    }

    @Test
    void aPerCoreLineIsRefused() {
        assertThatThrownBy(() -> HostCpu.parse("cpu0 1 2 3 4 5 6 7 8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu0");
    }
}
