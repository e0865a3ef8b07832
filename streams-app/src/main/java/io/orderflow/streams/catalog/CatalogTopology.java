package io.orderflow.streams.catalog;

import io.orderflow.avro.Product;
import io.orderflow.streams.GlobalStoreMirror;
import io.orderflow.streams.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The product catalog ({@code products}, keyed by SKU) as a global store {@code products-store}:
 * orders are keyed by order id and stock by SKU on partitions of its own, so both need every SKU
 * at hand, not only the SKUs of their own partition.
 *
 * <p>The global store does not read {@code products} itself but {@code orderflow-catalog}, to
 * which a stream task relays every product it could read. Why the hop: a record the global
 * thread cannot deserialize, with a dead-letter topic configured, kills the whole client in
 * Kafka Streams 4.3 (the global context cannot produce dead letters: ClassCastException), and
 * the global thread cannot be replaced. Read by a stream task, a poison product goes to the
 * dead-letter topic like any other poison record, and the global thread only ever sees records
 * this app wrote. The price is one commit interval of delay before a new product is known.
 */
public final class CatalogTopology {

    public static final String PRODUCTS_STORE = "products-store";

    private CatalogTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics) {
        builder.stream(topics.products().name(), Consumed.with(topics.products().keySerde(),
                        topics.products().valueSerde()).withName("products-source"))
                .filter((sku, product) -> sku != null, Named.as("products-keyed"))
                .to(topics.catalog().name(), Produced.with(topics.catalog().keySerde(),
                        topics.catalog().valueSerde()).withName("catalog-sink"));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PRODUCTS_STORE), Serdes.String(),
                                topics.catalog().valueSerde())
                        .withLoggingDisabled(),
                topics.catalog().name(),
                Consumed.with(topics.catalog().keySerde(), topics.catalog().valueSerde())
                        .withName("catalog-source"),
                () -> new GlobalStoreMirror<Product>(PRODUCTS_STORE));
    }
}
