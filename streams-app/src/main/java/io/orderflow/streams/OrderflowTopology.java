package io.orderflow.streams;

import io.orderflow.avro.Refusal;
import io.orderflow.streams.alerts.AlertSettings;
import io.orderflow.streams.alerts.AlertTopology;
import io.orderflow.streams.analytics.AnalyticsSettings;
import io.orderflow.streams.analytics.AnalyticsTopology;
import io.orderflow.streams.catalog.CatalogTopology;
import io.orderflow.streams.customer.CustomerTopology;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.order.OrderSettings;
import io.orderflow.streams.refusals.RefusalTopology;
import io.orderflow.streams.stock.StockTopology;
import io.orderflow.streams.tracking.TrackingTopology;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole pipeline: catalog, order lifecycle, stock by SKU and tracking, the alerts on the order
 * states the lifecycle writes and the analytics on the events it writes, both in the lifecycle's own
 * task (an order and its alerts are always on the same instance; the events are not read back from
 * {@code order-events}, decoded again and added up a commit later), each built by its own class. The
 * analytics look categories up in the catalog's global store. The customer records and the open receivables of
 * customers with a credit limit are global stores too ({@link CustomerTopology}), which approvals read. The refusals
 * are kept per order in the lifecycle's task too, the SKUs' reaching it from {@code order-refusals}.
 */
public final class OrderflowTopology {

    private OrderflowTopology() {
    }

    /** The pipeline with the default alert and analytics settings. */
    public static Topology build(Topics topics) {
        return build(topics, Map.of());
    }

    /**
     * The pipeline with lifecycle, alert and analytics settings (refund four-eyes amount, stall limits, time zone,
     * grace...) from {@code settings}.
     */
    public static Topology build(Topics topics, Map<String, String> settings) {
        StreamsBuilder builder = new StreamsBuilder();
        AtomicReference<KStream<String, Refusal>> refusalsOfOrders = new AtomicReference<>();
        CatalogTopology.addTo(builder, topics);
        AlertSettings alertSettings = AlertSettings.fromEnv(settings);
        AnalyticsSettings analyticsSettings = AnalyticsSettings.fromEnv(settings);
        OrderLifecycleTopology.addTo(builder, topics, OrderSettings.fromEnv(settings),
                changes -> {
                    AlertTopology.build(changes, OrderLifecycleTopology.ORDERS_STORE, topics.alerts(), alertSettings);
                    CustomerTopology.exposures(changes, topics);
                },
                events -> AnalyticsTopology.build(events, CatalogTopology.PRODUCTS_STORE, topics.lateSales(),
                        topics.registry(), analyticsSettings),
                refusalsOfOrders::set);
        StockTopology.addTo(builder, topics);
        TrackingTopology.addTo(builder, topics);
        // where the refusals' own sub-topology was: the sub-topologies (and tasks) of earlier releases keep their
        // numbers; its keeper now runs in the lifecycle's task, on the refusals handed over there
        RefusalTopology.addTo(builder, topics, refusalsOfOrders.get());
        // last, for the same reason
        CustomerTopology.addTo(builder, topics);
        return builder.build();
    }
}
