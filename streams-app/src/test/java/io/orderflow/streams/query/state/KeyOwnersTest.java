package io.orderflow.streams.query.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;

/**
 * A key's owners are Kafka Streams' own answer: worked out once per store while the app stays RUNNING in one
 * generation, asked of Kafka Streams again after any state change and whenever the app is not RUNNING, and asked of
 * it for every key while the two answers differ.
 */
class KeyOwnersTest {

    private static final String STORE = "orders-store";
    private static final HostInfo A = new HostInfo("a", 7070);
    private static final HostInfo B = new HostInfo("b", 7070);

    /** One store fed by {@code order-commands}, as the lifecycle keeps {@code orders-store}. */
    private static final StoreLayout LAYOUT = StoreLayout.of(new Topology()
            .addSource("commands", "order-commands")
            .addProcessor("orders", () -> new Processor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }
            }, "commands")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
                    Serdes.String()), "orders")
            .describe());

    /**
     * Kafka Streams as far as owners need it: its instances, and its own answer for a key (the default partitioner
     * over {@code partitions} partitions, the active and standby instances of that partition), counted.
     */
    private static class FakeStreams implements KeyOwners.Streams {

        volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
        int partitions = 6;
        Map<HostInfo, Set<Integer>> active = Map.of(A, Set.of(0, 2, 4), B, Set.of(1, 3, 5));
        Map<HostInfo, Set<Integer>> standby = Map.of(A, Set.of(1, 3), B, Set.of(0));
        final List<String> asked = new ArrayList<>();

        @Override
        public KafkaStreams.State state() {
            return state;
        }

        @Override
        public Collection<StreamsMetadata> clients() {
            List<StreamsMetadata> clients = new ArrayList<>();
            for (HostInfo host : List.of(A, B)) {
                Set<Integer> mine = active.getOrDefault(host, Set.of());
                Set<Integer> copies = standby.getOrDefault(host, Set.of());
                clients.add(new StreamsMetadataImpl(host, mine.isEmpty() ? Set.of() : Set.of(STORE), commands(mine),
                        copies.isEmpty() ? Set.of() : Set.of(STORE), commands(copies)));
            }
            return clients;
        }

        private static Set<TopicPartition> commands(Set<Integer> partitions) {
            Set<TopicPartition> topicPartitions = new HashSet<>();
            partitions.forEach(p -> topicPartitions.add(new TopicPartition("order-commands", p)));
            // another topic of the instance, feeding another store: never counted for this one
            topicPartitions.add(new TopicPartition("stock-by-sku", 11));
            return topicPartitions;
        }

        @Override
        public KeyQueryMetadata ask(String store, String key) {
            asked.add(key);
            int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
            HostInfo owner = HostInfo.unavailable();
            Set<HostInfo> copies = new HashSet<>();
            for (HostInfo host : List.of(A, B)) {
                if (active.getOrDefault(host, Set.of()).contains(partition)) {
                    owner = host;
                }
                if (standby.getOrDefault(host, Set.of()).contains(partition)) {
                    copies.add(host);
                }
            }
            return new KeyQueryMetadata(owner, copies, partition);
        }
    }

    private static List<String> orderIds() {
        return IntStream.range(0, 200).mapToObj(i -> "SO-20261123-" + String.format("%05d", i)).toList();
    }

    @Test
    void shouldAnswerAsKafkaStreamsDoesAndAskItOncePerStoreWhileRunning() {
        FakeStreams streams = new FakeStreams();
        KeyOwners owners = new KeyOwners(streams, LAYOUT);

        for (String id : orderIds()) {
            assertThat(owners.of(STORE, id)).isEqualTo(new FakeStreams().ask(STORE, id));
        }
        assertThat(streams.asked).hasSize(1);
        assertThat(orderIds().stream().map(id -> owners.of(STORE, id).activeHost()).distinct())
                .containsExactlyInAnyOrder(A, B);
    }

    @Test
    void shouldFollowTheNewAssignmentAfterAStateChange() {
        FakeStreams streams = new FakeStreams();
        KeyOwners owners = new KeyOwners(streams, LAYOUT);
        owners.of(STORE, "SO-1");

        streams.active = Map.of(A, Set.of(0, 1, 2, 3, 4, 5));
        streams.standby = Map.of(B, Set.of(0, 1, 2, 3, 4, 5));
        owners.changed();

        for (String id : orderIds()) {
            KeyQueryMetadata owner = owners.of(STORE, id);
            assertThat(owner.activeHost()).isEqualTo(A);
            assertThat(owner.standbyHosts()).containsExactly(B);
        }
        assertThat(streams.asked).hasSize(2);
    }

    @Test
    void shouldAskKafkaStreamsForEveryKeyWhileTheAppIsNotRunning() {
        FakeStreams streams = new FakeStreams();
        streams.state = KafkaStreams.State.REBALANCING;
        KeyOwners owners = new KeyOwners(streams, LAYOUT);

        owners.of(STORE, "SO-1");
        owners.of(STORE, "SO-2");
        assertThat(streams.asked).containsExactly("SO-1", "SO-2");

        // nothing worked out while rebalancing is used once the app runs again
        streams.state = KafkaStreams.State.RUNNING;
        streams.active = Map.of(B, Set.of(0, 1, 2, 3, 4, 5));
        owners.changed();
        assertThat(owners.of(STORE, "SO-3").activeHost()).isEqualTo(B);
        assertThat(owners.of(STORE, "SO-4").activeHost()).isEqualTo(B);
    }

    @Test
    void shouldAskKafkaStreamsForEveryKeyWhenItsAnswerDiffers() {
        FakeStreams streams = new FakeStreams();
        // the store's topic has more partitions than any instance holds: Kafka Streams' count is not the one found here
        streams.partitions = 12;
        KeyOwners owners = new KeyOwners(streams, LAYOUT);
        String differing = orderIds().stream()
                .filter(id -> streams.ask(STORE, id).partition() >= 6).findFirst().orElseThrow();
        streams.asked.clear();

        assertThat(owners.of(STORE, differing).partition()).isGreaterThanOrEqualTo(6);
        for (String id : orderIds()) {
            assertThat(owners.of(STORE, id).partition()).isEqualTo(streams.ask(STORE, id).partition());
        }
        assertThat(streams.asked).hasSize(1 + 2 * orderIds().size());
    }

    @Test
    void shouldNotKeepAnythingWhileTheMetadataIsNotAvailable() {
        FakeStreams streams = new FakeStreams() {
            @Override
            public KeyQueryMetadata ask(String store, String key) {
                asked.add(key);
                return KeyQueryMetadata.NOT_AVAILABLE;
            }
        };
        KeyOwners owners = new KeyOwners(streams, LAYOUT);

        assertThat(owners.of(STORE, "SO-1")).isEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
        assertThat(owners.of(STORE, "SO-2")).isEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
        assertThat(streams.asked).containsExactly("SO-1", "SO-2");
    }
}
