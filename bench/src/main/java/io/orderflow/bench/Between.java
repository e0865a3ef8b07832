package io.orderflow.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A route under wrk measured between two runs of the same server's {@code GET /health/live}, whose mean is the
 * baseline (figures 3 and 4, and their floor), with the CPU each measured process spent per request and the most
 * the host stole of one of the three runs; {@code healthMicros} and {@code routeMicros}: what the metered processes
 * together spent per request (health: the mean of its two runs).
 */
record Between(Wrk.Result before, Wrk.Result route, Wrk.Result after, String cpuSummary, double worstSteal,
        double healthMicros, double routeMicros) {

    /** Health, then {@code path} on {@code base} ({@code script} drives wrk when given), then health again. */
    static Between measure(String base, String path, Optional<Path> script, String label, CpuMeter cpu, int seconds,
            int connections) {
        CpuMeter.Snapshot cpu0 = cpu.now();
        Wrk.Result before = Wrk.run(base + "/health/live", Optional.empty(), seconds, connections);
        CpuMeter.Snapshot cpu1 = cpu.now();
        Wrk.Result route = Wrk.run(base + path, script, seconds, connections);
        CpuMeter.Snapshot cpu2 = cpu.now();
        Wrk.Result after = Wrk.run(base + "/health/live", Optional.empty(), seconds, connections);
        CpuMeter.Snapshot cpu3 = cpu.now();
        double worst = Math.max(CpuMeter.steal(cpu0, cpu1), Math.max(CpuMeter.steal(cpu1, cpu2), CpuMeter.steal(cpu2, cpu3)));
        return new Between(before, route, after, "health before " + cpu.perRequest(cpu0, cpu1, before.requests())
                + "; " + label + " " + cpu.perRequest(cpu1, cpu2, route.requests()) + "; health after "
                + cpu.perRequest(cpu2, cpu3, after.requests()), worst,
                (CpuMeter.micros(cpu0, cpu1, before.requests()) + CpuMeter.micros(cpu2, cpu3, after.requests())) / 2,
                CpuMeter.micros(cpu1, cpu2, route.requests()));
    }

    double baselineRate() {
        return (before.requestsPerSecond() + after.requestsPerSecond()) / 2;
    }

    double baselineP99() {
        return Math.max(before.p99Millis(), after.p99Millis());
    }

    double ratio() {
        return route.requestsPerSecond() / baselineRate();
    }

    /**
     * The ratio the route would reach, by CPU, if each request also did {@code micros} more work: with the cores
     * the bound, a rate is inverse to the CPU each request costs.
     */
    double ratioWith(double micros) {
        return healthMicros / (routeMicros + micros);
    }

    /** Whether every request of the route's run got a 2xx. */
    boolean clean() {
        return route.clean();
    }
}
