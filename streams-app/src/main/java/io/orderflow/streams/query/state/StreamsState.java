package io.orderflow.streams.query.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StateReader} on Kafka Streams: owners as {@code queryMetadataForKey} finds them (with the
 * same default partitioner as the gateway's producer), kept between rebalances by {@link KeyOwners};
 * reads through interactive queries on explicit partitions
 * ({@code store(StoreQueryParameters.withPartition)}): the active copy, or a standby's
 * ({@code enableStaleStores}) when a standby may answer, saying how far it lags.
 * A query never blocks: a partition that is restoring or moving is simply not answered here.
 *
 * <p>Not interactive queries v2: in Kafka Streams (4.3.1 and still 4.4.0) a v2 query takes a
 * store's {@code Position} lock before the store's own lock while a stream thread's {@code put}
 * takes them the other way round, and the two deadlock under load (KAFKA-19629, found by our
 * FailoverIT: the instance stopped processing for good). The v1 reads take the
 * store's lock only. Read-your-writes does not need v2's position bounds: {@code Processed}
 * waits on the app's committed offsets instead, which also covers writes that reach a store
 * through other topics.
 */
public final class StreamsState implements StateReader {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StoreLayout layout;
    private final PartitionStores stores;
    private final KeyOwners owners;

    public StreamsState(KafkaStreams streams, HostInfo self, StoreLayout layout) {
        this.streams = streams;
        this.self = self;
        this.layout = layout;
        this.stores = new PartitionStores(PartitionStores.Streams.of(streams));
        this.owners = new KeyOwners(KeyOwners.of(streams), layout);
    }

    /** To be called from the app's state listener on every change of its state: the assignment may change. */
    public void changed() {
        stores.changed();
        owners.changed();
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
    public <V> Lookup<Map<String, V>> getAllIn(String store, String partitionKey, List<String> keys, Read read) {
        if (!ready()) {
            return Lookup.notReady("the app is " + streams.state());
        }
        KeyQueryMetadata owner;
        try {
            owner = owners.of(store, partitionKey);
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
        Map<String, V> values = new HashMap<>();
        try {
            ReadOnlyKeyValueStore<String, V> copy = stores.of(store, partition, !activeHere);
            for (String key : keys) {
                V value = copy.get(key);
                if (value != null) {
                    values.put(key, value);
                }
            }
        } catch (InvalidStateStoreException e) {
            stores.forget(store, partition, !activeHere);
            return Lookup.notReady("partition " + partition + " of " + store + " is not queryable here now: "
                    + e.getMessage());
        } catch (StreamsException e) {
            return Lookup.notReady(e.getMessage());
        }
        if (!activeHere && values.size() < keys.size()) {
            // A standby's or a restoring copy can show that a key exists, never that it does not:
            // it may not have caught up with the write (seen in FailoverIT as a 404 for an order
            // that existed, while its partition moved).
            return Lookup.notReady("partition " + partition + " of " + store
                    + " is answered by a copy that is not active and does not hold every key asked yet");
        }
        return new Lookup.Found<>(values, activeHere ? 0 : lag(store, partition));
    }

    @Override
    public <V, T> Lookup<List<Slice<T>>> scan(String store, Page<T> page, boolean allowStandby,
                                              BiFunction<String, V, T> mapper) {
        return slices(store, page, allowStandby, QueryableStoreTypes.<String, V>keyValueStore(),
                ReadOnlyKeyValueStore::all, kv -> mapper.apply(kv.key, kv.value));
    }

    @Override
    public <V, T> Lookup<List<Slice<T>>> scanRange(String store, String from, String to, Page<T> page,
                                                   boolean allowStandby, BiFunction<String, V, T> mapper) {
        return slices(store, page, allowStandby, QueryableStoreTypes.<String, V>keyValueStore(),
                keyValues -> keyValues.range(from, to), kv -> mapper.apply(kv.key, kv.value));
    }

    @Override
    public <V, T> Lookup<List<Slice<T>>> scanWindows(String store, Instant from, Instant to, boolean allowStandby,
                                                     BiFunction<Windowed<String>, V, T> mapper) {
        return slices(store, Page.whole(), allowStandby, QueryableStoreTypes.<String, V>windowStore(),
                windows -> windows.fetchAll(from, to), kv -> mapper.apply(kv.key, kv.value));
    }

    /**
     * One slice per partition of {@code store} asked for (every partition held here when the
     * page names none): the active copy's, else, when allowed, a standby's; a partition held
     * neither way here is left out, for the caller to find elsewhere.
     */
    private <S, K, V, T> Lookup<List<Slice<T>>> slices(String store, Page<T> page, boolean allowStandby,
                                                       QueryableStoreType<S> type,
                                                       Function<S, KeyValueIterator<K, V>> read,
                                                       Function<KeyValue<K, V>, T> mapper) {
        if (!ready()) {
            return Lookup.notReady("the app is " + streams.state());
        }
        Set<Integer> wanted = page.partitions().isEmpty() ? localPartitions(store) : page.partitions();
        List<Slice<T>> slices = new ArrayList<>();
        try {
            for (int partition : wanted) {
                StoreQueryParameters<S> params = StoreQueryParameters.fromNameAndType(store, type).withPartition(partition);
                try {
                    slices.add(new Slice<>(partition, true, 0, drain(read.apply(streams.store(params)), mapper, page)));
                } catch (InvalidStateStoreException notActiveHere) {
                    if (allowStandby) {
                        standbySlice(store, partition, params, read, mapper, page).ifPresent(slices::add);
                    }
                }
            }
        } catch (StreamsException e) {
            return Lookup.notReady(e.getMessage());
        }
        return new Lookup.Found<>(slices, 0);
    }

    /** A standby's slice of {@code partition}; none when no copy of it is here (the caller asks those that hold it). */
    private <S, K, V, T> Optional<Slice<T>> standbySlice(String store, int partition, StoreQueryParameters<S> params,
                                                         Function<S, KeyValueIterator<K, V>> read,
                                                         Function<KeyValue<K, V>, T> mapper, Page<T> page) {
        S standby;
        try {
            standby = streams.store(params.enableStaleStores());
        } catch (InvalidStateStoreException notHeldHere) {
            return Optional.empty();
        }
        return Optional.of(new Slice<>(partition, false, lag(store, partition), drain(read.apply(standby), mapper, page)));
    }

    /** The partitions of {@code store} this instance holds, active or standby. */
    private Set<Integer> localPartitions(String store) {
        Set<Integer> partitions = new TreeSet<>();
        for (StreamsMetadata client : clients()) {
            if (client.hostInfo().equals(self)) {
                partitions.addAll(partitionsOf(store, client.topicPartitions()));
                partitions.addAll(partitionsOf(store, client.standbyTopicPartitions()));
            }
        }
        return partitions;
    }

    private static <K, V, T> List<T> drain(KeyValueIterator<K, V> entries,
                                           Function<KeyValue<K, V>, T> mapper, Page<T> page) {
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
    public <V> List<V> globalValues(String store, int limit) {
        return globalValues(store, null, limit);
    }

    @Override
    public <V> List<V> globalValues(String store, String prefix, int limit) {
        try {
            ReadOnlyKeyValueStore<String, V> global = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
            List<V> values = new ArrayList<>();
            try (KeyValueIterator<String, V> all = prefix == null ? global.all()
                    : global.prefixScan(prefix, new org.apache.kafka.common.serialization.StringSerializer())) {
                while (all.hasNext() && values.size() < limit) {
                    V value = all.next().value;
                    if (value != null) {
                        values.add(value);
                    }
                }
            }
            return values;
        } catch (StreamsException e) {
            return List.of();
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
