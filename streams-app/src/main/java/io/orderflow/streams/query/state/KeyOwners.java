package io.orderflow.streams.query.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partition of a store a key is in, and who holds that partition (its active instance and standbys), kept
 * while the app stays RUNNING in one generation, as {@link PartitionStores} keeps the stores themselves.
 *
 * <p>{@code KafkaStreams.queryMetadataForKey} answers this under one lock for the whole app and copies every
 * instance's assigned partitions to answer one key: under concurrent order GETs the request threads spent more
 * time waiting for that lock than reading the order (BENCHMARKS.md, figure 4). Here a store's owners are worked out
 * once per generation from the same metadata ({@code metadataForAllStreamsClients}, as Kafka Streams does it: the
 * instances whose assigned partitions of the store's source topics include the key's), and a key's partition as
 * Kafka Streams' default partitioner places it: murmur2 of the serialised key, modulo the store's partitions (the most
 * that any topic feeding it has). The first key of a store in each generation is also asked of Kafka Streams, and
 * when the two answers differ this store is asked of Kafka Streams for the rest of the generation.
 */
final class KeyOwners {

    private static final Logger log = LoggerFactory.getLogger(KeyOwners.class);

    /** What this needs of {@link KafkaStreams}: its state, its instances, and its own answer for a key. */
    interface Streams {
        KafkaStreams.State state();

        Collection<StreamsMetadata> clients();

        KeyQueryMetadata ask(String store, String key);
    }

    /** Kafka Streams itself. */
    static Streams of(KafkaStreams streams) {
        Serializer<String> keys = Serdes.String().serializer();
        return new Streams() {
            @Override
            public KafkaStreams.State state() {
                return streams.state();
            }

            @Override
            public Collection<StreamsMetadata> clients() {
                return streams.metadataForAllStreamsClients();
            }

            @Override
            public KeyQueryMetadata ask(String store, String key) {
                return streams.queryMetadataForKey(store, key, keys);
            }
        };
    }

    /** A store's owners in one generation; {@code byPartition} null when they disagreed with Kafka Streams. */
    private record Kept(long generation, KeyQueryMetadata[] byPartition) {
    }

    private final Streams streams;
    private final StoreLayout layout;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    KeyOwners(Streams streams, StoreLayout layout) {
        this.streams = streams;
        this.layout = layout;
    }

    /** The app's state changed: the assignment may have, so nothing kept so far is used again. */
    void changed() {
        generation.incrementAndGet();
        kept.clear();
    }

    /**
     * As {@code KafkaStreams.queryMetadataForKey(store, key, the String serializer)}: {@link KeyQueryMetadata#NOT_AVAILABLE}
     * while the metadata is not known, null for a store the app does not have.
     */
    KeyQueryMetadata of(String store, String key) {
        long now = generation.get();
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return streams.ask(store, key);
        }
        Kept held = kept.get(store);
        if (held != null && held.generation() == now) {
            return held.byPartition() == null ? streams.ask(store, key) : owner(held.byPartition(), key);
        }
        KeyQueryMetadata asked = streams.ask(store, key);
        if (asked == null || asked.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return asked;
        }
        KeyQueryMetadata[] owners = owners(store, streams.clients());
        if (owners.length == 0 || !asked.equals(owner(owners, key))) {
            log.warn("The owners of {} worked out here differ from Kafka Streams' own answer ({} partitions found); "
                    + "asking Kafka Streams for every key of it until the assignment changes", store, owners.length);
            owners = null;
        }
        kept.put(store, new Kept(now, owners));
        return asked;
    }

    private static KeyQueryMetadata owner(KeyQueryMetadata[] byPartition, String key) {
        return byPartition[Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % byPartition.length];
    }

    /** Each partition of {@code store}: its active instance (unavailable when none) and its standbys. */
    private KeyQueryMetadata[] owners(String store, Collection<StreamsMetadata> clients) {
        int partitions = 0;
        for (StreamsMetadata client : clients) {
            partitions = Math.max(partitions, 1 + highest(store, client.topicPartitions()));
            partitions = Math.max(partitions, 1 + highest(store, client.standbyTopicPartitions()));
        }
        HostInfo[] active = new HostInfo[partitions];
        List<Set<HostInfo>> standbys = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            active[p] = HostInfo.unavailable();
            standbys.add(new HashSet<>());
        }
        for (StreamsMetadata client : clients) {
            if (client.stateStoreNames().contains(store)) {
                for (TopicPartition tp : client.topicPartitions()) {
                    if (layout.feeds(store, tp.topic())) {
                        active[tp.partition()] = client.hostInfo();
                    }
                }
            }
            if (client.standbyStateStoreNames().contains(store)) {
                for (TopicPartition tp : client.standbyTopicPartitions()) {
                    if (layout.feeds(store, tp.topic())) {
                        standbys.get(tp.partition()).add(client.hostInfo());
                    }
                }
            }
        }
        KeyQueryMetadata[] byPartition = new KeyQueryMetadata[partitions];
        for (int p = 0; p < partitions; p++) {
            byPartition[p] = new KeyQueryMetadata(active[p], Set.copyOf(standbys.get(p)), p);
        }
        return byPartition;
    }

    private int highest(String store, Set<TopicPartition> topicPartitions) {
        int highest = -1;
        for (TopicPartition tp : topicPartitions) {
            if (layout.feeds(store, tp.topic())) {
                highest = Math.max(highest, tp.partition());
            }
        }
        return highest;
    }
}
