package io.orderflow.localstack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The supervision on a timer the test moves by hand: no thread, no wait, every delay exact. */
class SupervisorTest {

    private final ManualTimer timer = new ManualTimer();
    private final List<FakeRun> runs = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final Supervisor<FakeRun> supervisor = new Supervisor<>("streams-app-2", this::launch, Backoff.DEFAULT,
            timer, reports::add);
    private int failNextLaunches;

    @Test
    void shouldStartACrashedRunAgainAfterOneSecondAndSaySo() {
        supervisor.start();
        timer.advance(Duration.ofSeconds(90));

        runs.get(0).exit(137);
        timer.advance(Duration.ofMillis(999));
        assertThat(runs).hasSize(1);
        timer.advance(Duration.ofMillis(1));

        assertThat(runs).hasSize(2);
        assertThat(supervisor.current()).isSameAs(runs.get(1));
        assertThat(supervisor.restarts()).isEqualTo(1);
        assertThat(reports).containsExactly(
                "streams-app-2 exited with code 137 after 1 min 30 s; restarting it in 1 s",
                "restarting streams-app-2 (restart 1)");
    }

    @Test
    void shouldDoubleTheWaitWhileRunsKeepCrashingAndStartAfreshAfterAHealthyRun() {
        supervisor.start();
        List<Long> waits = new ArrayList<>();
        for (int crash = 0; crash < 7; crash++) {
            timer.advance(Duration.ofSeconds(5));
            waits.add(crashAndTimeTheRestart());
        }
        timer.advance(Duration.ofMinutes(2));
        waits.add(crashAndTimeTheRestart());

        assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 1_000L);
    }

    @Test
    void shouldNotRestartWhatItWasToldToStop() {
        supervisor.start();

        FakeRun last = supervisor.stop();
        last.exit(143);
        timer.advance(Duration.ofMinutes(5));

        assertThat(last).isSameAs(runs.get(0));
        assertThat(runs).hasSize(1);
        assertThat(timer.pending()).isZero();
        assertThat(reports).isEmpty();
    }

    @Test
    void shouldCancelARestartAlreadyScheduledWhenStopped() {
        supervisor.start();
        runs.get(0).exit(1);
        assertThat(timer.pending()).isEqualTo(1);

        supervisor.stop();
        timer.advance(Duration.ofMinutes(5));

        assertThat(runs).hasSize(1);
        assertThat(timer.pending()).isZero();
    }

    @Test
    void shouldLeaveARunThatFinishedItsWorkEnded() {
        supervisor.start();
        timer.advance(Duration.ofSeconds(3));

        runs.get(0).exit(0);
        timer.advance(Duration.ofMinutes(5));

        assertThat(runs).hasSize(1);
        assertThat(reports).containsExactly("streams-app-2 finished (exit code 0) after 3 s; not restarting it");
    }

    @Test
    void shouldKeepTryingWhenARestartCannotStartTheProgram() {
        supervisor.start();
        failNextLaunches = 2;

        runs.get(0).exit(1);
        timer.advance(Duration.ofSeconds(1));
        timer.advance(Duration.ofSeconds(2));
        timer.advance(Duration.ofSeconds(4));

        assertThat(runs).hasSize(2);
        assertThat(supervisor.current()).isSameAs(runs.get(1));
        assertThat(reports).contains("streams-app-2 could not be started again: no java; restarting it in 2 s",
                "streams-app-2 could not be started again: no java; restarting it in 4 s");
    }

    @Test
    void shouldIgnoreTheEndOfARunThatWasReplacedAlready() {
        supervisor.start();
        FakeRun first = runs.get(0);
        first.exit(1);
        timer.advance(Duration.ofSeconds(1));

        first.exit(1);
        timer.advance(Duration.ofMinutes(1));

        assertThat(runs).hasSize(2);
    }

    @Test
    void shouldStartOnlyOnce() {
        supervisor.start();

        assertThrows(IllegalStateException.class, supervisor::start);
    }

    private FakeRun launch() {
        if (failNextLaunches > 0) {
            failNextLaunches--;
            throw new IllegalStateException("no java");
        }
        FakeRun run = new FakeRun();
        runs.add(run);
        return run;
    }

    /** Crashes the current run and answers how long the supervisor waited before the next one, in ms. */
    private long crashAndTimeTheRestart() {
        int before = runs.size();
        runs.get(before - 1).exit(1);
        long waited = 0;
        while (runs.size() == before) {
            timer.advance(Duration.ofMillis(500));
            waited += 500;
        }
        return waited;
    }

    private static final class FakeRun implements Supervisor.Run {
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        void exit(int code) {
            exit.complete(code);
        }

        @Override
        public CompletionStage<Integer> exitCode() {
            return exit;
        }
    }

    /** Time moves only when the test says so; due tasks run on the test's thread. */
    private static final class ManualTimer implements Supervisor.Timer {
        private long now = 1_000_000_000L;
        private final List<Task> tasks = new ArrayList<>();

        private record Task(long due, Runnable action) {
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable action) {
            Task task = new Task(now + delay.toNanos(), action);
            tasks.add(task);
            return () -> tasks.remove(task);
        }

        void advance(Duration duration) {
            long until = now + duration.toNanos();
            while (true) {
                Task next = null;
                for (Task task : tasks) {
                    if (task.due() <= until && (next == null || task.due() < next.due())) {
                        next = task;
                    }
                }
                if (next == null) {
                    break;
                }
                tasks.remove(next);
                now = next.due();
                next.action().run();
            }
            now = until;
        }

        int pending() {
            return tasks.size();
        }
    }
}
