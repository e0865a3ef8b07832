package io.orderflow.streams.query;

import io.orderflow.streams.query.state.Lookup;
import io.orderflow.streams.query.state.Page;
import io.orderflow.streams.query.state.Read;
import io.orderflow.streams.query.state.Slice;
import io.orderflow.streams.query.state.StateReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A {@link StateReader} over maps, shared by the instances of a test "cluster": every store has
 * {@link #PARTITIONS} partitions (one for the stock store), each owned by one host; a host may
 * hold a standby of a partition it does not own. Positions (for consistency tokens) per partition.
 */
final class InMemoryState {

    static final int PARTITIONS = 2;

    private final Map<String, Map<Integer, Map<String, Object>>> data = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, List<Map.Entry<Windowed<String>, Object>>>> windows = new ConcurrentHashMap<>();
    /** Global store name → key → value, in key order as a global store answers. */
    private final Map<String, java.util.NavigableMap<String, Object>> globals = new ConcurrentHashMap<>();
    final Map<Integer, HostInfo> owners = new ConcurrentHashMap<>();
    /** Owners of alerts-active-store partitions where they differ from {@link #owners} (another sub-topology's tasks). */
    final Map<Integer, HostInfo> alertOwners = new ConcurrentHashMap<>();
    /** Owners of order-refusals-store partitions where they differ from {@link #owners} (a sub-topology of its own). */
    final Map<Integer, HostInfo> refusalOwners = new ConcurrentHashMap<>();
    final Map<Integer, HostInfo> standbys = new ConcurrentHashMap<>();
    volatile boolean ready = true;

    /** Every store is partitioned alike: stock by SKU, like the orders by id. */
    static int partitionsOf(String store) {
        return PARTITIONS;
    }

    static int partitionOf(String store, String key) {
        return Math.floorMod(key.hashCode(), partitionsOf(store));
    }

    void put(String store, String key, Object value) {
        // As in the app: an alert is kept in the partition of its order.
        // and an entry of the archive's month index (month|orderId) in the partition of its order.
        String partitionKey = value instanceof io.orderflow.avro.Alert alert ? alert.getOrderId()
                : store.equals(io.orderflow.streams.order.OrderLifecycleTopology.ARCHIVE_MONTHS_STORE)
                ? key.substring(key.indexOf('|') + 1) : key;
        data.computeIfAbsent(store, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(partitionOf(store, partitionKey), p -> new ConcurrentHashMap<>()).put(key, value);
    }

    /** A key kept in {@code partition} whatever its hash: a part of its figures, as the analytics stores keep them. */
    void putIn(String store, int partition, String key, Object value) {
        data.computeIfAbsent(store, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(partition, p -> new ConcurrentHashMap<>()).put(key, value);
    }

    void putWindow(String store, String key, Instant start, Object value) {
        putWindowIn(store, partitionOf(store, key), key, start, value);
    }

    void putWindowIn(String store, int partition, String key, Instant start, Object value) {
        windows.computeIfAbsent(store, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(partition, p -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(Map.entry(new Windowed<>(key, new TimeWindow(start.toEpochMilli(), start.toEpochMilli() + 60_000)), value));
    }

    /** A product in the catalog's global store. */
    void putGlobal(String key, Object value) {
        putGlobal(io.orderflow.streams.catalog.CatalogTopology.PRODUCTS_STORE, key, value);
    }

    void putGlobal(String store, String key, Object value) {
        globals.computeIfAbsent(store, s -> new java.util.concurrent.ConcurrentSkipListMap<>()).put(key, value);
    }

    /** The view of one instance of the cluster. */
    StateReader at(HostInfo self) {
        return new View(self);
    }

    private HostInfo owner(String store, int partition, HostInfo fallback) {
        if (store.equals("alerts-active-store") && alertOwners.containsKey(partition)) {
            return alertOwners.get(partition);
        }
        if (store.equals("order-refusals-store") && refusalOwners.containsKey(partition)) {
            return refusalOwners.get(partition);
        }
        return owners.getOrDefault(partition, fallback);
    }

    private final class View implements StateReader {

        private final HostInfo self;

        View(HostInfo self) {
            this.self = self;
        }

        @Override
        public HostInfo self() {
            return self;
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> Lookup<Map<String, V>> getAllIn(String store, String partitionKey, List<String> keys, Read read) {
            if (!ready) {
                return Lookup.notReady("rebalancing");
            }
            int p = partitionOf(store, partitionKey);
            HostInfo owner = owner(store, p, self);
            boolean standbyHere = self.equals(standbys.get(p));
            if (!owner.equals(self)) {
                if (!read.local()) {
                    return new Lookup.Elsewhere<>(owner, standbys.containsKey(p) ? List.of(standbys.get(p)) : List.of());
                }
                if (!read.allowStandby() || !standbyHere) {
                    return Lookup.notReady("not here");
                }
            }
            Map<String, V> values = new HashMap<>();
            for (String key : keys) {
                Object value = data.getOrDefault(store, Map.of()).getOrDefault(p, Map.of()).get(key);
                if (value != null) {
                    values.put(key, (V) value);
                }
            }
            if (values.size() < keys.size() && !owner.equals(self)) {
                return Lookup.notReady("a copy that is not active cannot tell that a key does not exist");
            }
            return new Lookup.Found<>(values, owner.equals(self) ? 0 : 7);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V, T> Lookup<List<Slice<T>>> scanRange(String store, String from, String to, Page<T> page,
                                                       boolean allowStandby, BiFunction<String, V, T> mapper) {
            return scan(store, page, allowStandby, (String key, V value) ->
                    key.compareTo(from) >= 0 && key.compareTo(to) <= 0 ? mapper.apply(key, value) : null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V, T> Lookup<List<Slice<T>>> scan(String store, Page<T> page, boolean allowStandby,
                                                  BiFunction<String, V, T> mapper) {
            if (!ready) {
                return Lookup.notReady("rebalancing");
            }
            List<Slice<T>> slices = new ArrayList<>();
            for (int p = 0; p < partitionsOf(store); p++) {
                boolean active = owner(store, p, self).equals(self);
                if (!page.includes(p) || !active && !(allowStandby && self.equals(standbys.get(p)))) {
                    continue;
                }
                Page.Kept<T> kept = page.keeper();
                for (Map.Entry<String, Object> e : new TreeMap<>(data.getOrDefault(store, Map.of()).getOrDefault(p, Map.of())).entrySet()) {
                    kept.offer(mapper.apply(e.getKey(), (V) e.getValue()));
                }
                slices.add(new Slice<>(p, active, active ? 0 : 7, kept.items()));
            }
            return new Lookup.Found<>(slices, 0);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V, T> Lookup<List<Slice<T>>> scanWindows(String store, Instant from, Instant to, boolean allowStandby,
                                                         BiFunction<Windowed<String>, V, T> mapper) {
            List<Slice<T>> slices = new ArrayList<>();
            for (int p = 0; p < partitionsOf(store); p++) {
                if (!owner(store, p, self).equals(self)) {
                    continue;
                }
                List<T> items = new ArrayList<>();
                for (Map.Entry<Windowed<String>, Object> e : windows.getOrDefault(store, Map.of()).getOrDefault(p, List.of())) {
                    long start = e.getKey().window().start();
                    if (start >= from.toEpochMilli() && start <= to.toEpochMilli()) {
                        T item = mapper.apply(e.getKey(), (V) e.getValue());
                        if (item != null) {
                            items.add(item);
                        }
                    }
                }
                slices.add(new Slice<>(p, true, 0, items));
            }
            return new Lookup.Found<>(slices, 0);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> Optional<V> global(String store, String key) {
            return Optional.ofNullable((V) globals.getOrDefault(store, new java.util.TreeMap<>()).get(key));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> List<V> globalValues(String store, int limit) {
            return globalValues(store, "", limit);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <V> List<V> globalValues(String store, String prefix, int limit) {
            return globals.getOrDefault(store, new java.util.TreeMap<>()).entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(prefix)).limit(limit).map(entry -> (V) entry.getValue())
                    .toList();
        }

        @Override
        public Set<Integer> partitions(String store) {
            Set<Integer> partitions = new TreeSet<>();
            for (int p = 0; p < partitionsOf(store); p++) {
                partitions.add(p);
            }
            return partitions;
        }

        @Override
        public Set<HostInfo> hosts(String store) {
            Set<HostInfo> hosts = new java.util.HashSet<>(owners.values());
            hosts.addAll(alertOwners.values());
            hosts.addAll(refusalOwners.values());
            hosts.addAll(standbys.values());
            hosts.add(self);
            return hosts;
        }

        @Override
        public List<Instance> instances() {
            Map<String, Set<Integer>> active = new HashMap<>();
            active.put("orders-store", partitions("orders-store"));
            return List.of(new Instance(self.host(), self.port(), true, active, Map.of()));
        }
    }
}
