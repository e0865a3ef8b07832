package io.orderflow.streams.order;

import static io.orderflow.avro.OrderStatus.APPROVED;
import static io.orderflow.avro.OrderStatus.AWAITING_STOCK;
import static io.orderflow.avro.OrderStatus.CANCELLED;
import static io.orderflow.avro.OrderStatus.COMPLETED;
import static io.orderflow.avro.OrderStatus.DELIVERED;
import static io.orderflow.avro.OrderStatus.IN_TRANSIT;
import static io.orderflow.avro.OrderStatus.PARTIALLY_SHIPPED;
import static io.orderflow.avro.OrderStatus.PENDING_REVIEW;
import static io.orderflow.avro.OrderStatus.RETURNED;
import static io.orderflow.avro.OrderStatus.SERVICE_SCHEDULED;
import static io.orderflow.avro.OrderStatus.SHIPPED;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Cancellation;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentStatus;
import io.orderflow.avro.Role;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.contract.OrderLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An order of a shop's ledger brought in in its own status ({@code ImportOrder}, {@code docs/domain.md},
 * "Moving in"): the status the command reaches, what its row must hold to be believed, what it claims of its
 * SKUs, and the state it starts in. Stock: what the ledger says has shipped is not deducted again (the stock's
 * own figures already lack it); what an approved order has still to ship is claimed as an approval claims it.
 */
final class OrderImports {

    /** Statuses in which nothing has shipped yet. */
    private static final Set<OrderStatus> UNSHIPPED =
            EnumSet.of(PENDING_REVIEW, RETURNED, APPROVED, AWAITING_STOCK, SERVICE_SCHEDULED);
    /** Statuses in which every goods line has left. */
    private static final Set<OrderStatus> SHIPPED_IN_FULL = EnumSet.of(SHIPPED, IN_TRANSIT, DELIVERED, COMPLETED);
    private static final Set<OrderStatus> DELIVERED_ONES = EnumSet.of(DELIVERED, COMPLETED);

    /** Why a row cannot be believed: a refusal's code and text. */
    record Problem(String code, String text) {
    }

    private OrderImports() {
    }

    /** The status {@code action} (the import, or the SKUs' answer to it) brings the imported order to. */
    static OrderStatus reached(Action action, ImportOrder imported) {
        return switch (action) {
            case STOCK_SHORT -> AWAITING_STOCK;
            case STOCK_RESERVED -> imported.getStatus() == AWAITING_STOCK ? APPROVED : imported.getStatus();
            default -> imported.getStatus();
        };
    }

    /** Units shipped per SKU, as the ledger says; every goods unit for an order shipped in full that names none. */
    static Map<String, Integer> shipped(ImportOrder imported) {
        if (imported.getShipped().isEmpty() && SHIPPED_IN_FULL.contains(imported.getStatus())) {
            return ordered(imported);
        }
        return OrderLines.bySku(imported.getShipped());
    }

    /** What is still to ship, per SKU: the claim on stock of an order imported before it shipped in full. */
    static List<ShipmentLine> open(ImportOrder imported) {
        Map<String, Integer> open = ordered(imported);
        shipped(imported).forEach((sku, quantity) -> open.merge(sku, -quantity, Integer::sum));
        open.values().removeIf(quantity -> quantity <= 0);
        return OrderLines.lines(open);
    }

    /** What is wrong with the row beyond its lines (which are checked as a placement's). */
    static Optional<Problem> problem(ImportOrder imported, BigDecimal total) {
        OrderStatus status = imported.getStatus();
        Map<String, Integer> ordered = ordered(imported);
        for (ShipmentLine line : imported.getShipped()) {
            if (line.getQuantity() <= 0) {
                return problem(Refusals.INVALID_QUANTITY, "shipped quantities must be positive");
            }
        }
        for (Map.Entry<String, Integer> line : OrderLines.bySku(imported.getShipped()).entrySet()) {
            int quantity = ordered.getOrDefault(line.getKey(), 0);
            if (line.getValue() > quantity) {
                return problem(Refusals.QUANTITY_EXCEEDS, line.getValue() + " x " + line.getKey() + " shipped, only "
                        + quantity + " ordered as goods");
            }
        }
        boolean someShipped = !imported.getShipped().isEmpty();
        boolean allShipped = open(imported).isEmpty();
        if (UNSHIPPED.contains(status) && someShipped) {
            return problem(Refusals.QUANTITY_EXCEEDS, "an order that is " + status + " has shipped nothing");
        }
        if (status == PARTIALLY_SHIPPED && (!someShipped || allShipped)) {
            return problem(Refusals.INVALID_QUANTITY, "an order that is PARTIALLY_SHIPPED has shipped some of its"
                    + " goods, not none and not all");
        }
        if (SHIPPED_IN_FULL.contains(status) && !allShipped) {
            return problem(Refusals.INVALID_QUANTITY, "an order that is " + status + " has shipped all its goods;"
                    + " still open: " + open(imported).stream().map(l -> l.getQuantity() + " x " + l.getSku())
                    .toList());
        }
        BigDecimal paid = imported.getPaidAmount();
        if (paid != null) {
            if (paid.signum() < 0) {
                return problem(Refusals.INVALID_AMOUNT, "the amount paid must not be negative");
            }
            if (!OrderLimits.PAYMENT.fits(paid)) {
                return problem(Refusals.AMOUNT_TOO_LARGE, "the amount paid must be at most "
                        + OrderLimits.PAYMENT.max().toPlainString());
            }
            if (paid.compareTo(total) > 0) {
                return problem(Refusals.OVERPAYMENT, "paid " + paid + " exceeds the total " + total);
            }
        }
        return Optional.empty();
    }

