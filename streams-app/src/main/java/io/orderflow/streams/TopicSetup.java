package io.orderflow.streams;

import io.orderflow.api.TopicNames;
import io.orderflow.contract.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics the app reads and writes when they do not exist yet; existing topics are
 * left as they are, so a second instance or a restart changes nothing. {@code orders} and
 * {@code products} are compacted (latest value per key). The stock messages by SKU are
 * partitioned like {@code stock-movements}, the stock answers like {@code order-commands} and the
 * shipment registrations like {@code tracking-scans}, whatever those turned out to be, so that each
 * message reaches the task owning its SKU, order or parcel; no topic has one partition. The relayed
 * catalog is compacted like {@code products}.
 */
public final class TopicSetup {

    private static final long TIMEOUT_SECONDS = 60;

    private TopicSetup() {
    }

    public static void ensure(AppConfig config, Topics topics) {
        try (Admin admin = Admin.create(config.kafkaClient())) {
            int partitions = config.topicPartitions();
            short replication = config.topicReplication();
            List<NewTopic> first = new ArrayList<>();
            TopicNames names = TopicNames.from(config.settings());
            for (TopicName topic : TopicName.values()) {
                first.add(new NewTopic(names.name(topic), partitions, replication)
                        .configs(topic.configs(replication)));
            }
            create(admin, first);

            Map<String, TopicDescription> inputs = admin.describeTopics(Set.of(topics.orderCommands().name(),
                            topics.trackingScans().name(), topics.products().name(), topics.stockMovements().name()))
                    .allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            create(admin, List.of(
                    new NewTopic(topics.stockBySku().name(),
                            inputs.get(topics.stockMovements().name()).partitions().size(), replication)
                            .configs(TopicName.configs(false, replication)),
                    new NewTopic(topics.stockAnswers().name(),
                            inputs.get(topics.orderCommands().name()).partitions().size(), replication)
                            .configs(TopicName.configs(false, replication)),
                    new NewTopic(topics.trackingRegistrations().name(),
                            inputs.get(topics.trackingScans().name()).partitions().size(), replication)
                            .configs(TopicName.configs(false, replication)),
                    new NewTopic(topics.catalog().name(),
                            inputs.get(topics.products().name()).partitions().size(), replication)
                            .configs(TopicName.configs(true, replication))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe the input topics", e);
        }
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
