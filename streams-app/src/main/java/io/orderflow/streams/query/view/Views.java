package io.orderflow.streams.query.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.Customer;
import io.orderflow.avro.CustomerClass;
import io.orderflow.avro.CustomerRecord;
import io.orderflow.avro.HistoryEntry;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTTP shapes of the query API, mapped field by field from the Avro records (never Avro
 * serialized as JSON). An order reads as the gateway's order body plus its execution fields.
 */
public final class Views {

    /** Statuses in which an order is done (green). */
    public static final Set<OrderStatus> DONE = Set.of(OrderStatus.DELIVERED, OrderStatus.COMPLETED,
            OrderStatus.CANCELLED, OrderStatus.RETURN_REJECTED, OrderStatus.RETURNED_GOODS_RECEIVED,
            OrderStatus.EXCHANGE_SHIPPED);

    private Views() {
    }

    public record ActorView(String id, String role) {
    }

    /**
     * An order's customer; {@code class} (VIP, REGULAR, NEW) as the customer record sets it, null when it sets none
     * (the class worked out from the customer's orders is in the customers report).
     */
    public record CustomerView(String id, String name, String contactName, String phone, String address,
                               @JsonProperty("class") String customerClass) {
    }

    /** A credit limit: the most the customer may owe on approved orders in {@code currency}. */
    public record CreditLimitView(BigDecimal amount, String currency) {
    }

    /** What the customer's approved orders still owe in the limit's currency, as last published, and how many. */
    public record ReceivablesView(BigDecimal amount, String currency, int orders) {
    }

    /** One change of a customer record: who, role, when, what changed (without personal data) and why. */
    public record CustomerChangeView(Instant at, String actor, String role, String changed, String reason) {
    }

    /**
     * A customer record as {@code GET /v1/customers/{id}} answers it: contact, phone and address masked as on orders;
     * {@code openReceivables} only for a customer with a credit limit.
     */
    public record CustomerRecordView(String id, String name, @JsonProperty("class") String customerClass,
                                     String contactName, String phone, String address,
                                     PaymentTermsView paymentTerms, CreditLimitView creditLimit,
                                     ReceivablesView openReceivables, String reason, ActorView updatedBy,
                                     Instant updatedAt, List<CustomerChangeView> history) {
    }

    public static CustomerRecordView customer(CustomerRecord c, Audience audience, ReceivablesView open) {
        return new CustomerRecordView(c.getId(), c.getName(),
                c.getCustomerClass() == null ? null : c.getCustomerClass().name(),
                audience.name(c.getContactName()), audience.phone(c.getPhone()), audience.address(c.getAddress()),
                c.getPaymentTerms() == null ? null : new PaymentTermsView(c.getPaymentTerms().getDueDays()),
                c.getCreditLimit() == null ? null
                        : new CreditLimitView(c.getCreditLimit().getAmount(), c.getCreditLimit().getCurrency()),
                open, c.getReason(), actor(c.getUpdatedBy()), c.getUpdatedAt(),
                c.getHistory().stream().map(h -> new CustomerChangeView(h.getAt(), h.getActor().getId(),
                        h.getActor().getRole().name(), h.getChanged(), h.getReason())).toList());
    }

    public record LineView(String sku, String productName, String spec, int quantity, BigDecimal unitPrice,
                           BigDecimal amount, boolean taxIncluded, String kind, String serviceContent,
                           Integer serviceDurationMinutes, int reservedQuantity, int shippedQuantity,
                           int returnedQuantity) {
    }

    public record QuantityView(String sku, int quantity) {
    }

    public record ShipmentView(String shipmentId, String carrier, String trackingNumber, List<QuantityView> lines,
                               Instant shippedAt, boolean exchange, String lastScanStatus, Instant lastScanAt,
                               String lastScanLocation, Instant deliveredAt) {
    }

    /** A cancellation asked for: why, by whom and when, and who approved it (null while it waits). */
    public record CancellationView(String reason, ActorView requestedBy, Instant requestedAt, ActorView approvedBy,
                                   Instant approvedAt) {
    }

