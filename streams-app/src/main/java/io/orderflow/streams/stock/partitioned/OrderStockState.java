package io.orderflow.streams.stock.partitioned;

import java.util.List;

/**
 * The stock side of one order, as the order's task keeps it beside the order: the approval being
 * served, its lines sorted by SKU, its priority, the current attempt and where it stands.
 * {@code wakePending}: a SKU woke the order while the attempt was still out (retry at once if it
 * falls short); {@code shortReported}: the lifecycle has heard "short" for this approval.
 */
public record OrderStockState(String orderId, String approvalId, long priority, List<Line> lines, int attempt,
        Phase phase, boolean wakePending, boolean shortReported) {

    /** Where the order's stock stands. */
    public enum Phase {
        /** No approval to serve (never approved, or dropped). */
        IDLE,
        /** An attempt's chain is out. */
        HOLDING,
        /** Every line reserved (the last confirms may still be on their way). */
        RESERVED,
        /** Short; waits for a SKU to wake it. */
        WAITING
    }

    public OrderStockState {
        lines = List.copyOf(lines);
    }

    public static OrderStockState initial(String orderId) {
        return new OrderStockState(orderId, null, 0, List.of(), 0, Phase.IDLE, false, false);
    }

    OrderStockState with(int attempt, Phase phase, boolean wakePending, boolean shortReported) {
        return new OrderStockState(orderId, approvalId, priority, lines, attempt, phase, wakePending, shortReported);
    }
}
