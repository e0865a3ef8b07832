package io.orderflow.streams;

import io.orderflow.contract.TopicLayout;
import io.orderflow.serde.Topic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics the app reads and writes ({@link Topics#all()}) when they do not exist yet, each as its
 * declaration says; existing topics are left as they are, so a second instance or a restart changes nothing. A
 * topic partitioned like another is made once that other exists, with the partition count it turned out to have,
 * so that each answer reaches the task owning its order or parcel; the other is declared before it.
 */
public final class TopicSetup {

    private static final long TIMEOUT_SECONDS = 60;

    private TopicSetup() {
    }

    public static void ensure(AppConfig config, Topics topics) {
        try (Admin admin = Admin.create(config.kafkaClient())) {
            int partitions = config.topicPartitions();
            short replication = config.topicReplication();
            Map<Boolean, List<Topic<?, ?>>> byCopartitioning = topics.all().stream().collect(
                    Collectors.partitioningBy(topic -> topic.layout().partitions() instanceof TopicLayout.Like));
            create(admin, byCopartitioning.get(false).stream()
                    .map(topic -> topic.newTopic(partitions, replication, TopicSetup::notCopartitioned)).toList());
            // one at a time, in the order declared, so that a topic may be partitioned like one declared before it
            for (Topic<?, ?> topic : byCopartitioning.get(true)) {
                String other = ((TopicLayout.Like) topic.layout().partitions()).topic();
                int count = admin.describeTopics(Set.of(other)).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(other).partitions().size();
                create(admin, List.of(topic.newTopic(partitions, replication, like -> count)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe the topics others are partitioned like", e);
        }
    }

    private static int notCopartitioned(String other) {
        throw new IllegalStateException("not partitioned like another topic: " + other);
    }

    private static void create(Admin admin, List<NewTopic> topics) throws InterruptedException, TimeoutException {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not list topics", e.getCause());
        }
        List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        for (var result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + result.getKey(), e.getCause());
                }
            }
        }
        awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    }

    /**
     * Waits until every partition of the new topics has a leader: the global store asks for the
     * partitions of its topic once, at start, and fails if the metadata is not there yet.
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                boolean led = described.values().stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // the new topics are not known everywhere yet; ask again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leaders after " + TIMEOUT_SECONDS + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
