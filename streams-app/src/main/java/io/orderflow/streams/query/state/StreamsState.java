package io.orderflow.streams.query.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StateReader} on Kafka Streams: owners from {@code queryMetadataForKey} (which uses the
 * same default partitioner as the gateway's producer), reads through interactive queries v2
 * ({@link KeyQuery}, {@link RangeQuery}, {@link WindowRangeQuery}) on explicit partitions,
 * {@code requireActive} unless a standby may answer or a {@link PositionBound} is given for
 * read-your-writes (Kafka Streams ignores the bound of a request that requires the active).
 * A query never blocks: a partition that is restoring or moving is simply not answered here.
 */
public final class StreamsState implements StateReader {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StoreLayout layout;

    public StreamsState(KafkaStreams streams, HostInfo self, StoreLayout layout) {
        this.streams = streams;
        this.self = self;
        this.layout = layout;
    }

    @Override
    public HostInfo self() {
        return self;
    }

    @Override
    public boolean ready() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    @Override
    public <V> Lookup<V> get(String store, String key, Read read) {
        if (!ready()) {
            return Lookup.notReady("the app is " + streams.state());
        }
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(store, key, KEYS);
        } catch (StreamsException | IllegalStateException e) {
            return Lookup.notReady("no owner known yet: " + e.getMessage());
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost() == null) {
            return Lookup.notReady("no owner known yet for a key of " + store);
        }
        int partition = owner.partition();
        boolean activeHere = self.equals(owner.activeHost());
        if (!activeHere) {
            if (!read.local()) {
                return new Lookup.Elsewhere<>(owner.activeHost(), List.copyOf(owner.standbyHosts()));
            }
            if (!read.allowStandby()) {
                return Lookup.notReady("partition " + partition + " of " + store + " is not active here");
            }
        }
        StateQueryRequest<V> request = StateQueryRequest.inStore(store)
                .withQuery(KeyQuery.<String, V>withKey(key))
                .withPartitions(Set.of(partition));
        if (!read.allowStandby() && read.after().isEmpty()) {
            // Kafka Streams drops the position bound of a request that requires the active: a
            // read after a write relies on the bound instead (a stale copy cannot pass it).
            request = request.requireActive();
        }
        if (read.after().isPresent()) {
            ConsistencyToken token = read.after().get();
            request = request.withPositionBound(PositionBound.at(
                    Position.emptyPosition().withComponent(token.topic(), token.partition(), token.offset())));
        }
        QueryResult<V> result;
        try {
            result = streams.query(request).getPartitionResults().get(partition);
        } catch (StreamsException e) {
            return Lookup.notReady(e.getMessage());
        }
        if (result == null) {
            return Lookup.notReady("partition " + partition + " of " + store + " is not held here now");
        }
        if (result.isFailure()) {
            return Lookup.notReady(result.getFailureReason() == FailureReason.NOT_UP_TO_BOUND
                    ? "the write " + read.after().map(Object::toString).orElse("") + " is not processed yet"
                    : result.getFailureReason() + ": " + result.getFailureMessage());
        }
        V value = result.getResult();
        return value == null ? new Lookup.NotFound<>() : new Lookup.Found<>(value, activeHere ? 0 : lag(store, partition));
    }

    @Override
    public <V, T> Lookup<List<Slice<T>>> scan(String store, Page<T> page, boolean allowStandby,
                                              BiFunction<String, V, T> mapper) {
        return slices(store, page, allowStandby, RangeQuery.<String, V>withNoBounds(), kv -> mapper.apply(kv.key, kv.value));
    }

    @Override
    public <V, T> Lookup<List<Slice<T>>> scanWindows(String store, Instant from, Instant to, boolean allowStandby,
                                                     BiFunction<Windowed<String>, V, T> mapper) {
        return slices(store, Page.whole(), allowStandby, WindowRangeQuery.<String, V>withWindowStartRange(from, to),
                kv -> mapper.apply(kv.key, kv.value));
    }

    private <K, V, T> Lookup<List<Slice<T>>> slices(String store, Page<T> page, boolean allowStandby,
                                                    Query<KeyValueIterator<K, V>> query,
                                                    java.util.function.Function<KeyValue<K, V>, T> mapper) {
        if (!ready()) {
            return Lookup.notReady("the app is " + streams.state());
        }
        List<Slice<T>> slices = new ArrayList<>();
        Set<Integer> standby = new TreeSet<>();
        try {
            StateQueryRequest<KeyValueIterator<K, V>> request = StateQueryRequest.inStore(store).withQuery(query);
            if (!page.partitions().isEmpty()) {
                request = request.withPartitions(page.partitions());
            }
            StateQueryResult<KeyValueIterator<K, V>> active = streams.query(request.requireActive());
            for (Map.Entry<Integer, QueryResult<KeyValueIterator<K, V>>> entry : active.getPartitionResults().entrySet()) {
                QueryResult<KeyValueIterator<K, V>> result = entry.getValue();
                if (result.isSuccess()) {
                    slices.add(new Slice<>(entry.getKey(), true, 0, drain(result.getResult(), mapper, page)));
                } else if (result.getFailureReason() == FailureReason.NOT_ACTIVE) {
                    standby.add(entry.getKey());
                }
            }
            if (allowStandby && !standby.isEmpty()) {
                StateQueryResult<KeyValueIterator<K, V>> standbys =
                        streams.query(StateQueryRequest.inStore(store).withQuery(query).withPartitions(standby));
                for (Map.Entry<Integer, QueryResult<KeyValueIterator<K, V>>> entry
                        : standbys.getPartitionResults().entrySet()) {
                    if (entry.getValue().isSuccess()) {
                        slices.add(new Slice<>(entry.getKey(), false, lag(store, entry.getKey()),
                                drain(entry.getValue().getResult(), mapper, page)));
                    }
                }
            }
        } catch (StreamsException e) {
            return Lookup.notReady(e.getMessage());
        }
        return new Lookup.Found<>(slices, 0);
    }

    private static <K, V, T> List<T> drain(KeyValueIterator<K, V> entries,
                                           java.util.function.Function<KeyValue<K, V>, T> mapper, Page<T> page) {
        Page.Kept<T> kept = page.keeper();
        try (entries) {
            while (entries.hasNext()) {
                kept.offer(mapper.apply(entries.next()));
            }
        }
        return kept.items();
    }

    @Override
    public <V> Optional<V> global(String store, String key) {
        try {
            ReadOnlyKeyValueStore<String, V> global = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
            return Optional.ofNullable(global.get(key));
        } catch (StreamsException e) {
            return Optional.empty();
        }
    }

    @Override
    public Set<Integer> partitions(String store) {
        Set<Integer> partitions = new TreeSet<>();
        for (StreamsMetadata client : clients()) {
            partitions.addAll(partitionsOf(store, client.topicPartitions()));
            partitions.addAll(partitionsOf(store, client.standbyTopicPartitions()));
        }
        return partitions;
    }

    @Override
    public Set<HostInfo> hosts(String store) {
        Set<HostInfo> hosts = new HashSet<>();
        try {
            for (StreamsMetadata client : streams.streamsMetadataForStore(store)) {
                hosts.add(client.hostInfo());
            }
        } catch (StreamsException | IllegalStateException e) {
            return Set.of();
        }
        return hosts;
    }

    @Override
    public List<Instance> instances() {
        List<Instance> instances = new ArrayList<>();
        for (StreamsMetadata client : clients()) {
            Map<String, Set<Integer>> active = new TreeMap<>();
            Map<String, Set<Integer>> standby = new TreeMap<>();
            for (String store : layout.stores()) {
                Set<Integer> a = partitionsOf(store, client.topicPartitions());
                Set<Integer> s = partitionsOf(store, client.standbyTopicPartitions());
                if (!a.isEmpty()) {
                    active.put(store, a);
                }
                if (!s.isEmpty()) {
                    standby.put(store, s);
                }
            }
            HostInfo host = client.hostInfo();
            instances.add(new Instance(host.host(), host.port(), host.equals(self), active, standby));
        }
        instances.sort(java.util.Comparator.comparing(Instance::host).thenComparing(Instance::port));
        return instances;
    }

    private Collection<StreamsMetadata> clients() {
        try {
            return streams.metadataForAllStreamsClients();
        } catch (StreamsException | IllegalStateException e) {
            return List.of();
        }
    }

    private Set<Integer> partitionsOf(String store, Set<TopicPartition> topicPartitions) {
        Set<Integer> partitions = new TreeSet<>();
        for (TopicPartition tp : topicPartitions) {
            if (layout.feeds(store, tp.topic())) {
                partitions.add(tp.partition());
            }
        }
        return partitions;
    }

    private long lag(String store, int partition) {
        try {
            LagInfo lag = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of()).get(partition);
            return lag == null ? -1 : lag.offsetLag();
        } catch (StreamsException | IllegalStateException e) {
            return -1;
        }
    }
}
