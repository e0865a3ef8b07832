package io.orderflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RestoreProgressTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("orderflow-streams-orders-store-changelog", 3);

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RestoreProgress.class);
    private final SteppingClock clock = new SteppingClock();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void shouldLogStartThrottledProgressAndEndOfARestore() {
        RestoreProgress progress = new RestoreProgress(clock, Duration.ofSeconds(5));

        progress.onRestoreStart(CHANGELOG, "orders-store", 1_000, 11_000);
        clock.advance(Duration.ofSeconds(2));
        progress.onBatchRestored(CHANGELOG, "orders-store", 3_000, 2_000);
        clock.advance(Duration.ofSeconds(4));
        progress.onBatchRestored(CHANGELOG, "orders-store", 5_500, 2_500);
        clock.advance(Duration.ofSeconds(1));
        progress.onBatchRestored(CHANGELOG, "orders-store", 9_000, 3_500);
        clock.advance(Duration.ofMillis(1_500));
        progress.onRestoreEnd(CHANGELOG, "orders-store", 10_000);

        assertThat(messages()).containsExactly(
                "restoring store orders-store partition 3: 10000 changelog records to read (offsets 1000 to 11000)",
                "restoring store orders-store partition 3: 4500 of 10000 records (45%) in 6.0 s",
                "restored store orders-store partition 3: 10000 records in 8.5 s");
    }

    @Test
    void shouldSayWhenARestoreIsSuspendedBecauseThePartitionMoved() {
        RestoreProgress progress = new RestoreProgress(clock, Duration.ofSeconds(5));

        progress.onRestoreStart(CHANGELOG, "orders-store", 0, 50);
        progress.onRestoreSuspended(CHANGELOG, "orders-store", 20);
        progress.onBatchRestored(CHANGELOG, "orders-store", 40, 20);
        clock.advance(Duration.ofSeconds(10));
        progress.onBatchRestored(CHANGELOG, "orders-store", 50, 10);

        assertThat(messages()).containsExactly(
                "restoring store orders-store partition 3: 50 changelog records to read (offsets 0 to 50)",
                "restoring store orders-store partition 3 suspended after 20 records (partition moved to another instance)");
    }

    private List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T08:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
