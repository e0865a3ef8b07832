package io.orderflow.streams.query;

import io.orderflow.streams.query.state.Progress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/** {@link Progress} as a test sets it: stages per (topic, store), committed offsets, topic ends and partitions. */
final class FakeProgress implements Progress {

    final Map<String, List<Set<String>>> stages = new ConcurrentHashMap<>();
    final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
    /** The stages of every store, when a test sets them so; else those of {@link #stages(String, String, List)}. */
    volatile List<Set<String>> everyStore;
    /** Partitions per topic; a topic not here has any partition. */
    final Map<String, Integer> partitions = new ConcurrentHashMap<>();

    void stages(String topic, String store, List<Set<String>> path) {
        stages.put(topic + "->" + store, path);
    }

    @Override
    public List<Set<String>> stages(String topic, String store) {
        return stages.getOrDefault(topic + "->" + store, everyStore == null ? List.of() : everyStore);
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> committed() {
        return CompletableFuture.completedFuture(new HashMap<>(committed));
    }

    @Override
    public CompletableFuture<Boolean> exists(TopicPartition partition) {
        return CompletableFuture.completedFuture(partition.partition() < partitions.getOrDefault(partition.topic(),
                Integer.MAX_VALUE));
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> ends(Set<String> topics) {
        Map<TopicPartition, Long> selected = new HashMap<>();
        ends.forEach((tp, end) -> {
            if (topics.contains(tp.topic())) {
                selected.put(tp, end);
            }
        });
        return CompletableFuture.completedFuture(selected);
    }
}
