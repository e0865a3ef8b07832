package io.orderflow.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits on a condition by polling it until a deadline: never a fixed sleep. */
final class Poll {

    private static final Duration PACE = Duration.ofMillis(200);

    private Poll() {
    }

    /**
     * Calls {@code condition} until it returns true; an exception counts as "not yet" except {@link GiveUp} and
     * {@link AssertionError}s thrown after the deadline. Fails with the last failure when {@code timeout} runs out.
     */
    static void until(Duration timeout, String what, Callable<Boolean> condition) {
        until(timeout, PACE, what, condition);
    }

    /** As {@link #until(Duration, String, Callable)}, polling every {@code pace} (for expensive conditions). */
    static void until(Duration timeout, Duration pace, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (GiveUp e) {
                throw new AssertionError("gave up waiting for " + what + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : ": " + last.getMessage()), last);
            }
            LockSupport.parkNanos(pace.toNanos());
        }
    }

    /** Pacing between polls, not a wait for readiness: the polled condition decides. */
    static void pace() {
        LockSupport.parkNanos(PACE.toNanos());
    }

    /** Thrown by a condition that can never hold, such as a child process that has exited. */
    static final class GiveUp extends RuntimeException {
        GiveUp(String message) {
            super(message);
        }
    }
}
