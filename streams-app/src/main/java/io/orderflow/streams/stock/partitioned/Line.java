package io.orderflow.streams.stock.partitioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A quantity of one SKU: an order line as the stock protocol carries it. */
public record Line(String sku, int quantity) {

    public Line {
        if (sku == null || quantity <= 0) {
            throw new IllegalArgumentException("a line needs a SKU and a positive quantity: " + sku + " x " + quantity);
        }
    }

    /**
     * The lines merged per SKU and sorted by SKU: the order in which an attempt visits the SKUs.
     * Every attempt of every order takes its SKUs in this one global order, so no two attempts
     * can each hold what the other waits for.
     */
    public static List<Line> bySku(List<Line> lines) {
        Map<String, Integer> merged = new TreeMap<>();
        lines.forEach(line -> merged.merge(line.sku(), line.quantity(), Math::addExact));
        List<Line> sorted = new ArrayList<>();
        merged.forEach((sku, quantity) -> sorted.add(new Line(sku, quantity)));
        return List.copyOf(sorted);
    }
}
