package io.orderflow.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** How much an app wrote (all log end offsets on the broker) and how much CPU this JVM used: work per command. */
final class Offsets {

    private Offsets() {
    }

    /** The sum of the log end offsets of every partition of every topic, internal ones included. */
    static long total(Stack stack) {
        return byTopic(stack).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The sum of the log end offsets of every topic's partitions, by topic, internal ones included. */
    static Map<String, Long> byTopic(Stack stack) {
        try (Admin admin = stack.broker.admin()) {
            var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                    request.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<String, Long> byTopic = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> byTopic.merge(partition.topic(), info.offset(), Long::sum));
            return byTopic;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the log end offsets", e);
        }
    }

    /** CPU time of this JVM so far (every thread: the app under measurement, the broker, the watcher). */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getProcessCpuTime() : 0;
    }
}
