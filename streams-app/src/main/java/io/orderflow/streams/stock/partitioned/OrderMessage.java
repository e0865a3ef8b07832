package io.orderflow.streams.stock.partitioned;

import java.util.List;

/** A SKU's answer to an order's coordinator, keyed by {@link #orderId()}. */
public sealed interface OrderMessage {

    String orderId();

    /** The last SKU of the chain reserved its line: every line of the attempt is held or reserved. */
    record Reserved(String orderId, int attempt) implements OrderMessage {
    }

    /** The attempt is short; {@code shortfall} lists, per short SKU, the quantity missing now. */
    record Short(String orderId, int attempt, List<Line> shortfall) implements OrderMessage {
        public Short {
            shortfall = List.copyOf(shortfall);
        }
    }

    /**
     * Stock for the order arrived at {@code sku}, where it has waited since {@code afterAttempt}; the
     * SKU has set it aside (counted as held) until the order's next attempt comes by.
     */
    record Wake(String orderId, String sku, int afterAttempt) implements OrderMessage {
    }
}
