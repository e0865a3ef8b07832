package io.orderflow.demo;

import io.orderflow.api.DemoKeys;
import io.orderflow.demo.Customers.Customer;
import io.orderflow.demo.DemoCatalog.Item;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * How one order's life will go, decided when it is placed: who buys what through which channel, when it is due,
 * and its fate (completed, cancelled before or after approval, returned). {@link OrderSteps} turns it into the
 * requests.
 *
 * @param number         the order's number within this run (names its Idempotency-Keys)
 * @param late           due before it can be delivered (entered late or imported): an overdue alert follows
 * @param sentBack       the reviewer first returns it for changes; sales amends and resubmits
 * @param shipments      one, or two for a partial shipment
 * @param delayScan      SF reports a DELAYED scan on the way
 */
public record OrderPlan(
        int number,
        String channel,
        Customer customer,
        String paymentMethod,
        Payment payment,
        List<Line> lines,
        LocalDate orderDate,
        LocalDate expectedDelivery,
        boolean late,
        Fate fate,
        boolean sentBack,
        String carrier,
        List<Shipment> shipments,
        boolean delayScan) {

    /** How the order ends. */
    public enum Fate {
        COMPLETED,
        CANCELLED_BEFORE_REVIEW,
        CANCELLED_AFTER_APPROVAL,
        RETURN_APPROVED,
        RETURN_REJECTED
    }

    /** When the customer pays. */
    public enum Payment {
        UP_FRONT,
        ON_DELIVERY,
        NEVER
    }

    public record Line(Item item, int quantity) {
        public BigDecimal amount() {
            return item.unitPrice().multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    /** One parcel: what it carries and its tracking number. */
    public record Shipment(String trackingNumber, List<Requests.QuantityLine> lines) {
    }

    public BigDecimal total() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Special requirements given when placing; a late order says why it is entered late. */
    public String notesOnPlacing() {
        return late ? "补录订单 entered late from the paper ledger" : null;
    }

    public boolean bySf() {
        return DemoKeys.SF_CARRIER.equals(carrier);
    }

    @Override
    public String toString() {
        return "OrderPlan[#" + number + " " + channel + " " + lines.size() + " lines " + fate + " " + carrier
                + (late ? " late" : "") + "]";
    }
}
