package io.orderflow.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Virtual time for tests: tasks run in the test's thread, in order of due time (then of scheduling), and the
 * clock jumps to each task's time. Nothing sleeps.
 */
final class ManualScheduler implements Scheduler {

    private record Task(Instant due, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.due().equals(b.due())
            ? Long.compare(a.seq(), b.seq())
            : a.due().compareTo(b.due()));
    private final MutableClock clock;
    private long seq;

    ManualScheduler(Instant start) {
        this.clock = new MutableClock(start);
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        queue.add(new Task(clock.instant().plus(delay), seq++, task));
    }

    /** Runs tasks until none is left or {@code limit} have run; returns how many ran. */
    int runUntilIdle(int limit) {
        int ran = 0;
        while (!queue.isEmpty() && ran < limit) {
            Task task = queue.poll();
            clock.now = task.due();
            task.run().run();
            ran++;
        }
        return ran;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the demo asks for instants only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
