package io.orderflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The host's steal over time: {@link HostCpu} read once a second in the background, so that a measurement can say
 * how much of each of its slices the hypervisor gave to other guests. On this shared machine a run's average steal
 * hides bursts: one figure 2 run with 12 % over the whole bench had 40–46 % for the first 10 s of its 50 % run, and
 * those 10 s were the only ones above 150 ms at p99.
 */
final class StealTimeline implements AutoCloseable {

    /** One reading: when (nanoTime) and the host's counters then. */
    record Sample(long nanos, HostCpu cpu) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private StealTimeline(boolean sampling) {
        sampler = new Thread(() -> {
            while (running) {
                HostCpu.now().ifPresent(cpu -> add(new Sample(System.nanoTime(), cpu)));
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }, "bench-steal");
        sampler.setDaemon(true);
        if (sampling) {
            sampler.start();
        }
    }

    /** Reads the host once a second from now on. */
    static StealTimeline start() {
        return new StealTimeline(true);
    }

    /** A timeline of the given readings only (for tests). */
    static StealTimeline of(List<Sample> readings) {
        StealTimeline timeline = new StealTimeline(false);
        readings.forEach(timeline::add);
        return timeline;
    }

    private synchronized void add(Sample sample) {
        samples.add(sample);
    }

    /**
     * The share of all cores' time the host stole from the last reading at or before {@code fromNanos} to the first
     * at or after {@code toNanos} (so a little more than asked for); empty without two such readings.
     */
    synchronized OptionalDouble share(long fromNanos, long toNanos) {
        Sample first = null;
        Sample last = null;
        for (Sample sample : samples) {
            if (sample.nanos() <= fromNanos) {
                first = sample;
            }
            if (last == null && sample.nanos() >= toNanos) {
                last = sample;
            }
        }
        if (first == null || last == null || last.cpu().total() <= first.cpu().total()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) (last.cpu().steal() - first.cpu().steal())
                / (last.cpu().total() - first.cpu().total()));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
