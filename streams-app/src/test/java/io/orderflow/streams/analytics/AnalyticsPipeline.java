package io.orderflow.streams.analytics;

import io.orderflow.avro.OrderEvent;
import io.orderflow.streams.catalog.CatalogTopology;
import io.orderflow.streams.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The analytics as production builds them ({@code OrderflowTopology}): {@link AnalyticsTopology#build} on
 * a stream of order events, categories from {@link CatalogTopology}'s products. The one difference: the
 * events are read from {@code order-events}, where production hands over the lifecycle's own, so that a
 * test can write any event log it likes.
 */
final class AnalyticsPipeline {

    private AnalyticsPipeline() {
    }

    static Topology build(Topics topics, AnalyticsSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        CatalogTopology.addTo(builder, topics);
        KStream<String, OrderEvent> events = builder.stream(topics.orderEvents().name(),
                Consumed.with(topics.orderEvents().keySerde(), topics.orderEvents().valueSerde()));
        AnalyticsTopology.build(events, CatalogTopology.PRODUCTS_STORE, topics.lateSales(), topics.registry(), settings);
        return builder.build();
    }
}
