package io.orderflow.localstack;

import java.time.Duration;

/**
 * How long a supervisor waits before it starts a crashed process again: {@code first} after the first crash,
 * twice the previous wait after each further one, never more than {@code max}; a run that lasted
 * {@code resetAfter} or longer counts as healthy, and its crash is treated as a first one again.
 *
 * @param first      the wait after a first crash
 * @param max        the longest wait
 * @param resetAfter how long a run must last for its crash to start the doubling afresh
 */
record Backoff(Duration first, Duration max, Duration resetAfter) {

    /** 1 s, 2 s, 4 s, ... 30 s; back to 1 s once a run lasted a minute. */
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));

    Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, not " + first + " and " + max);
        }
    }

    /**
     * The wait before the next start.
     *
     * @param previous the wait before the run that just ended, {@link Duration#ZERO} before the first restart
     * @param ranFor   how long that run lasted
     */
    Duration next(Duration previous, Duration ranFor) {
        if (previous.isZero() || ranFor.compareTo(resetAfter) >= 0) {
            return first;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
