package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void shouldSplitCpuPerRequestByProcessInTheOrderAddedAndSayHowBusyTheCoresWere() {
        CpuMeter meter = new CpuMeter(2).process("gateway", () -> 0).process("broker", () -> 0);
        CpuMeter.Snapshot from = new CpuMeter.Snapshot(new long[] {5_000_000, 1_000_000}, 1_000_000_000L);
        // 100 ms of wall clock on 2 cores; the gateway used 60 ms, the broker 30 ms, over 1 000 requests
        CpuMeter.Snapshot to = new CpuMeter.Snapshot(new long[] {65_000_000, 31_000_000}, 1_100_000_000L);

        assertThat(meter.perRequest(from, to, 1_000)).isEqualTo("gateway 60, broker 30 µs (busy 45 %)");
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
