package io.orderflow.streams.alerts;

import io.orderflow.avro.AlertType;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Shipment;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** When an order's alerts fall due ({@code docs/domain.md}, "Timeliness: alerts"), as pure functions of its state. */
final class AlertRules {

    private static final Set<OrderStatus> DELIVERED_OR_CLOSED =
            Set.of(OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.CANCELLED);

    /** What a payment overdue waits for: the order paid in full (or refunded). */
    private static final Set<PaymentStatus> UNSETTLED = Set.of(PaymentStatus.UNPAID, PaymentStatus.PARTIALLY_PAID);

    private final AlertSettings settings;

    AlertRules(AlertSettings settings) {
        this.settings = settings;
    }

    /** Per alert type, the instant (epoch millis) at which it becomes due for this state; empty when none can. */
    Map<AlertType, Long> dueTimes(OrderState order) {
        Map<AlertType, Long> due = new EnumMap<>(AlertType.class);
        if (order.getExpectedDeliveryDate() != null
                && order.getDeliveredAt() == null
                && !DELIVERED_OR_CLOSED.contains(order.getStatus())) {
            // The date passes at the end of that day where the customer was promised it.
            Instant endOfDay = order.getExpectedDeliveryDate().plusDays(1).atStartOfDay(settings.zone()).toInstant();
            due.put(AlertType.OVERDUE_DELIVERY, endOfDay.toEpochMilli());
        }
        if (order.getPaymentDueAt() != null && order.getStatus() != OrderStatus.CANCELLED
                && UNSETTLED.contains(order.getPaymentStatus())) {
            // credit terms: unpaid (in full) when the days after delivery have run out
            due.put(AlertType.PAYMENT_OVERDUE, order.getPaymentDueAt().toEpochMilli());
        }
        Duration allowed = allowedStall(order);
        if (allowed != null) {
            due.put(AlertType.STALLED, stalledSince(order).plus(allowed).toEpochMilli());
        }
        return due;
    }

    /** A held order waits on purpose: the hold's own limit replaces its status's while it holds. */
    private Duration allowedStall(OrderState order) {
        return order.getHold() != null ? settings.stalledOnHold() : settings.stalledAfter().get(order.getStatus());
    }

    /**
     * Held, the clock runs from the hold. In transit, each carrier scan shows the parcel moving: the clock restarts
     * at the latest one.
     */
    private static Instant stalledSince(OrderState order) {
        if (order.getHold() != null) {
            return order.getHold().getHeldAt();
        }
        Instant since = order.getStatusSince();
        if (order.getStatus() == OrderStatus.IN_TRANSIT) {
            for (Shipment shipment : order.getShipments()) {
                if (shipment.getLastScanAt() != null && shipment.getLastScanAt().isAfter(since)) {
                    since = shipment.getLastScanAt();
                }
            }
        }
        return since;
    }

    String message(AlertType type, OrderState order, long dueAt) {
        return switch (type) {
            case OVERDUE_DELIVERY -> "Order " + order.getOrderId() + " was expected by "
                    + order.getExpectedDeliveryDate() + " and is not delivered (" + order.getStatus() + ")";
            case STALLED -> order.getHold() != null
                    ? "Order " + order.getOrderId() + " has been held (" + order.getHold().getReason() + ") since "
                            + order.getHold().getHeldAt() + ", longer than the " + settings.stalledOnHold() + " allowed"
                    : "Order " + order.getOrderId() + " has been " + order.getStatus() + " since "
                    + stalledSince(order) + ", longer than the " + settings.stalledAfter().get(order.getStatus())
                    + " allowed";
            case PAYMENT_OVERDUE -> "Order " + order.getOrderId() + " of customer " + order.getCustomer().getId()
                    + " is " + order.getPaymentStatus() + ": " + order.getTotalAmount().subtract(order.getPaidAmount())
                    + " " + order.getCurrency() + " was due by " + order.getPaymentDueAt() + " ("
                    + order.getPaymentTerms().getDueDays() + " days after delivery)";
            default -> type + " for order " + order.getOrderId();
        };
    }

    static String alertId(AlertType type, String orderId) {
        return type + ":" + orderId;
    }
}
