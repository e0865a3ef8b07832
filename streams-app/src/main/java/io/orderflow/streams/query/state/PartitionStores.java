package io.orderflow.streams.query.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * The key-value store of one partition as this instance's stream thread holds it, kept from one
 * read to the next while the app stays RUNNING.
 *
 * <p>A handle from {@code KafkaStreams.store} looks the store up again on every {@code get}: it
 * copies the thread's whole task set (and the state updater's) to find one task, which cost more
 * than the read itself (BENCHMARKS.md, figure 4). This resolves the partition's store once,
 * through a {@link QueryableStoreType} of its own (the documented way to reach a store's
 * underlying copies), and keeps it for as long as the assignment cannot have changed: every
 * change of the app's state ({@link #changed}, called from its state listener) starts a new
 * generation, and a store kept in an older one, or while the app was not RUNNING, is looked up
 * again. A rebalance moves the app out of RUNNING before it revokes or recycles a task (its
 * thread announces the rebalance first), so a kept store is never read as active after it stopped
 * being active; a store closed under a read fails that read ({@link InvalidStateStoreException}),
 * and the caller {@link #forget}s it.
 */
final class PartitionStores {

    private record Key(String store, int partition, boolean stale) {
    }

    private record Kept(long generation, ReadOnlyKeyValueStore<String, ?> store) {
    }

    /** What this needs of {@link KafkaStreams}: its state, and its stores. */
    interface Streams {
        KafkaStreams.State state();

        <T> T store(StoreQueryParameters<T> parameters);

        static Streams of(KafkaStreams streams) {
            return new Streams() {
                @Override
                public KafkaStreams.State state() {
                    return streams.state();
                }

                @Override
                public <T> T store(StoreQueryParameters<T> parameters) {
                    return streams.store(parameters);
                }
            };
        }
    }

    private final Streams streams;
    private final AtomicLong generation = new AtomicLong();
    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

    PartitionStores(Streams streams) {
        this.streams = streams;
    }

    /** The app's state changed: nothing kept so far is used again. */
    void changed() {
        generation.incrementAndGet();
        kept.clear();
    }

    /**
     * {@code partition}'s copy of {@code store}: the active one, or with {@code stale} any copy held
     * here (a standby's).
     *
     * @throws InvalidStateStoreException when no such copy is queryable here now
     */
    @SuppressWarnings("unchecked")
    <V> ReadOnlyKeyValueStore<String, V> of(String store, int partition, boolean stale) {
        long now = generation.get();
        boolean running = streams.state() == KafkaStreams.State.RUNNING;
        Key key = new Key(store, partition, stale);
        if (running) {
            Kept held = kept.get(key);
            if (held != null && held.generation() == now) {
                return (ReadOnlyKeyValueStore<String, V>) held.store();
            }
        }
        StoreQueryParameters<List<ReadOnlyKeyValueStore<String, V>>> params = StoreQueryParameters
                .fromNameAndType(store, new Underlying<String, V>()).withPartition(partition);
        List<ReadOnlyKeyValueStore<String, V>> copies = streams.store(stale ? params.enableStaleStores() : params);
        if (copies.size() != 1) {
            throw new InvalidStateStoreException(copies.size() + " copies of partition " + partition + " of " + store
                    + " here");
        }
        ReadOnlyKeyValueStore<String, V> copy = copies.get(0);
        if (running) {
            kept.put(key, new Kept(now, copy));
        }
        return copy;
    }

    /** A read of a kept store failed: look it up again next time. */
    void forget(String store, int partition, boolean stale) {
        kept.remove(new Key(store, partition, stale));
    }

    /** The stores a query for a key-value store resolves to, as they are: no handle that looks them up on every read. */
    private static final class Underlying<K, V> implements QueryableStoreType<List<ReadOnlyKeyValueStore<K, V>>> {

        private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValue = QueryableStoreTypes.keyValueStore();

        @Override
        public boolean accepts(StateStore stateStore) {
            return keyValue.accepts(stateStore);
        }

        @Override
        public List<ReadOnlyKeyValueStore<K, V>> create(StateStoreProvider provider, String storeName) {
            return provider.stores(storeName, keyValue);
        }
    }
}
