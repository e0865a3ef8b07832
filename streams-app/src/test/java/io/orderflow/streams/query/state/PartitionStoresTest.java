package io.orderflow.streams.query.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.junit.jupiter.api.Test;

/**
 * A partition's store is looked up once and kept while the app stays RUNNING in one generation: looked up again after
 * any state change, never kept outside RUNNING, and looked up again once a read of it failed.
 */
class PartitionStoresTest {

    /** Kafka Streams as far as the stores need it: a state, and one store per (name, partition, stale) asked, counted. */
    private static final class FakeStreams implements PartitionStores.Streams {

        volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
        final List<String> lookups = new ArrayList<>();
        final Map<String, ReadOnlyKeyValueStore<String, String>> current = new ConcurrentHashMap<>();

        @Override
        public KafkaStreams.State state() {
            return state;
        }

        @Override
        public <T> T store(StoreQueryParameters<T> parameters) {
            String copy = parameters.storeName() + "/" + parameters.partition() + (parameters.staleStoresEnabled() ? "/stale" : "");
            lookups.add(copy);
            QueryableStoreType<T> type = parameters.queryableStoreType();
            return type.create(new StateStoreProvider() {
                @Override
                @SuppressWarnings("unchecked")
                public <S> List<S> stores(String storeName, QueryableStoreType<S> queryableStoreType) {
                    ReadOnlyKeyValueStore<String, String> store = current.get(copy);
                    if (store == null) {
                        throw new InvalidStateStoreException(copy + " is not here");
                    }
                    return List.of((S) store);
                }
            }, parameters.storeName());
        }

        /** A new copy of the store, as a task that was closed and created again has. */
        void open(String copy, String value) {
            current.put(copy, new Single(value));
        }
    }

    @Test
    void shouldLookAStoreUpOnceWhileRunningAndAgainAfterEveryStateChange() {
        FakeStreams streams = new FakeStreams();
        streams.open("orders-store/1", "first");
        PartitionStores stores = new PartitionStores(streams);

        assertThat(stores.<String>of("orders-store", 1, false).get("k")).isEqualTo("first");
        assertThat(stores.<String>of("orders-store", 1, false).get("k")).isEqualTo("first");
        assertThat(streams.lookups).containsExactly("orders-store/1");

        streams.open("orders-store/1", "second");
        stores.changed();
        assertThat(stores.<String>of("orders-store", 1, false).get("k")).isEqualTo("second");
        assertThat(streams.lookups).hasSize(2);
    }

    @Test
    void shouldKeepActiveAndStandbyCopiesAndPartitionsApart() {
        FakeStreams streams = new FakeStreams();
        streams.open("orders-store/1", "active");
        streams.open("orders-store/1/stale", "standby");
        streams.open("orders-store/2", "other partition");
        PartitionStores stores = new PartitionStores(streams);

        assertThat(stores.<String>of("orders-store", 1, false).get("k")).isEqualTo("active");
        assertThat(stores.<String>of("orders-store", 1, true).get("k")).isEqualTo("standby");
        assertThat(stores.<String>of("orders-store", 2, false).get("k")).isEqualTo("other partition");
        assertThat(streams.lookups).containsExactly("orders-store/1", "orders-store/1/stale", "orders-store/2");
    }

    @Test
    void shouldNotKeepAStoreWhileTheAppIsNotRunning() {
        FakeStreams streams = new FakeStreams();
        streams.state = KafkaStreams.State.REBALANCING;
        streams.open("orders-store/0", "during the rebalance");
        PartitionStores stores = new PartitionStores(streams);

        stores.of("orders-store", 0, false);
        stores.of("orders-store", 0, false);
        assertThat(streams.lookups).hasSize(2);

        // kept while rebalancing, it must not be used once the app runs again on a new assignment
        streams.state = KafkaStreams.State.RUNNING;
        streams.open("orders-store/0", "after the rebalance");
        assertThat(stores.<String>of("orders-store", 0, false).get("k")).isEqualTo("after the rebalance");
    }

    @Test
    void shouldLookUpAgainOnceForgottenAndSayWhenNoCopyIsHere() {
        FakeStreams streams = new FakeStreams();
        streams.open("orders-store/3", "first");
        PartitionStores stores = new PartitionStores(streams);
        stores.of("orders-store", 3, false);

        streams.open("orders-store/3", "reopened");
        stores.forget("orders-store", 3, false);
        assertThat(stores.<String>of("orders-store", 3, false).get("k")).isEqualTo("reopened");

        assertThatThrownBy(() -> stores.of("orders-store", 4, false)).isInstanceOf(InvalidStateStoreException.class);
    }

    /** A store that answers one value for every key. */
    private record Single(String value) implements ReadOnlyKeyValueStore<String, String> {

        @Override
        public String get(String key) {
            return value;
        }

        @Override
        public KeyValueIterator<String, String> range(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, String> all() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long approximateNumEntries() {
            return 1;
        }
    }
}
