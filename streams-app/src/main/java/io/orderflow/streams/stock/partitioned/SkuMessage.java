package io.orderflow.streams.stock.partitioned;

import java.util.List;

/**
 * A message to the task that owns one SKU (keyed by {@link #sku()}). Messages about an order's
 * stock carry the order id and the order's attempt number: a SKU remembers, per order, the
 * newest attempt it has seen and the attempts the order has closed, so a duplicate or a replay of
 * any of them changes nothing. Movements carry their own id and are remembered per SKU.
 */
public sealed interface SkuMessage {

    String sku();

    /**
     * One step of an attempt's chain: hold {@code lines.get(index)} for the order. The lines are
     * sorted by SKU; the SKU forwards the hold to the next line's SKU, the last one reserves.
     * {@code priority} is the order's place in line (its approval), the same for every attempt.
     */
    record Hold(String orderId, int attempt, long priority, List<Line> lines, int index) implements SkuMessage {
        public Hold {
            lines = List.copyOf(lines);
        }

        @Override
        public String sku() {
            return lines.get(index).sku();
        }
    }

    /**
     * The rest of a chain whose attempt is already short: the SKU holds nothing, notes whether it
     * is short too (then the order waits here as well) and passes the shortfall on.
     */
    record Probe(String orderId, int attempt, long priority, List<Line> lines, int index, List<Line> shortfall)
            implements SkuMessage {
        public Probe {
            lines = List.copyOf(lines);
            shortfall = List.copyOf(shortfall);
        }

        @Override
        public String sku() {
            return lines.get(index).sku();
        }
    }

    /** The attempt held every line: what this SKU holds for it becomes a reservation. */
    record Confirm(String sku, String orderId, int attempt) implements SkuMessage {
    }

    /** The attempt fell short further on: what this SKU holds for it goes back. */
    record Release(String sku, String orderId, int attempt) implements SkuMessage {
    }

    /**
     * The order's approval is over (cancelled, amended, closed short): everything of attempts up to
     * {@code attempt} goes back, and messages of those attempts are stale from now on.
     */
    record Drop(String sku, String orderId, int attempt) implements SkuMessage {
    }

    /** Reserved units leave the warehouse. {@code attempt} is the attempt that reserved them. */
    record Ship(String sku, String orderId, int attempt, String shipmentId, int quantity) implements SkuMessage {
    }

    /** Returned goods are back on the shelf. */
    record Restock(String sku, String orderId, String returnId, int quantity) implements SkuMessage {
    }

    /** Goods received (from {@code stock-movements}); the quantity must be positive. */
    record Receipt(String sku, String movementId, int quantity) implements SkuMessage {
    }

    /** A stocktake correction (from {@code stock-movements}), up or down, never zero. */
    record Adjustment(String sku, String movementId, int quantity) implements SkuMessage {
    }
}
