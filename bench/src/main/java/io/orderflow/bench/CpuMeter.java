package io.orderflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU used per request by each process of a run, from snapshots taken around it: {@code "gateway 61, broker 30,
 * wrk 20 µs (busy 93 %)"}, where busy is their CPU together against the wall clock times the cores. With the cores
 * saturated, rates go as the inverse of CPU per request, so this says who spends what of a ratio.
 */
final class CpuMeter {

    /** CPU time so far of each process, in the meter's order, and the wall clock, in nanoseconds. */
    record Snapshot(long[] cpu, long wall) {
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
        return new Snapshot(cpu, System.nanoTime());
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
        return String.join(", ", parts) + String.format(Locale.ROOT, " µs (busy %.0f %%)", busy);
    }
}
