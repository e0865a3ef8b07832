package io.orderflow.streams.stock.partitioned;

import io.orderflow.streams.stock.partitioned.OrderStockState.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * The order's side of the stock protocol, a pure state machine: the order's task starts an
 * attempt on approval, hears the chain's answer, retries when a SKU wakes it, drops everything
 * when the approval ends, and reports to the order's lifecycle. See the package documentation.
 */
public final class OrderStock {

    /** What the order's lifecycle hears: reserved (APPROVED) or short (AWAITING_STOCK, once). */
    public sealed interface Report {
        String orderId();
    }

    public record StockReserved(String orderId, String approvalId, int attempt) implements Report {
    }

    public record StockShort(String orderId, String approvalId, List<Line> shortfall) implements Report {
        public StockShort {
            shortfall = List.copyOf(shortfall);
        }
    }

    /** The next state, the messages to SKUs (keyed by SKU) and the reports to the lifecycle. */
    public record Step(OrderStockState state, List<SkuMessage> toSkus, List<Report> reports) {
        public Step {
            toSkus = List.copyOf(toSkus);
            reports = List.copyOf(reports);
        }

        public boolean silent() {
            return toSkus.isEmpty() && reports.isEmpty();
        }
    }

    private OrderStock() {
    }

    /**
     * An approval asks for the lines' stock: the first attempt starts. {@code priority} is the
     * order's place in line at every SKU (the approval's log position or time; ties go by order id).
     * A repeated approval, or one while another is served, changes nothing.
     */
    public static Step approve(OrderStockState state, String approvalId, long priority, List<Line> lines) {
        if (state.phase() != Phase.IDLE || approvalId.equals(state.approvalId()) || lines.isEmpty()) {
            return new Step(state, List.of(), List.of());
        }
        OrderStockState approved = new OrderStockState(state.orderId(), approvalId, priority, Line.bySku(lines),
                state.attempt(), Phase.IDLE, false, false);
        return attempt(approved);
    }

    /** The approval ends (cancellation, amendment, closing short): every SKU lets go of the order. */
    public static Step drop(OrderStockState state) {
        if (state.phase() == Phase.IDLE) {
            return new Step(state, List.of(), List.of());
        }
        List<SkuMessage> drops = new ArrayList<>();
        for (Line line : state.lines()) {
            drops.add(new SkuMessage.Drop(line.sku(), state.orderId(), state.attempt()));
        }
        return new Step(state.with(state.attempt(), Phase.IDLE, false, false), drops, List.of());
    }

    /** Ships reserved lines; idempotent at the SKU by shipment id. */
    public static List<SkuMessage> ship(OrderStockState state, String shipmentId, List<Line> lines) {
        List<SkuMessage> ships = new ArrayList<>();
        for (Line line : Line.bySku(lines)) {
            ships.add(new SkuMessage.Ship(line.sku(), state.orderId(), state.attempt(), shipmentId, line.quantity()));
        }
        return ships;
    }

    /** Returned goods back to stock; idempotent at the SKU by return id. */
    public static List<SkuMessage> restock(String orderId, String returnId, List<Line> lines) {
        List<SkuMessage> restocks = new ArrayList<>();
        for (Line line : Line.bySku(lines)) {
            restocks.add(new SkuMessage.Restock(line.sku(), orderId, returnId, line.quantity()));
        }
        return restocks;
    }

    public static Step handle(OrderStockState state, OrderMessage message) {
        Step unchanged = new Step(state, List.of(), List.of());
        if (message instanceof OrderMessage.Reserved reserved) {
            if (state.phase() != Phase.HOLDING || reserved.attempt() != state.attempt()) {
                return unchanged;
            }
            return new Step(state.with(state.attempt(), Phase.RESERVED, false, state.shortReported()), List.of(),
                    List.of(new StockReserved(state.orderId(), state.approvalId(), state.attempt())));
        }
        if (message instanceof OrderMessage.Short answer) {
            if (state.phase() != Phase.HOLDING || answer.attempt() != state.attempt()) {
                return unchanged;
            }
            if (state.wakePending()) {
                // a SKU set stock aside for the order while this attempt was out: try again now
                return attempt(state);
            }
            List<Report> reports = state.shortReported() ? List.of()
                    : List.of(new StockShort(state.orderId(), state.approvalId(), answer.shortfall()));
            return new Step(state.with(state.attempt(), Phase.WAITING, false, true), List.of(), reports);
        }
        if (message instanceof OrderMessage.Wake wake) {
            if (wake.afterAttempt() != state.attempt()) {
                // a newer attempt is out or done: its hold or probe takes up what was set aside
                return unchanged;
            }
            if (state.phase() == Phase.WAITING) {
                return attempt(state);
            }
            if (state.phase() == Phase.HOLDING && !state.wakePending()) {
                return new Step(state.with(state.attempt(), Phase.HOLDING, true, state.shortReported()),
                        List.of(), List.of());
            }
            return unchanged;
        }
        return unchanged;
    }

    private static Step attempt(OrderStockState state) {
        int attempt = state.attempt() + 1;
        OrderStockState next = state.with(attempt, Phase.HOLDING, false, state.shortReported());
        return new Step(next, List.of(new SkuMessage.Hold(state.orderId(), attempt, state.priority(), state.lines(),
                0)), List.of());
    }
}
