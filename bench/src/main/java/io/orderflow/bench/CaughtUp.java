package io.orderflow.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * When an app has done all the work it was given: its consumer group has committed, on every partition of every
 * topic its topology reads (sources and repartition topics), the partition's end. An app's outputs can be complete
 * while a later stage (the analytics on {@code order-events}) still works through its input: a window that ended
 * there would leave that stage's writes and CPU out of the work per command.
 */
final class CaughtUp {

    private static final Duration POLL = Duration.ofMillis(50);

    private CaughtUp() {
    }

    /** Waits until {@code group} has no lag on {@code topology}'s inputs; returns the nanoTime it saw none, -1 on timeout. */
    static long await(Admin admin, String group, Topology topology, Duration timeout) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> partitions = partitions(admin, inputs(admin, group, topology));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lag(admin, group, partitions) == 0) {
                return System.nanoTime();
            }
            Thread.sleep(POLL.toMillis()); // polling the broker's view; the bench's own pacing, not a test's wait
        }
        return -1;
    }

    /**
     * Every partition of {@code inputs}, asked for its end: described once, they do not change during a drain. A
     * repartition topic exists only once the app has created it in its first rebalance: described again until it
     * does (at most a minute).
     */
    private static Map<TopicPartition, OffsetSpec> partitions(Admin admin, Set<String> inputs) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                        topic.partitions().forEach(partition ->
                                ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
                return ends;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot describe the inputs " + inputs, e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot describe the inputs " + inputs, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(POLL.toMillis() * 4); // the app creates its internal topics on its own time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The records of {@code partitions} that {@code group} has not committed past, summed. */
    static long lag(Admin admin, String group, Map<TopicPartition, OffsetSpec> partitions) {
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                    admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (var partition : end.entrySet()) {
                OffsetAndMetadata offset = committed.get(partition.getKey());
                lag += Math.max(0, partition.getValue().offset() - (offset == null ? 0 : offset.offset()));
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lag of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every topic a source node of {@code topology} reads; an internal (repartition) topic, which the description
     * names without the application id, by its name on the broker.
     */
    private static Set<String> inputs(Admin admin, String applicationId, Topology topology) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> topics = new java.util.TreeSet<>();
            for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
                for (TopologyDescription.Node node : subtopology.nodes()) {
                    if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                        source.topicSet().forEach(topic -> topics.add(existing.contains(topic) ? topic
                                : applicationId + "-" + topic));
                    }
                }
            }
            return topics;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