    /**
     * The order as the ledger has it, in {@code to}: entered by the ledger's creator (a sales actor) at the
     * ledger's time, reviewed by its reviewer, shipped, delivered and paid as it says. Its lines reserve nothing
     * yet, and nothing it shipped goes to the stock.
     */
    static OrderState state(Command command, OrderStatus to) {
        ImportOrder imported = (ImportOrder) command.payload();
        Actor creator = imported.getCreatedBy() == null ? command.actor()
                : new Actor(imported.getCreatedBy(), Role.SALES);
        OrderState next = OrderRules.placed(command.orderId(), imported.getOrder(), creator,
                Objects.requireNonNullElse(imported.getCreatedAt(), command.at()));
        next.setOwner(imported.getOwner() != null ? imported.getOwner() : creator.getId());
        if (imported.getReviewer() != null) {
            next.setReviewer(new Actor(imported.getReviewer(), Role.REVIEWER));
            next.setReviewedAt(imported.getReviewedAt());
        }
        OrderLines.distribute(next, shipped(imported), line -> line.getLine().getQuantity(),
                (line, quantity) -> line.setShippedQuantity(line.getShippedQuantity() + quantity));
        List<Shipment> shipments = new ArrayList<>();
        imported.getShipments().forEach(shipment -> shipments.add(Shipment.newBuilder(shipment).build()));
        next.setShipments(shipments);
        if (DELIVERED_ONES.contains(to) && OrderLines.hasGoods(next)) {
            Instant delivered = imported.getDeliveredAt() != null ? imported.getDeliveredAt()
                    : shipments.stream().map(Shipment::getDeliveredAt).filter(Objects::nonNull)
                            .max(Comparator.naturalOrder())
                            .orElse(Objects.requireNonNullElse(imported.getUpdatedAt(), command.at()));
            next.setDeliveredAt(delivered);
            shipments.stream().filter(shipment -> shipment.getDeliveredAt() == null)
                    .forEach(shipment -> shipment.setDeliveredAt(delivered));
        }
        BigDecimal paid = imported.getPaidAmount() == null ? BigDecimal.ZERO : imported.getPaidAmount();
        next.setPaidAmount(paid.setScale(2, RoundingMode.UNNECESSARY));
        next.setPaymentStatus(paid.signum() == 0 ? PaymentStatus.UNPAID
                : paid.compareTo(next.getTotalAmount()) >= 0 ? PaymentStatus.PAID : PaymentStatus.PARTIALLY_PAID);
        next.setExceptionNote(imported.getExceptionNote());
        if (to == CANCELLED) {
            Instant at = Objects.requireNonNullElse(imported.getUpdatedAt(), command.at());
            next.setCancellation(new Cancellation("cancelled in the ledger " + imported.getSource(), command.actor(),
                    at, command.actor(), at));
        }
        return next;
    }

    /** The carriers' keys of the imported parcels, so that their scans reach the order. */
    static List<String> trackingKeys(OrderState order) {
        return order.getShipments().stream()
                .filter(shipment -> !shipment.getCarrier().isBlank() && !shipment.getTrackingNumber().isBlank())
                .map(shipment -> shipment.getCarrier() + ":" + shipment.getTrackingNumber())
                .toList();
    }

    private static Map<String, Integer> ordered(ImportOrder imported) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (OrderLine line : imported.getOrder().getLines()) {
            if (line.getKind() == LineKind.GOODS) {
                quantities.merge(line.getSku(), line.getQuantity(), Integer::sum);
            }
        }
        return quantities;
    }

    private static Optional<Problem> problem(String code, String text) {
        return Optional.of(new Problem(code, text));
    }
}
