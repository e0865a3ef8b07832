package io.orderflow.streams.query.service;

import io.orderflow.streams.query.state.ConsistencyToken;
import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Progress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Read-your-writes for lists, stock and reports: waits until a store reflects the write of a
 * consistency token {@code T:P:O}, whichever instances hold its partitions. The write has
 * reached a store once every stage on the way has passed it:
 * <ol>
 *   <li>the task reading {@code T}'s partition {@code P} has committed past {@code O} (the app's
 *       group offset is above it), so the write is processed and, exactly once, whatever it
 *       caused is committed in the topics that task writes;</li>
 *   <li>for each next stage, the tasks reading those topics have committed up to their ends as
 *       they stood when the stage before was passed (a read_committed end less its commit
 *       marker: the app writes these topics in transactions).</li>
 * </ol>
 * The stores' own tasks are the last stage, so the store has then processed everything the
 * write led to. Offsets and ends come from the broker (one group-offsets call per check, every
 * {@code interval}); a token whose topic never reaches the store waits for nothing. At the
 * timeout the answer is not ready (503 with Retry-After). A token of a partition its topic does
 * not have fails at once ({@link ConsistencyToken.NoSuchPartition}): it can never be processed.
 */
public final class Processed {

    private final Progress progress;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;

    public Processed(Progress progress, ScheduledExecutorService scheduler, Duration interval) {
        this.progress = progress;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    public CompletableFuture<Lookup<Void>> past(Optional<ConsistencyToken> token, String store, Duration timeout) {
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(Lookup.Found.active(null));
        }
        ConsistencyToken t = token.get();
        List<Set<String>> stages = progress.stages(t.topic(), store);
        if (stages.isEmpty()) {
            return CompletableFuture.completedFuture(Lookup.Found.active(null));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        TopicPartition written = new TopicPartition(t.topic(), t.partition());
        Map<TopicPartition, Long> first = Map.of(written, t.offset() + 1);
        return progress.exists(written).thenCompose(exists -> {
            if (!exists) {
                throw new ConsistencyToken.NoSuchPartition(t);
            }
            return stage(0, first, stages, t, deadline);
        });
    }

    private CompletableFuture<Lookup<Void>> stage(int index, Map<TopicPartition, Long> targets, List<Set<String>> stages,
                                                  ConsistencyToken token, long deadline) {
        return reached(targets, deadline).thenCompose(passed -> {
            if (!passed) {
                return CompletableFuture.completedFuture(Lookup.<Void>notReady("the write " + token
                        + " is not processed yet" + (index == 0 ? "" : " by every stage after " + stages.get(index - 1))));
            }
            if (index == stages.size() - 1) {
                return CompletableFuture.completedFuture(Lookup.Found.<Void>active(null));
            }
            return progress.ends(stages.get(index + 1)).thenCompose(ends -> {
                Map<TopicPartition, Long> next = new HashMap<>();
                ends.forEach((tp, end) -> next.put(tp, Math.max(0, end - 1)));
                return stage(index + 1, next, stages, token, deadline);
            });
        });
    }

    /** Completes true once the app's committed offsets reach every target, false at the deadline. */
    private CompletableFuture<Boolean> reached(Map<TopicPartition, Long> targets, long deadline) {
        return progress.committed().thenCompose(committed -> {
            boolean all = targets.entrySet().stream()
                    .allMatch(target -> committed.getOrDefault(target.getKey(), 0L) >= target.getValue());
            if (all) {
                return CompletableFuture.completedFuture(true);
            }
            if (System.nanoTime() - deadline >= 0) {
                return CompletableFuture.completedFuture(false);
            }
            CompletableFuture<Void> later = new CompletableFuture<>();
            scheduler.schedule(() -> later.complete(null), interval.toMillis(), TimeUnit.MILLISECONDS);
            return later.thenCompose(x -> reached(targets, deadline));
        });
    }
}
