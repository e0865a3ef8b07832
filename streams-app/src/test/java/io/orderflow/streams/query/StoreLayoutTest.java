package io.orderflow.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.streams.OrderflowTopology;
import io.orderflow.streams.Topics;
import io.orderflow.streams.alerts.AlertTopology;
import io.orderflow.streams.analytics.AnalyticsTopology;
import io.orderflow.streams.order.OrderLifecycleTopology;
import io.orderflow.streams.query.state.StoreLayout;
import io.orderflow.streams.refusals.RefusalTopology;
import io.orderflow.streams.stock.StockTopology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** The stages by which a written topic reaches each store, read from the app's own topology. */
class StoreLayoutTest {

    private final StoreLayout layout = StoreLayout.of(OrderflowTopology.build(
            Topics.from(Map.of(), new io.orderflow.serde.InMemorySchemaRegistry())).describe());

    @Test
    void shouldReachTheOrdersStoreFromAnOrderCommandInOneStage() {
        assertThat(layout.stages("order-commands", OrderLifecycleTopology.ORDERS_STORE))
                .containsExactly(Set.of("order-commands"));
    }

    @Test
    void shouldKeepAnOrdersAlertsInTheTaskOfTheOrderItself() {
        // Same stage as orders-store: the alerts of an order's partition are always on the instance
        // that holds the order, so a lookup reads both there (BENCHMARKS.md, figure 4).
        assertThat(layout.stages("order-commands", AlertTopology.ACTIVE_STORE))
                .containsExactly(Set.of("order-commands"));
        assertThat(layout.stages("order-commands", AlertTopology.DUE_STORE))
                .containsExactly(Set.of("order-commands"));
        assertThat(subtopologyOf(AlertTopology.ACTIVE_STORE)).isEqualTo(subtopologyOf(OrderLifecycleTopology.ORDERS_STORE));
    }

    private static int subtopologyOf(String store) {
        return OrderflowTopology.build(Topics.from(Map.of(), new io.orderflow.serde.InMemorySchemaRegistry()))
                .describe().subtopologies().stream()
                .filter(subtopology -> subtopology.nodes().stream()
                        .anyMatch(node -> node instanceof TopologyDescription.Processor processor
                                && processor.stores().contains(store)))
                .mapToInt(TopologyDescription.Subtopology::id)
                .findFirst().orElseThrow();
    }

    @Test
    void shouldReachASkusStockThroughTheStockBySkuFromAnOrderCommandAndDirectlyFromAStockMovement() {
        List<Set<String>> fromCommand = layout.stages("order-commands", StockTopology.STOCK_STORE);
        assertThat(fromCommand).hasSize(2);
        assertThat(fromCommand.get(1)).contains("orderflow-stock-by-sku");
        // stock-movements is read by the task that owns the SKU, with no relay
        assertThat(layout.stages("stock-movements", StockTopology.STOCK_STORE)).containsExactly(Set.of("stock-movements"));
    }

    @Test
    void shouldReachTheReportsInTheTaskOfTheOrderItself() {
        // The analytics add up the lifecycle's events where it makes them: no stage reads order-events back.
        assertThat(layout.stages("order-commands", AnalyticsTopology.CUSTOMERS_STORE))
                .containsExactly(Set.of("order-commands"));
        assertThat(subtopologyOf(AnalyticsTopology.CUSTOMERS_STORE)).isEqualTo(subtopologyOf(AnalyticsTopology.LEDGER_STORE))
                .isEqualTo(subtopologyOf(OrderLifecycleTopology.ORDERS_STORE));
    }

    @Test
    void shouldKeepAnOrdersRefusalsInTheTaskOfTheOrderItself() {
        // The order processor's refusals are kept where they are made; the SKUs' come back to the order's task.
        assertThat(layout.stages("order-commands", RefusalTopology.STORE)).containsExactly(Set.of("order-commands"));
        assertThat(subtopologyOf(RefusalTopology.STORE)).isEqualTo(subtopologyOf(OrderLifecycleTopology.ORDERS_STORE));
        assertThat(layout.stages("order-refusals", RefusalTopology.STORE)).isNotEmpty();
    }

    @Test
    void shouldNotWaitForATopicThatNeverReachesTheStore() {
        assertThat(layout.stages("tracking-scans", StockTopology.STOCK_STORE)).isNotEmpty();
        assertThat(layout.stages("no-such-topic", OrderLifecycleTopology.ORDERS_STORE)).isEmpty();
    }
}
