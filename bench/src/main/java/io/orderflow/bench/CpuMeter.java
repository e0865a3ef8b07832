package io.orderflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * CPU used per request by each process of a run, from snapshots taken around it: {@code "gateway 61, broker 30,
 * wrk 20 µs (busy 93 %, steal 4 %)"}, where busy is their CPU together against the wall clock times the cores, and
 * steal the share of all cores' time the host gave to other guests meanwhile. With the cores saturated, rates go as
 * the inverse of CPU per request, so this says who spends what of a ratio; and a run the host stole from says less
 * about either side than one it left alone.
 */
final class CpuMeter {

    /** CPU time so far of each process, in the meter's order, the wall clock, in nanoseconds, and the host's counters. */
    record Snapshot(long[] cpu, long wall, Optional<HostCpu> host) {
    }

    private final Map<String, LongSupplier> processes = new LinkedHashMap<>();
    private final int cores;

    CpuMeter(int cores) {
        this.cores = cores;
    }

    /** A meter on this machine's cores. */
    static CpuMeter here() {
        return new CpuMeter(Runtime.getRuntime().availableProcessors());
    }

    /** Also meters {@code name}, whose CPU time so far (nanoseconds) {@code cpu} says; printed in the order added. */
    CpuMeter process(String name, LongSupplier cpu) {
        processes.put(name, cpu);
        return this;
    }

    /** Also meters wrk: this JVM's finished children, which the wrk runs are. */
    CpuMeter wrk() {
        return process("wrk", Wrk::finishedChildrenCpuNanos);
    }

    Snapshot now() {
        long[] cpu = new long[processes.size()];
        int i = 0;
        for (LongSupplier process : processes.values()) {
            cpu[i++] = process.getAsLong();
        }
        return new Snapshot(cpu, System.nanoTime(), HostCpu.now());
    }

    /** The share of all cores' time the host stole between the two snapshots; NaN when /proc/stat could not say. */
    static double steal(Snapshot from, Snapshot to) {
        return from.host().isEmpty() || to.host().isEmpty() ? Double.NaN
                : to.host().get().stealSince(from.host().get());
    }

    /** What all the metered processes together spent per request between {@code from} and {@code to}, in µs. */
    static double micros(Snapshot from, Snapshot to, long requests) {
        long total = 0;
        for (int i = 0; i < from.cpu().length; i++) {
            total += to.cpu()[i] - from.cpu()[i];
        }
        return total / 1000.0 / Math.max(1, requests);
    }

    /** What each process spent per request between {@code from} and {@code to}. */
    String perRequest(Snapshot from, Snapshot to, long requests) {
        double n = Math.max(1, requests);
        List<String> parts = new ArrayList<>();
        long total = 0;
        int i = 0;
        for (String name : processes.keySet()) {
            long used = to.cpu()[i] - from.cpu()[i];
            total += used;
            parts.add(String.format(Locale.ROOT, "%s %.0f", name, used / n / 1000));
            i++;
        }
        double busy = 100.0 * total / ((double) (to.wall() - from.wall()) * cores);
        double steal = steal(from, to);
        return String.join(", ", parts) + String.format(Locale.ROOT, " µs (busy %.0f %%%s)", busy,
                Double.isNaN(steal) ? "" : String.format(Locale.ROOT, ", steal %.0f %%", 100 * steal));
    }
}
