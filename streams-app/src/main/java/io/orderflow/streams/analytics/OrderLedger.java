package io.orderflow.streams.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the analytics have counted of one order (value of {@code analytics-order-ledger}): the lines
 * as counted at approval (with their category then), so that a cancellation or return takes out
 * exactly what went in, and the times of approval and first shipment for the cycle. Placement and
 * delivery are told by the events' transitions, so no flag is kept for them (ledgers written before
 * carry {@code placed} and {@code delivered}, which reading ignores); an order never approved nor
 * shipped has no ledger.
 */
final class OrderLedger {

    boolean counted;
    /** Taken out by a cancellation after approval: no return can take anything out any more. */
    boolean cancelled;
    Long approvedAt;
    Long shippedAt;
    String channel;
    String customerId;
    /** The order's currency when counted: the figures it went into (null only before {@link #currency} is set). */
    String currency;
    /** The day the counted lines were booked on: the order's own date at approval. */
    LocalDate bookedOn;
    List<CountedLine> lines = new ArrayList<>();
    Map<String, Integer> returned = new HashMap<>();

    /**
     * A line as counted: quantity, unit price and amount (net of its share of the order's discount), category
     * resolved at approval.
     */
    record CountedLine(String sku, String category, int quantity, BigDecimal unitPrice, BigDecimal amount) {

        /** The amount of {@code units} of the line: its amount in proportion, to the cent (half up). */
        BigDecimal amountOf(int units) {
            if (units >= quantity) {
                return amount;
            }
            return amount.multiply(BigDecimal.valueOf(units))
                    .divide(BigDecimal.valueOf(quantity), 2, java.math.RoundingMode.HALF_UP);
        }
    }
}
