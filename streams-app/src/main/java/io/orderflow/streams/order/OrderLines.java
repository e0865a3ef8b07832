package io.orderflow.streams.order;

import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.ShipmentLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** Quantities of an order's lines per SKU. */
public final class OrderLines {

    private OrderLines() {
    }

    public static boolean hasGoods(OrderState order) {
        return order.getLines().stream().anyMatch(line -> line.getLine().getKind() == LineKind.GOODS);
    }

    /** Quantities per SKU in first-seen order (a SKU may appear on several lines). */
    public static Map<String, Integer> bySku(List<ShipmentLine> lines) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (ShipmentLine line : lines) {
            quantities.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        return quantities;
    }

    /** A per-line figure of the goods lines, summed per SKU; zero sums left out. */
    public static Map<String, Integer> goods(OrderState order, ToIntFunction<OrderLineState> figure) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (OrderLineState line : order.getLines()) {
            if (line.getLine().getKind() == LineKind.GOODS) {
                int quantity = figure.applyAsInt(line);
                if (quantity != 0) {
                    quantities.merge(line.getLine().getSku(), quantity, Integer::sum);
                }
            }
        }
        return quantities;
    }

    public static List<ShipmentLine> lines(Map<String, Integer> quantities) {
        List<ShipmentLine> lines = new ArrayList<>();
        quantities.forEach((sku, quantity) -> {
            if (quantity != 0) {
                lines.add(new ShipmentLine(sku, quantity));
            }
        });
        return lines;
    }

    /**
     * Spreads per-SKU quantities over the goods lines of that SKU, first line first, each line
     * taking at most {@code room(line)}, and applies {@code apply(line, taken)}.
     */
    public static void distribute(OrderState order, Map<String, Integer> quantities,
            ToIntFunction<OrderLineState> room, LineUpdate apply) {
        Map<String, Integer> left = new LinkedHashMap<>(quantities);
        for (OrderLineState line : order.getLines()) {
            String sku = line.getLine().getSku();
            if (line.getLine().getKind() == LineKind.GOODS && left.getOrDefault(sku, 0) > 0) {
                int taken = Math.min(left.get(sku), room.applyAsInt(line));
                if (taken > 0) {
                    apply.update(line, taken);
                    left.merge(sku, -taken, Integer::sum);
                }
            }
        }
    }

    /** Applies a quantity to one line. */
    @FunctionalInterface
    public interface LineUpdate {
        void update(OrderLineState line, int quantity);
    }
}