    private static CancellationView cancellation(io.orderflow.avro.Cancellation c) {
        return c == null ? null : new CancellationView(c.getReason(), actor(c.getRequestedBy()), c.getRequestedAt(),
                actor(c.getApprovedBy()), c.getApprovedAt());
    }

    public record AlertView(String alertId, String type, String state, String orderId, String sku,
                            String orderStatus, String message, Instant dueAt, Instant at) {
    }

    /** The hold an order is under: why, a note, who held it and since when. */
    public record HoldView(String reason, String note, ActorView heldBy, Instant since) {
    }

    /** How a partly shipped order was closed short: why, the units that will not ship, who and when. */
    public record ShortClosureView(String reason, List<QuantityView> lines, ActorView closedBy, Instant closedAt) {
    }

    private static ShortClosureView shortClosure(io.orderflow.avro.ShortClosure c) {
        return c == null ? null : new ShortClosureView(c.getReason(),
                c.getLines().stream().map(l -> new QuantityView(l.getSku(), l.getQuantity())).toList(),
                actor(c.getClosedBy()), c.getClosedAt());
    }

    /** Money paid back (or asked to be, waiting for a second person: {@code refundedAt} null). */
    public record RefundView(String refundId, BigDecimal amount, String reason, List<QuantityView> lines,
                             ActorView requestedBy, Instant requestedAt, ActorView approvedBy, Instant refundedAt) {
    }

    private static RefundView refund(io.orderflow.avro.Refund r) {
        return r == null ? null : new RefundView(r.getRefundId(), r.getAmount(), r.getReason(),
                r.getLines().stream().map(l -> new QuantityView(l.getSku(), l.getQuantity())).toList(),
                actor(r.getRequestedBy()), r.getRequestedAt(), actor(r.getApprovedBy()), r.getRefundedAt());
    }

    public record HistoryView(Instant at, String actor, String role, String action, String fromStatus,
                              String toStatus, String reason) {
    }

    /** A command the streams app refused: which, by whom, when, the reason code and text, the status it left. */
    public record RefusalView(String commandId, String orderId, String command, String actor, String role, Instant at,
                              String code, String reason, String status) {
    }

    /**
     * An order: the gateway's order body ({@code orderId} .. {@code lines}), then status, payment,
     * who created and reviewed it, shipments, when it was delivered (实际交付), a cancellation asked for (and
     * whether approved), its active alerts, the colour of the ledger (green
     * done, yellow in progress, red overdue, stalled or refused), timestamps and version; then the
     * order desk's fields: the hold it is under (null when none), the delivery date first promised
     * (null unless the date was rescheduled from one) and how often it was rescheduled; the credit terms (null
     * unless paid on CREDIT_TERMS) and when payment falls due (delivery plus the terms; null before delivery); how
     * it was closed short (null unless it was); the refunds paid back and the one waiting for a second person (null
     * when none); whether the monthly archive has taken it out of the live state, and when (null while live).
     */
    public record OrderView(String orderId, String externalRef, String channel, LocalDate orderDate,
                            LocalDate expectedDeliveryDate, CustomerView customer, String paymentMethod,
                            String currency, BigDecimal discount, String notes, List<LineView> lines,
                            String status, String paymentStatus, BigDecimal totalAmount, BigDecimal paidAmount,
                            ActorView createdBy, String owner, ActorView reviewer, Instant reviewedAt,
                            String reviewNote, List<ShipmentView> shipments, Instant deliveredAt,
                            CancellationView cancellation, List<AlertView> alerts,
                            String exceptionNote, String colour, Instant createdAt, Instant statusSince,
                            Instant updatedAt, long version, HoldView hold, LocalDate promisedDeliveryDate,
                            int reschedules, PaymentTermsView paymentTerms, Instant paymentDueAt,
                            ShortClosureView shortClosure, List<RefundView> refunds, RefundView pendingRefund,
                            boolean archived, Instant archivedAt) {

        public OrderView withAlerts(List<AlertView> active, LocalDate today) {
            return new OrderView(orderId, externalRef, channel, orderDate, expectedDeliveryDate, customer,
                    paymentMethod, currency, discount, notes, lines, status, paymentStatus, totalAmount, paidAmount,
                    createdBy, owner, reviewer, reviewedAt, reviewNote, shipments, deliveredAt, cancellation,
                    List.copyOf(active),
                    exceptionNote, Views.colour(status, expectedDeliveryDate, !active.isEmpty(), today), createdAt,
                    statusSince, updatedAt, version, hold, promisedDeliveryDate, reschedules, paymentTerms,
                    paymentDueAt, shortClosure, refunds, pendingRefund, archived, archivedAt);
        }

        public OrderView recoloured(String colour) {
            return new OrderView(orderId, externalRef, channel, orderDate, expectedDeliveryDate, customer,
                    paymentMethod, currency, discount, notes, lines, status, paymentStatus, totalAmount, paidAmount,
                    createdBy, owner, reviewer, reviewedAt, reviewNote, shipments, deliveredAt, cancellation, alerts,
                    exceptionNote, colour, createdAt, statusSince, updatedAt, version, hold, promisedDeliveryDate,
                    reschedules, paymentTerms, paymentDueAt, shortClosure, refunds, pendingRefund, archived, archivedAt);
        }

        /** The same order as the monthly archive keeps it: {@code archived}, since {@code at}. */
        public OrderView archivedAt(Instant at) {
            return new OrderView(orderId, externalRef, channel, orderDate, expectedDeliveryDate, customer,
                    paymentMethod, currency, discount, notes, lines, status, paymentStatus, totalAmount, paidAmount,
                    createdBy, owner, reviewer, reviewedAt, reviewNote, shipments, deliveredAt, cancellation, alerts,
                    exceptionNote, colour, createdAt, statusSince, updatedAt, version, hold, promisedDeliveryDate,
                    reschedules, paymentTerms, paymentDueAt, shortClosure, refunds, pendingRefund, true, at);
        }
    }

