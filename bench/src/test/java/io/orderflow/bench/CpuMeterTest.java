package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void shouldSplitCpuPerRequestByProcessInTheOrderAddedAndSayHowBusyTheCoresWere() {
        CpuMeter meter = new CpuMeter(2).process("gateway", () -> 0).process("broker", () -> 0);
        CpuMeter.Snapshot from = new CpuMeter.Snapshot(new long[] {5_000_000, 1_000_000}, 1_000_000_000L,
                Optional.empty());
        // 100 ms of wall clock on 2 cores; the gateway used 60 ms, the broker 30 ms, over 1 000 requests
        CpuMeter.Snapshot to = new CpuMeter.Snapshot(new long[] {65_000_000, 31_000_000}, 1_100_000_000L,
                Optional.empty());

        assertThat(meter.perRequest(from, to, 1_000)).isEqualTo("gateway 60, broker 30 µs (busy 45 %)");
    }

    @Test
    void shouldAddEveryProcessForTheCpuOfOneRequest() {
        CpuMeter.Snapshot from = new CpuMeter.Snapshot(new long[] {5_000_000, 1_000_000}, 0, Optional.empty());
        CpuMeter.Snapshot to = new CpuMeter.Snapshot(new long[] {65_000_000, 31_000_000}, 1, Optional.empty());

        assertThat(CpuMeter.micros(from, to, 1_000)).isCloseTo(90.0, within(1e-9));
        assertThat(CpuMeter.micros(from, to, 0)).as("no request: all of it, not a division by zero")
                .isCloseTo(90_000.0, within(1e-9));
    }

    @Test
    void shouldSayHowMuchTheHostStoleBetweenTwoSnapshots() {
        CpuMeter meter = new CpuMeter(2).process("gateway", () -> 0);
        // 20 ticks of all cores between the two readings, 3 of them stolen
        CpuMeter.Snapshot from = new CpuMeter.Snapshot(new long[] {0}, 0, Optional.of(new HostCpu(100, 1_000, 40)));
        CpuMeter.Snapshot to = new CpuMeter.Snapshot(new long[] {1_000_000}, 100_000_000L,
                Optional.of(new HostCpu(110, 1_020, 43)));

        assertThat(CpuMeter.steal(from, to)).isCloseTo(0.15, within(1e-9));
        assertThat(meter.perRequest(from, to, 100)).isEqualTo("gateway 10 µs (busy 1 %, steal 15 %)");
        assertThat(CpuMeter.steal(from, new CpuMeter.Snapshot(new long[] {0}, 1, Optional.empty()))).isNaN();
    }

    @Test
    void shouldReadEachProcessWhenASnapshotIsTaken() {
        long[] gateway = {7};
        CpuMeter meter = new CpuMeter(2).process("gateway", () -> gateway[0]);
        CpuMeter.Snapshot first = meter.now();
        gateway[0] = 4_007;

        assertThat(first.cpu()).containsExactly(7);
        assertThat(meter.now().cpu()).containsExactly(4_007);
    }
}
