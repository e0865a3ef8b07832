package io.orderflow.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how far the rebuilding of each state store from its changelog has got, so that an operator
 * watching a start after a lost disk (or a new instance taking over partitions) sees progress and
 * an end rather than silence: one line when a store partition starts restoring (how many records
 * it has to read), a progress line at most every {@code interval} per store partition, and one
 * line when it is done (records and time). Only store names, partitions and counts are logged,
 * never the records.
 */
final class RestoreProgress implements StateRestoreListener {

    private static final Logger log = LoggerFactory.getLogger(RestoreProgress.class);

    private final Clock clock;
    private final Duration interval;
    private final Map<TopicPartition, Restore> restores = new ConcurrentHashMap<>();

    RestoreProgress(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        Instant now = clock.instant();
        long toRestore = Math.max(0, endingOffset - startingOffset);
        restores.put(partition, new Restore(now, toRestore, now));
        log.info("restoring store {} partition {}: {} changelog records to read (offsets {} to {})",
                store, partition.partition(), toRestore, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        Restore restore = restores.get(partition);
        if (restore == null) {
            return;
        }
        restore.restored += numRestored;
        Instant now = clock.instant();
        if (Duration.between(restore.lastLogged, now).compareTo(interval) >= 0) {
            restore.lastLogged = now;
            log.info("restoring store {} partition {}: {} of {} records ({}%) in {} s",
                    store, partition.partition(), restore.restored, restore.toRestore, restore.percent(),
                    seconds(restore.started, now));
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Restore restore = restores.remove(partition);
        String took = restore == null ? "?" : seconds(restore.started, clock.instant());
        log.info("restored store {} partition {}: {} records in {} s", store, partition.partition(), totalRestored, took);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restores.remove(partition);
        log.info("restoring store {} partition {} suspended after {} records (partition moved to another instance)",
                store, partition.partition(), totalRestored);
    }

    private static String seconds(Instant from, Instant to) {
        return String.format(java.util.Locale.ROOT, "%.1f", Duration.between(from, to).toMillis() / 1000.0);
    }

    private static final class Restore {
        final Instant started;
        final long toRestore;
        long restored;
        Instant lastLogged;

        Restore(Instant started, long toRestore, Instant lastLogged) {
            this.started = started;
            this.toRestore = toRestore;
            this.lastLogged = lastLogged;
        }

        long percent() {
            return toRestore == 0 ? 100 : Math.min(100, restored * 100 / toRestore);
        }
    }
}
