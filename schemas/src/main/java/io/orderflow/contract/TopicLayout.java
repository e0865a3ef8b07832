package io.orderflow.contract;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * How a topic is made: its cleanup policy, how many partitions it gets and any config of its own. The replication
 * factor is the installation's ({@code ORDERFLOW_TOPIC_REPLICATION}); what follows from it, the number of in-sync
 * replicas a write needs, is decided here for every topic alike.
 *
 * @param compacted whether the topic keeps the latest record per key ({@code cleanup.policy=compact}) rather than
 *                  a time's worth
 * @param partitions how many partitions it gets
 * @param extraConfigs configs of this topic alone, such as a retention
 */
public record TopicLayout(boolean compacted, Partitions partitions, Map<String, String> extraConfigs) {

    /** How many partitions a topic gets. */
    public sealed interface Partitions permits Configured, Exactly, Like {
    }

    /** As many as the installation configures ({@code ORDERFLOW_TOPIC_PARTITIONS}). */
    public record Configured() implements Partitions {
    }

    /** Exactly this many, whatever the installation configures: a single partition gives one total order. */
    public record Exactly(int count) implements Partitions {
        public Exactly {
            if (count < 1) {
                throw new IllegalArgumentException("a topic needs at least one partition, not " + count);
            }
        }
    }

    /**
     * As many as the topic named {@code topic} turned out to have, so that records with the same key land in the
     * same-numbered partition of both (co-partitioning) and reach the same task.
     */
    public record Like(String topic) implements Partitions {
        public Like {
            Objects.requireNonNull(topic, "topic");
        }
    }

    public TopicLayout {
        Objects.requireNonNull(partitions, "partitions");
        extraConfigs = Map.copyOf(extraConfigs);
    }

    /** Old records deleted after the retention, as many partitions as configured. */
    public static TopicLayout deleting() {
        return new TopicLayout(false, new Configured(), Map.of());
    }

    /** The latest record per key kept, as many partitions as configured. */
    public static TopicLayout compacting() {
        return new TopicLayout(true, new Configured(), Map.of());
    }

    /** This layout with exactly {@code count} partitions. */
    public TopicLayout partitions(int count) {
        return new TopicLayout(compacted, new Exactly(count), extraConfigs);
    }

    /** This layout partitioned like {@code topic} (see {@link Like}). */
    public TopicLayout partitionedLike(String topic) {
        return new TopicLayout(compacted, new Like(topic), extraConfigs);
    }

    /** This layout with one more config of its own, e.g. {@code retention.ms}. */
    public TopicLayout with(String config, String value) {
        Map<String, String> configs = new TreeMap<>(extraConfigs);
        configs.put(config, value);
        return new TopicLayout(compacted, partitions, configs);
    }

    /**
     * The partition count to create the topic with, given the installation's {@code configured} count and the
     * partition count of an existing topic by name.
     */
    public int partitionCount(int configured, ToIntFunction<String> partitionsOf) {
        if (partitions instanceof Exactly exactly) {
            return exactly.count();
        }
        if (partitions instanceof Like like) {
            return partitionsOf.applyAsInt(like.topic());
        }
        return configured;
    }

    /**
     * The configs to create the topic with at {@code replication}: compacted when declared so, its own configs, and
     * at a replication of 3 or more {@code min.insync.replicas=2}, so that acks=all means a write survives losing a
     * broker.
     */
    public Map<String, String> configs(int replication) {
        Map<String, String> configs = new TreeMap<>(extraConfigs);
        if (compacted) {
            configs.put("cleanup.policy", "compact");
        }
        if (replication >= 3) {
            configs.put("min.insync.replicas", "2");
        }
        return configs;
    }
}
