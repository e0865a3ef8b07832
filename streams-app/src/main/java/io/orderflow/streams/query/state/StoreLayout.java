package io.orderflow.streams.query.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /** One subtopology: the topics it reads and writes and the stores it keeps. */
    record Stage(Set<String> sources, Set<String> sinks, Set<String> stores) {
    }

    private final Map<String, Set<String>> sourceTopics;
    private final List<Stage> subtopologies;

    private StoreLayout(Map<String, Set<String>> sourceTopics, List<Stage> subtopologies) {
        this.sourceTopics = Map.copyOf(sourceTopics);
        this.subtopologies = List.copyOf(subtopologies);
    }

    public static StoreLayout of(TopologyDescription description) {
        Map<String, Set<String>> topics = new HashMap<>();
        List<Stage> stages = new ArrayList<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            Set<String> sources = new HashSet<>();
            Set<String> sinks = new HashSet<>();
            Set<String> stores = new HashSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    sources.addAll(source.topicSet());
                }
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinks.add(sink.topic());
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            for (String store : stores) {
                topics.computeIfAbsent(store, s -> new HashSet<>()).addAll(sources);
            }
            stages.add(new Stage(Set.copyOf(sources), Set.copyOf(sinks), Set.copyOf(stores)));
        }
        return new StoreLayout(topics, stages);
    }

    /**
     * See {@link Progress#stages}: breadth first from {@code topic} through the subtopologies
     * that lead to {@code store}, each stage the topics (as the topology names them) written by
     * the readers of the one before. Cycles (stock requests and results, scans as commands) are
     * cut: a subtopology is passed once.
     */
    public List<Set<String>> stages(String topic, String store) {
        Set<Stage> leading = new HashSet<>();
        for (Stage stage : subtopologies) {
            if (stage.stores().contains(store)) {
                leading.add(stage);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Stage stage : subtopologies) {
                if (!leading.contains(stage) && leading.stream().anyMatch(l -> intersects(stage.sinks(), l.sources()))) {
                    leading.add(stage);
                    grew = true;
                }
            }
        }
        List<Set<String>> path = new ArrayList<>();
        Set<String> current = Set.of(topic);
        Set<Stage> passed = new HashSet<>();
        while (!current.isEmpty()) {
            path.add(current);
            Set<String> next = new HashSet<>();
            for (Stage stage : leading) {
                if (passed.contains(stage) || !reads(stage, current, path.size() == 1)) {
                    continue;
                }
                if (stage.stores().contains(store)) {
                    return List.copyOf(path);
                }
                passed.add(stage);
                for (String sink : stage.sinks()) {
                    if (leading.stream().anyMatch(l -> !passed.contains(l) && l.sources().contains(sink))) {
                        next.add(sink);
                    }
                }
            }
            current = next;
        }
        return List.of();
    }

    private static boolean reads(Stage stage, Set<String> topics, boolean brokerNames) {
        for (String topic : topics) {
            for (String source : stage.sources()) {
                if (brokerNames ? matches(topic, source) : topic.equals(source)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    /** Whether the broker's topic {@code topic} is the topology's {@code described} (internal ones carry the app id). */
    public static boolean matches(String topic, String described) {
        return topic.equals(described) || topic.endsWith("-" + described);
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
            if (matches(topic, source)) {
                return true;
            }
        }
        return false;
    }
}
