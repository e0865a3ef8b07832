package io.orderflow.streams;

import io.orderflow.avro.Product;
import io.orderflow.avro.StockLevel;
import io.orderflow.streams.catalog.CatalogTopology;
import io.orderflow.streams.stock.StockTopology;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Waits on a running app's stores, for the integration tests: the polled store decides, within two minutes. */
final class AppStores {

    static final Duration WAIT = Duration.ofMinutes(2);

    private AppStores() {
    }

    /** Until the app's global catalog holds every one of {@code skus}. */
    static void awaitCatalog(StreamsApp app, String... skus) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ReadOnlyKeyValueStore<String, Product> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                    CatalogTopology.PRODUCTS_STORE, QueryableStoreTypes.<String, Product>keyValueStore()));
            if (IntStream.range(0, skus.length).allMatch(i -> store.get(skus[i]) != null)) {
                return;
            }
            pace();
        }
        throw new AssertionError("catalog not loaded within " + WAIT);
    }

    /** Until the stock level of {@code sku} meets {@code condition}; that level. */
    static StockLevel awaitStock(StreamsApp app, String sku, Predicate<StockLevel> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        StockLevel level = null;
        while (System.nanoTime() < deadline) {
            try {
                level = app.streams().store(StoreQueryParameters.fromNameAndType(StockTopology.STOCK_STORE,
                        QueryableStoreTypes.<String, StockLevel>keyValueStore())).get(sku);
                if (level != null && condition.test(level)) {
                    return level;
                }
            } catch (InvalidStateStoreException movingOrReplaced) {
                // the store is not queryable during a rebalance or while its thread is replaced; ask again
            }
            pace();
        }
        throw new AssertionError("stock of " + sku + " did not reach the expected state: " + level);
    }

    /** Pacing between polls of a store, not a readiness wait: the polled condition decides. */
    static void pace() {
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
}
