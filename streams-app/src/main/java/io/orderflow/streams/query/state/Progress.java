package io.orderflow.streams.query.state;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the app as a whole has got, for read-your-writes beyond one store: the offsets the
 * app's tasks (on every instance) have committed, and the ends of topics, read from the broker;
 * and the stages by which a topic's records reach a store, from the topology.
 */
public interface Progress {

    /** No topology known: no write is waited for. */
    Progress NONE = new Progress() {
        @Override
        public List<Set<String>> stages(String topic, String store) {
            return List.of();
        }

        @Override
        public CompletableFuture<Map<TopicPartition, Long>> committed() {
            return CompletableFuture.completedFuture(Map.of());
        }

        @Override
        public CompletableFuture<Map<TopicPartition, Long>> ends(Set<String> topics) {
            return CompletableFuture.completedFuture(Map.of());
        }
    };

    /**
     * The topics a record of {@code topic} passes through until it reaches {@code store}: the
     * first stage is {@code topic} itself, each next one the topics the tasks reading the
     * previous stage write on the way to the store, and the tasks reading the last stage keep the
     * store. Empty when records of {@code topic} never reach {@code store}.
     */
    List<Set<String>> stages(String topic, String store);

    /** The offsets committed by the app's consumer group (the next offset each task reads), by partition. */
    CompletableFuture<Map<TopicPartition, Long>> committed();

    /** The last stable offsets (ends as read_committed sees them) of every partition of {@code topics}. */
    CompletableFuture<Map<TopicPartition, Long>> ends(Set<String> topics);

    /**
     * Whether {@code partition} exists: false only when its topic is known to have fewer partitions (a write
     * there can never be processed); true when that cannot be told (the broker does not answer).
     */
    default CompletableFuture<Boolean> exists(TopicPartition partition) {
        return CompletableFuture.completedFuture(true);
    }
}
