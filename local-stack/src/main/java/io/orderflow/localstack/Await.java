package io.orderflow.localstack;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Polls a readiness condition until it holds or a deadline passes. */
final class Await {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private Await() {
    }

    /**
     * Calls {@code condition} until it returns true; an exception from it counts as "not yet", except
     * {@link GiveUp}, which ends the wait at once. Throws {@link IllegalStateException} with the last failure
     * as cause when {@code timeout} runs out.
     */
    static void until(Duration timeout, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            } catch (GiveUp e) {
                throw new IllegalStateException("Gave up waiting for " + what + ": " + e.getMessage(), e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what, lastFailure);
            }
            // Pacing between polls, not a readiness wait: the condition above decides.
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what);
            }
        }
    }

    /** Thrown by a condition that can never become true, such as a child process that has exited. */
    static final class GiveUp extends RuntimeException {
        GiveUp(String message) {
            super(message);
        }
    }
}
