package io.orderflow.streams.query.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The app's state stores as this instance sees them: where a key lives, what this instance holds
 * of a store, and who else holds it. {@link StreamsState} implements it on Kafka Streams'
 * interactive queries (v1: it says why not v2); tests give an in-memory one.
 */
public interface StateReader {

    /** This instance, as peers reach it ({@code application.server}). */
    HostInfo self();

    /** Whether queries can be answered at all (RUNNING, or REBALANCING with tasks left). */
    boolean ready();

    /**
     * One key. Owned here (or a standby here when {@code read.allowStandby()}): found or not found.
     * Owned by another instance and {@code !read.local()}: elsewhere. Metadata unknown or a partition
     * restoring: not ready. {@code read.after()} is not checked here: callers wait for it first
     * ({@code Processed}).
     */
    default <V> Lookup<V> get(String store, String key, Read read) {
        return getIn(store, key, key, read);
    }

    /**
     * As {@link #get}, for a store whose keys are not its partitioning keys: {@code key} as kept
     * in the partition that {@code partitionKey} maps to (an alert, keyed by alert id, lives in
     * the partition of its order's id).
     */
    default <V> Lookup<V> getIn(String store, String partitionKey, String key, Read read) {
        Lookup<Map<String, V>> found = getAllIn(store, partitionKey, List.of(key), read);
        if (found instanceof Lookup.Found<Map<String, V>> f) {
            V value = f.value().get(key);
            return value == null ? new Lookup.NotFound<>() : new Lookup.Found<>(value, f.lag());
        }
        return found.retype();
    }

    /**
     * As {@link #getIn}, for several keys of the one partition {@code partitionKey} maps to, read
     * from one copy with one look at who owns it: found, the keys held there with their values
     * (absent keys left out). A copy that is not active can show that a key exists, never that it
     * does not: when one of the keys is missing there, not ready.
     */
    <V> Lookup<Map<String, V>> getAllIn(String store, String partitionKey, List<String> keys, Read read);

    /**
     * Every partition of a key-value store held here, active first, standbys only when
     * {@code allowStandby}. {@code mapper} turns an entry into an item, or null to skip it.
     */
    default <V, T> Lookup<List<Slice<T>>> scan(String store, boolean allowStandby, BiFunction<String, V, T> mapper) {
        return scan(store, Page.whole(), allowStandby, mapper);
    }

    /** Like {@link #scan(String, boolean, BiFunction)}, keeping of each partition only what {@code page} keeps. */
    <V, T> Lookup<List<Slice<T>>> scan(String store, Page<T> page, boolean allowStandby, BiFunction<String, V, T> mapper);

    /**
     * Like {@link #scan(String, Page, boolean, BiFunction)}, over the keys from {@code from} to {@code to} (both
     * included) only: what an index keyed by a prefix (a month) reads without the rest of the store.
     */
    <V, T> Lookup<List<Slice<T>>> scanRange(String store, String from, String to, Page<T> page, boolean allowStandby,
                                            BiFunction<String, V, T> mapper);

    /** Like {@link #scan} over a window store, windows starting in [{@code from}, {@code to}]. */
    <V, T> Lookup<List<Slice<T>>> scanWindows(String store, Instant from, Instant to, boolean allowStandby,
                                              BiFunction<Windowed<String>, V, T> mapper);

    /** A global store's entry (every instance holds all of it). */
    <V> Optional<V> global(String store, String key);

    /**
     * A global store's values whose keys start with {@code prefix}, in key order, at most {@code limit}; empty while
     * the store is not queryable.
     */
    <V> List<V> globalValues(String store, String prefix, int limit);

    /** A global store's values in key order, at most {@code limit}; empty while the store is not queryable. */
    <V> List<V> globalValues(String store, int limit);

    /**
     * The partitions of {@code store} and the instances that hold any of them (active or
     * standby), from the current assignment. Empty when the store is unknown or not assigned yet.
     */
    Set<Integer> partitions(String store);

    Set<HostInfo> hosts(String store);

    /** Who owns what, for {@code GET /v1/instances}. */
    List<Instance> instances();

    /** One instance of the app and the partitions of each store it holds. */
    record Instance(String host, int port, boolean self, java.util.Map<String, Set<Integer>> active,
                    java.util.Map<String, Set<Integer>> standby) {
    }
}