    /** Credit terms: payment due {@code dueDays} after delivery. */
    public record PaymentTermsView(int dueDays) {
    }

    /**
     * A SKU's stock. {@code available = onHand - reserved}: what shortages, purchase requests and LOW_STOCK are
     * measured against. {@code held}: units in flight, held for reservation attempts on their way through an
     * order's SKUs or set aside for a waiting order's next attempt; zero when the system is quiet, and never
     * counted twice (a unit moves from available to held to reserved). {@code free = available - held}: what a
     * new order can have now. {@code waiting}: orders waiting for this SKU.
     */
    public record StockView(String sku, int onHand, int reserved, int available, int reorderPoint, int held,
            int free, int waiting) {
    }

    /** A catalog entry as the order desk's entry form offers it: what it is and its list price. */
    public record ProductView(String sku, String name, String category, BigDecimal unitPrice, String kind) {
    }

    public static ProductView product(io.orderflow.avro.Product p) {
        return new ProductView(p.getSku(), p.getName(), p.getCategory(), p.getUnitPrice(), p.getKind().name());
    }

    public static OrderView order(OrderState o, Audience audience, LocalDate today) {
        return order(o, audience, today, customerId -> Optional.empty());
    }

    /** The order, its customer's class as {@code classes} gives it (the customer record's). */
    public static OrderView order(OrderState o, Audience audience, LocalDate today,
                                  Function<String, Optional<CustomerClass>> classes) {
        Customer c = o.getCustomer();
        String status = o.getStatus().name();
        return new OrderView(o.getOrderId(), o.getExternalRef(), o.getChannel().name(), o.getOrderDate(),
                o.getExpectedDeliveryDate(),
                new CustomerView(c.getId(), c.getName(), audience.name(c.getContactName()),
                        audience.phone(c.getPhone()), audience.address(c.getAddress()),
                        classes.apply(c.getId()).map(Enum::name).orElse(null)),
                o.getPaymentMethod().name(), o.getCurrency(), o.getDiscount(), o.getNotes(),
                o.getLines().stream().map(Views::line).toList(),
                status, o.getPaymentStatus().name(), o.getTotalAmount(), o.getPaidAmount(),
                actor(o.getCreatedBy()), o.getOwner(), actor(o.getReviewer()), o.getReviewedAt(), o.getReviewNote(),
                o.getShipments().stream().map(Views::shipment).toList(), o.getDeliveredAt(),
                cancellation(o.getCancellation()), List.of(), o.getExceptionNote(),
                colour(status, o.getExpectedDeliveryDate(), false, today),
                o.getCreatedAt(), o.getStatusSince(), o.getUpdatedAt(), o.getVersion(),
                o.getHold() == null ? null : new HoldView(o.getHold().getReason().name(), o.getHold().getNote(),
                        actor(o.getHold().getHeldBy()), o.getHold().getHeldAt()),
                o.getPromisedDeliveryDate(), o.getReschedules(),
                o.getPaymentTerms() == null ? null : new PaymentTermsView(o.getPaymentTerms().getDueDays()),
                o.getPaymentDueAt(), shortClosure(o.getShortClosure()),
                o.getRefunds().stream().map(Views::refund).toList(), refund(o.getPendingRefund()), false, null);
    }

