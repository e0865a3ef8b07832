package io.orderflow.streams.query.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Which source topics feed the task that keeps each store, from the topology's description: a
 * store's partition N is the task reading partition N of those topics, which is how the
 * assignment (in topic partitions) tells who holds which partition of a store.
 */
public final class StoreLayout {

    private final Map<String, Set<String>> sourceTopics;

    private StoreLayout(Map<String, Set<String>> sourceTopics) {
        this.sourceTopics = Map.copyOf(sourceTopics);
    }

    public static StoreLayout of(TopologyDescription description) {
        Map<String, Set<String>> topics = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            Set<String> sources = new HashSet<>();
            Set<String> stores = new HashSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    sources.addAll(source.topicSet());
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            for (String store : stores) {
                topics.computeIfAbsent(store, s -> new HashSet<>()).addAll(sources);
            }
        }
        return new StoreLayout(topics);
    }

    public Set<String> stores() {
        return sourceTopics.keySet();
    }

    /**
     * Whether partitions of {@code topic} are partitions of {@code store}. Repartition topics are
     * described without the application id the broker knows them by, hence the suffix match.
     */
    public boolean feeds(String store, String topic) {
        Set<String> topics = sourceTopics.get(store);
        if (topics == null) {
            return false;
        }
        for (String source : topics) {
            if (topic.equals(source) || topic.endsWith("-" + source)) {
                return true;
            }
        }
        return false;
    }
}
