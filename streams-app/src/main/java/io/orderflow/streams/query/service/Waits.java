package io.orderflow.streams.query.service;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded waits for state to catch up: an attempt now, then re-checks driven by a scheduler (no
 * thread blocks, nothing spins) until the answer is good or the timeout passes, when the last
 * answer is the answer.
 */
public final class Waits {

    /** The longest a caller may ask an answer to wait ({@code timeout=}). */
    public static final Duration LONGEST = Duration.ofSeconds(30);

    private final ScheduledExecutorService scheduler;
    private final Duration interval;

    public Waits(ScheduledExecutorService scheduler, Duration interval) {
        this.scheduler = scheduler;
        this.interval = interval;
    }

    public <T> CompletableFuture<T> until(Supplier<T> attempt, Predicate<T> good, Duration timeout) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        check(attempt, good, deadline, answer);
        return answer;
    }

    private <T> void check(Supplier<T> attempt, Predicate<T> good, long deadline, CompletableFuture<T> answer) {
        try {
            T result = attempt.get();
            if (good.test(result) || System.nanoTime() - deadline >= 0) {
                answer.complete(result);
            } else {
                scheduler.schedule(() -> check(attempt, good, deadline, answer), interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
    }
}
