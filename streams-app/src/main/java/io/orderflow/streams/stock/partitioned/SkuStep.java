package io.orderflow.streams.stock.partitioned;

import java.util.List;

/**
 * What one message did to one SKU: the state to store and what to send, each list to its topic:
 * SKU messages keyed by SKU (the chain's next hold or probe, confirms and releases of the chain's
 * other SKUs), answers keyed by order id, purchase requests and refusals keyed by SKU, low-stock
 * alert changes keyed {@code LOW_STOCK:<sku>}.
 */
public record SkuStep(SkuState state, List<SkuMessage> toSkus, List<OrderMessage> toOrders,
        List<PurchaseNeed> purchases, List<LowStock> alerts, List<Refused> refusals) {

    /** A purchase request for a real shortage: {@code quantity} more of the SKU would serve the order. */
    public record PurchaseNeed(String requestId, String sku, int quantity, String orderId) {
    }

    /** The LOW_STOCK alert of a SKU raised (available under the reorder point) or cleared. */
    public record LowStock(String sku, boolean raised, int available, int reorderPoint) {
    }

    /** A movement or shipment the SKU does not apply, with a code of {@code Refusals}. */
    public record Refused(String sku, String commandId, String orderId, String code, String reason) {
    }

    /** Whether the step sends or raises nothing. */
    public boolean silent() {
        return toSkus.isEmpty() && toOrders.isEmpty() && purchases.isEmpty() && alerts.isEmpty()
                && refusals.isEmpty();
    }
}
