package io.orderflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's steal over time: {@link HostCpu} read once a second in the background, so that a measurement can say
 * how much of each of its slices the hypervisor gave to other guests. On this shared machine a run's average steal
 * hides bursts: one figure 2 run with 12 % over the whole bench had 40–46 % for the first 10 s of its 50 % run, and
 * those 10 s were the only ones above 150 ms at p99.
 */
final class StealTimeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StealTimeline.class);

    /** One reading: when (nanoTime) and the host's counters then. */
    record Sample(long nanos, HostCpu cpu) {
    }

    /**
     * A measurement in which the host stole more than this share of the cores' time (in one 5-s slice of a latency
     * run, in one wrk run of figures 3 and 4) is taken again, at most {@value #ATTEMPTS} attempts, each reported: on
     * this shared machine bursts of steal (up to 46 % for 10 s) decide a latency run's p99 alone, and collapse a
     * health baseline by half, which says nothing about what is measured.
     */
    static final double LIMIT = 0.10;
    static final int ATTEMPTS = 3;

    /** Whether a measurement whose worst share stolen was {@code worst} is taken again after attempt {@code attempt}. */
    static boolean again(double worst, int attempt) {
        return worst > LIMIT && attempt < ATTEMPTS; // NaN (no /proc/stat): nothing to judge by
    }

    /**
     * The report's note on a measurement taken again: why, each attempt discarded ({@code repeated}), and whether
     * the last, whose figure stands, was disturbed too ({@code lastWorst} above the limit).
     */
    static String repeatedNote(String what, String where, double lastWorst, List<String> repeated) {
        return String.format(Locale.ROOT, "%s: measured again because the host stole more than %.0f %% of the cores' "
                        + "time in %s (%d attempts at most; the figure is of the last%s): %s.", what, 100 * LIMIT, where,
                ATTEMPTS, lastWorst > LIMIT ? ", which the host disturbed too: noise, not what is measured" : "",
                String.join("; ", repeated));
    }

    /**
     * {@code measurement} (given its attempt number) until the host left it alone or {@value #ATTEMPTS} attempts
     * were made; the last is returned, and each one taken again is in a note of the report, as {@code discarded}
     * describes it.
     */
    static <M> M measureWhileStolen(IntFunction<M> measurement, ToDoubleFunction<M> worstSteal,
            BiFunction<Integer, M, String> discarded, String what, String where, Report report) {
        List<String> repeated = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            M measured = measurement.apply(attempt);
            double worst = worstSteal.applyAsDouble(measured);
            if (!again(worst, attempt)) {
                if (!repeated.isEmpty()) {
                    report.note(repeatedNote(what, where, worst, repeated));
                }
                return measured;
            }
            String description = discarded.apply(attempt, measured);
            log.info("{}: measured again, {}", what, description);
            repeated.add(description);
        }
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
