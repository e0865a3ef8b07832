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
    private static boolean again(double worst, int attempt) {
        return worst > LIMIT && attempt < ATTEMPTS; // NaN (no /proc/stat): nothing to judge by
    }

    /**
     * {@code measurement} (given its attempt number) until the host left it alone or {@value #ATTEMPTS} attempts
     * were made. Returns the last, or when the host disturbed every attempt the least disturbed; when there was more
     * than one, a note in the report says which stands and why, and describes the others as {@code described} does.
     */
    static <M> M measureWhileStolen(IntFunction<M> measurement, ToDoubleFunction<M> worstSteal,
            BiFunction<Integer, M, String> described, String what, String where, Report report) {
        List<M> attempts = new ArrayList<>();
        List<Double> worst = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            M measured = measurement.apply(attempt);
            attempts.add(measured);
            worst.add(worstSteal.applyAsDouble(measured));
            if (!again(worst.get(attempt - 1), attempt)) {
                break;
            }
            descriptions.add(described.apply(attempt, measured));
            log.info("{}: measured again, {}", what, descriptions.get(attempt - 1));
        }
        int kept = attempts.size() - 1;
        if (worst.get(kept) > LIMIT) {
            for (int i = 0; i < attempts.size(); i++) {
                if (worst.get(i) < worst.get(kept)) {
                    kept = i;
                }
            }
        }
        if (attempts.size() > 1) {
            List<String> others = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                if (i != kept) {
                    // the last attempt is described only when another one stands
                    others.add(i < descriptions.size() ? descriptions.get(i) : described.apply(i + 1, attempts.get(i)));
                }
            }
            report.note(String.format(Locale.ROOT, "%s: measured again because the host stole more than %.0f %% of the "
                            + "cores' time in %s (%d attempts at most): the figure is of attempt %d%s; the others: %s.",
                    what, 100 * LIMIT, where, ATTEMPTS, kept + 1, worst.get(kept) > LIMIT ? String.format(Locale.ROOT,
                            ", the least disturbed (%.0f %% stolen), so noise, not what is measured",
                            100 * worst.get(kept)) : "", String.join("; ", others)));
        }
        return attempts.get(kept);
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
        double stolen = first == null || last == null ? Double.NaN : last.cpu().stealSince(first.cpu());
        return Double.isNaN(stolen) ? OptionalDouble.empty() : OptionalDouble.of(stolen);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
