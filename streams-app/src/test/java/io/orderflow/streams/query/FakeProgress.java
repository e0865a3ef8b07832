package io.orderflow.streams.query;

import io.orderflow.streams.query.state.Progress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/** {@link Progress} as a test sets it: stages per (topic, store), committed offsets and topic ends. */
final class FakeProgress implements Progress {

    final Map<String, List<Set<String>>> stages = new ConcurrentHashMap<>();
    final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();

    void stages(String topic, String store, List<Set<String>> path) {
        stages.put(topic + "->" + store, path);
    }

    @Override
    public List<Set<String>> stages(String topic, String store) {
        return stages.getOrDefault(topic + "->" + store, List.of());
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> committed() {
        return CompletableFuture.completedFuture(new HashMap<>(committed));
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
