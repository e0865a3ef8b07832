package io.orderflow.streams.order;

import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockRequest;
import java.util.List;

/** The outcome of a command on an order. */
public sealed interface Decision {

    /**
     * The change is made.
     *
     * @param stockRequests what the order's SKUs must do as a consequence (release, ship, restock)
     * @param trackingKeys {@code carrier:trackingNumber} of a shipment made, to route its scans here
     */
    record Accepted(OrderState state, OrderEvent event, List<StockRequest> stockRequests, List<String> trackingKeys)
            implements Decision {
    }

    /** The command is refused; the order stays as it was. */
    record Refused(Refusal refusal) implements Decision {
    }

    /**
     * The approval is valid, and the order has goods: its SKUs must reserve every line (or none)
     * before the order moves. Its answer comes back as {@link Action#STOCK_RESERVED} or {@link Action#STOCK_SHORT}.
     */
    record ReserveStock(StockRequest request) implements Decision {
    }
}
