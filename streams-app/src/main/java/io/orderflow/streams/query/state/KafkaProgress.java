package io.orderflow.streams.query.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link Progress} from the broker: the app's consumer group offsets (the application id) and
 * read_committed list-offsets, with the topics named as the broker knows them (internal topics
 * carry the application id in front of the name the topology gives them).
 */
public final class KafkaProgress implements Progress, AutoCloseable {

    private final Admin admin;
    private final String applicationId;
    private final StoreLayout layout;
    /** Partitions per topic as last described; a topic only gains partitions, so a higher one is asked again. */
    private final Map<String, Integer> partitionCounts = new java.util.concurrent.ConcurrentHashMap<>();

    public KafkaProgress(Admin admin, String applicationId, StoreLayout layout) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.layout = layout;
    }

    @Override
    public List<Set<String>> stages(String topic, String store) {
        return layout.stages(topic, store);
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> committed() {
        return admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().toCompletionStage()
                .toCompletableFuture()
                .thenApply(offsets -> {
                    Map<TopicPartition, Long> committed = new HashMap<>();
                    offsets.forEach((tp, offset) -> {
                        if (offset != null) {
                            committed.put(tp, ((OffsetAndMetadata) offset).offset());
                        }
                    });
                    return committed;
                });
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> ends(Set<String> topics) {
        return admin.listTopics().names().toCompletionStage().toCompletableFuture()
                .thenCompose(names -> {
                    Set<String> real = new java.util.HashSet<>();
                    for (String name : names) {
                        for (String described : topics) {
                            if (name.equals(described) || name.equals(applicationId + "-" + described)) {
                                real.add(name);
                            }
                        }
                    }
                    return admin.describeTopics(real).allTopicNames().toCompletionStage().toCompletableFuture();
                })
                .thenCompose(descriptions -> {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (TopicDescription description : descriptions.values()) {
                        description.partitions().forEach(p ->
                                latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
                    }
                    return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                            .toCompletionStage().toCompletableFuture();
                })
                .thenApply(offsets -> {
                    Map<TopicPartition, Long> ends = new HashMap<>();
                    offsets.forEach((tp, info) -> ends.put(tp, ((ListOffsetsResult.ListOffsetsResultInfo) info).offset()));
                    return ends;
                });
    }

    @Override
    public CompletableFuture<Boolean> exists(TopicPartition partition) {
        Integer known = partitionCounts.get(partition.topic());
        if (known != null && partition.partition() < known) {
            return CompletableFuture.completedFuture(true);
        }
        return admin.describeTopics(Set.of(partition.topic())).allTopicNames().toCompletionStage().toCompletableFuture()
                .thenApply(descriptions -> {
                    int count = descriptions.get(partition.topic()).partitions().size();
                    partitionCounts.put(partition.topic(), count);
                    return partition.partition() < count;
                })
                .exceptionally(failure -> true);
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