    /** Green done, red refused at review or past its expected delivery or under an alert, yellow otherwise. */
    public static String colour(String status, LocalDate expectedDelivery, boolean alerted, LocalDate today) {
        OrderStatus s = OrderStatus.valueOf(status);
        if (DONE.contains(s)) {
            return "green";
        }
        if (alerted || s == OrderStatus.RETURNED || (expectedDelivery != null && expectedDelivery.isBefore(today))) {
            return "red";
        }
        return "yellow";
    }

    public static List<HistoryView> history(OrderState o) {
        return o.getHistory().stream().map(Views::history).toList();
    }

    public static RefusalView refusal(Refusal r) {
        return new RefusalView(r.getCommandId(), r.getOrderId(), r.getCommand(), r.getActor().getId(),
                lower(r.getActor().getRole().name()), r.getAt(), r.getCode(), r.getReason(),
                r.getStatus() == null ? null : r.getStatus().name());
    }

    static HistoryView history(HistoryEntry h) {
        return new HistoryView(h.getAt(), h.getActor().getId(), lower(h.getActor().getRole().name()), h.getAction(),
                h.getFromStatus() == null ? null : h.getFromStatus().name(), h.getToStatus().name(), h.getReason());
    }

    public static AlertView alert(Alert a) {
        return new AlertView(a.getAlertId(), a.getType().name(), a.getState().name(), a.getOrderId(), a.getSku(),
                a.getOrderStatus() == null ? null : a.getOrderStatus().name(), a.getMessage(), a.getDueAt(), a.getAt());
    }

    public static StockView stock(StockLevel level, int reorderPoint) {
        int available = level.getOnHand() - level.getReserved();
        return new StockView(level.getSku(), level.getOnHand(), level.getReserved(), available, reorderPoint,
                level.getHeld(), available - level.getHeld(), level.getWaiting());
    }

    private static LineView line(OrderLineState s) {
        var l = s.getLine();
        return new LineView(l.getSku(), l.getProductName(), l.getSpec(), l.getQuantity(), l.getUnitPrice(),
                l.getAmount(), l.getTaxIncluded(), l.getKind().name(), l.getServiceContent(),
                l.getServiceDurationMinutes(), s.getReservedQuantity(), s.getShippedQuantity(), s.getReturnedQuantity());
    }

    private static ShipmentView shipment(Shipment s) {
        return new ShipmentView(s.getShipmentId(), s.getCarrier(), s.getTrackingNumber(),
                s.getLines().stream().map(Views::quantity).toList(), s.getShippedAt(), s.getExchange(),
                s.getLastScanStatus() == null ? null : s.getLastScanStatus().name(), s.getLastScanAt(),
                s.getLastScanLocation(), s.getDeliveredAt());
    }

    private static QuantityView quantity(ShipmentLine l) {
        return new QuantityView(l.getSku(), l.getQuantity());
    }

    private static ActorView actor(Actor a) {
        return a == null ? null : new ActorView(a.getId(), lower(a.getRole().name()));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
