package io.orderflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole machine's CPU time from the first line of {@code /proc/stat}, in clock ticks: how busy the cores were
 * between two readings, and how much time the hypervisor gave to other guests ({@code steal}), which no process
 * here can see and which makes runs on a shared virtual machine drift.
 *
 * @param busy user, nice, system, irq and softirq ticks
 * @param total busy, idle, iowait and steal ticks
 * @param steal ticks a virtual CPU waited while the host ran something else
 */
record HostCpu(long busy, long total, long steal) {

    /** The machine now; empty where there is no {@code /proc/stat}. */
    static Optional<HostCpu> now() {
        try {
            return Optional.of(parse(Files.readAllLines(Path.of("/proc/stat")).get(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal ...}; the guest fields after steal are in user. */
    static HostCpu parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 9) {
            throw new IllegalArgumentException("not the all-CPU line of /proc/stat: " + cpuLine);
        }
        long user = Long.parseLong(fields[1]);
        long nice = Long.parseLong(fields[2]);
        long system = Long.parseLong(fields[3]);
        long idle = Long.parseLong(fields[4]);
        long iowait = Long.parseLong(fields[5]);
        long irq = Long.parseLong(fields[6]);
        long softirq = Long.parseLong(fields[7]);
        long steal = Long.parseLong(fields[8]);
        long busy = user + nice + system + irq + softirq;
        return new HostCpu(busy, busy + idle + iowait + steal, steal);
    }

    /** The share of all cores' time the host stole from {@code before} to this reading; NaN without ticks between. */
    double stealSince(HostCpu before) {
        long ticks = total - before.total;
        return ticks <= 0 ? Double.NaN : (double) (steal - before.steal) / ticks;
    }

    /** "busy 63 %, steal 7 %" of all cores' time from {@code before} to this reading. */
    String since(HostCpu before) {
        long total = this.total - before.total;
        if (total <= 0) {
            return "unknown (no ticks between the readings)";
        }
        return String.format(Locale.ROOT, "busy %.0f %%, steal %.0f %%", 100.0 * (busy - before.busy) / total,
                100 * stealSince(before));
    }
}
