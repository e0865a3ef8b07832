package io.orderflow.localstack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    private static final Duration BRIEF = Duration.ofSeconds(2);

    @Test
    void shouldWaitOneSecondThenDoubleUpToThirtySeconds() {
        List<Duration> delays = new ArrayList<>();
        Duration delay = Duration.ZERO;
        for (int crash = 0; crash < 8; crash++) {
            delay = Backoff.DEFAULT.next(delay, BRIEF);
            delays.add(delay);
        }

        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void shouldStartAfreshAfterARunThatLastedAMinute() {
        Duration delay = Backoff.DEFAULT.next(Backoff.DEFAULT.next(Backoff.DEFAULT.next(Duration.ZERO, BRIEF), BRIEF), BRIEF);

        assertThat(delay).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.DEFAULT.next(delay, Duration.ofSeconds(59))).isEqualTo(Duration.ofSeconds(8));
        assertThat(Backoff.DEFAULT.next(delay, Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseAFirstWaitLongerThanTheLongest() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }
}
