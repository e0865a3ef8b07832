package io.orderflow.streams;

import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.stock.StockTopology;
import io.orderflow.streams.tracking.TrackingTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** The whole pipeline: catalog, order lifecycle, stock ledger and tracking, each built by its own class. */
public final class OrderflowTopology {

    private OrderflowTopology() {
    }

    public static Topology build(Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        CatalogTopology.addTo(builder, topics);
        OrderLifecycleTopology.addTo(builder, topics);
        StockTopology.addTo(builder, topics);
        TrackingTopology.addTo(builder, topics);
        return builder.build();
    }
}
