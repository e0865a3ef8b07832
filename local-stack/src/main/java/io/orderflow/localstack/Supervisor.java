package io.orderflow.localstack;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one program running, as a process supervisor would: when a run ends with a non-zero exit code (a crash,
 * SIGKILL, an uncaught error) it is started again after a {@link Backoff}; a run that exits with 0 has finished
 * its work and stays ended. {@link #stop()} ends the supervision first, so that the launcher's own stop (Ctrl-C)
 * never causes a restart. Every crash and restart is reported.
 *
 * @param <R> one run of the program
 */
final class Supervisor<R extends Supervisor.Run> {

    /** One run of a supervised program. */
    interface Run {
        /** Completes with the exit code when the run ends. */
        CompletionStage<Integer> exitCode();
    }

    /** The time and the delayed execution a supervisor runs on; tests give their own. */
    interface Timer {
        /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
        long nanoTime();

        /** Runs {@code task} once after {@code delay}; the answer cancels it. */
        Cancellable schedule(Duration delay, Runnable task);

        /** A scheduled task that has not run yet. */
        interface Cancellable {
            void cancel();
        }

        /** The system's clock and {@code executor}'s threads. */
        static Timer on(ScheduledExecutorService executor) {
            return new Timer() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public Cancellable schedule(Duration delay, Runnable task) {
                    Future<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                    return () -> future.cancel(false);
                }
            };
        }
    }

    private final String name;
    private final Supplier<R> launch;
    private final Backoff backoff;
    private final Timer timer;
    private final Consumer<String> report;
    private R current;
    private long startedAt;
    private Duration lastDelay = Duration.ZERO;
    private int restarts;
    private Timer.Cancellable pendingRestart;
    private boolean stopped;

    /**
     * @param name   what the reports call the program
     * @param launch starts one run; may throw, which on a restart counts as a crash at once
     * @param report receives one line for every crash, restart and failed restart
     */
    Supervisor(String name, Supplier<R> launch, Backoff backoff, Timer timer, Consumer<String> report) {
        this.name = name;
        this.launch = launch;
        this.backoff = backoff;
        this.timer = timer;
        this.report = report;
    }

    /** Starts the first run; an exception from {@code launch} is thrown here, not retried. */
    synchronized R start() {
        if (current != null || stopped) {
            throw new IllegalStateException(name + " was started already");
        }
        begin(launch.get());
        return current;
    }

    /** The latest run, which may have ended; null before {@link #start()}. */
    synchronized R current() {
        return current;
    }

    /** How many times the program was started again after a crash. */
    synchronized int restarts() {
        return restarts;
    }

    /**
     * Ends the supervision: no restart happens after this, not even one already scheduled. Returns the latest run
     * for the caller to stop (it may have ended already), or null when none was started.
     */
    synchronized R stop() {
        stopped = true;
        if (pendingRestart != null) {
            pendingRestart.cancel();
            pendingRestart = null;
        }
        return current;
    }

    private void begin(R run) {
        current = run;
        startedAt = timer.nanoTime();
        run.exitCode().thenAccept(code -> ended(run, code));
    }

    private synchronized void ended(R run, int code) {
        if (stopped || run != current) {
            return;
        }
        Duration ranFor = Duration.ofNanos(timer.nanoTime() - startedAt);
        if (code == 0) {
            report.accept(name + " finished (exit code 0) after " + format(ranFor) + "; not restarting it");
            return;
        }
        scheduleRestart(name + " exited with code " + code + " after " + format(ranFor), ranFor);
    }

    private void scheduleRestart(String what, Duration ranFor) {
        lastDelay = backoff.next(lastDelay, ranFor);
        report.accept(what + "; restarting it in " + format(lastDelay));
        pendingRestart = timer.schedule(lastDelay, this::restart);
    }

    private synchronized void restart() {
        pendingRestart = null;
        if (stopped) {
            return;
        }
        restarts++;
        report.accept("restarting " + name + " (restart " + restarts + ")");
        long attemptAt = timer.nanoTime();
        try {
            begin(launch.get());
        } catch (RuntimeException e) {
            scheduleRestart(name + " could not be started again: " + e.getMessage(),
                    Duration.ofNanos(timer.nanoTime() - attemptAt));
        }
    }

    /** "850 ms", "12 s", "3 min 5 s". */
    static String format(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
