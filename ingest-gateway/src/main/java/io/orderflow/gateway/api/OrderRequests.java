package io.orderflow.gateway.api;

import io.orderflow.avro.Channel;
import io.orderflow.avro.CustomerClass;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.PaymentMethod;
import io.orderflow.avro.TrackingStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The HTTP request bodies, as validated records. They are read from JSON by {@link RequestReader} and mapped to
 * the Avro contract explicitly by the service layer; nothing here is an Avro record (enums of the contract are
 * shared vocabulary).
 */
public final class OrderRequests {

    private OrderRequests() {
    }

    /** A body of {@code POST /v1/orders} (orderId optional) or {@code PUT /v1/orders/{id}} (no orderId). */
    public record OrderBody(
            String orderId,
            String externalRef,
            Channel channel,
            LocalDate orderDate,
            LocalDate expectedDeliveryDate,
            CustomerBody customer,
            PaymentMethod paymentMethod,
            String currency,
            BigDecimal discount,
            String notes,
            List<LineBody> lines,
            PaymentTermsBody paymentTerms) {

        /** Without credit terms (every order not paid on CREDIT_TERMS). */
        public OrderBody(String orderId, String externalRef, Channel channel, LocalDate orderDate,
                         LocalDate expectedDeliveryDate, CustomerBody customer, PaymentMethod paymentMethod,
                         String currency, BigDecimal discount, String notes, List<LineBody> lines) {
            this(orderId, externalRef, channel, orderDate, expectedDeliveryDate, customer, paymentMethod, currency,
                    discount, notes, lines, null);
        }
    }

    /** Credit terms (账期) of an order paid on CREDIT_TERMS: payment due {@code dueDays} after delivery. */
    public record PaymentTermsBody(int dueDays) {
    }

    /** Customer of an order; contactName, phone and address are personal data. */
    public record CustomerBody(String id, String name, String contactName, String phone, String address) {
        @Override
        public String toString() {
            return "CustomerBody[id=" + id + "]";
        }
    }

    /** One order line; amount is computed when the client sent none, and checked when it did. */
    public record LineBody(
            String sku,
            String productName,
            String spec,
            int quantity,
            BigDecimal unitPrice,
            BigDecimal amount,
            boolean taxIncluded,
            LineKind kind,
            String serviceContent,
            Integer serviceDurationMinutes) {
    }

    /** Quantity per SKU, for shipments and returns. */
    public record QuantityLine(String sku, int quantity) {
    }

    /** Every command on an existing order. */
    public sealed interface Command permits Amend, Submit, Approve, ReturnForChanges, Cancel, ApproveCancel, Ship,
            Deliver, Complete, ScheduleService, ServiceResult, RequestReturn, ApproveReturn, RejectReturn,
            ReceiveReturn, Pay, Reschedule, Hold, ReleaseHold, Assign, Note, CloseShort, Refund, ApproveRefund,
            RejectRefund {
    }

    public record Amend(OrderBody order) implements Command {
    }

    public record Submit(String note) implements Command {
    }

    public record Approve(String note, boolean overrideCreditLimit) implements Command {
    }

    public record ReturnForChanges(String reason) implements Command {
    }

    public record Cancel(String reason) implements Command {
    }

    public record ApproveCancel(String note) implements Command {
    }

    public record Ship(String shipmentId, List<QuantityLine> lines, String carrier, String trackingNumber)
            implements Command {
    }

    public record Deliver(Instant deliveredAt, String note) implements Command {
    }

    public record Complete(String note) implements Command {
    }

    public record ScheduleService(Instant scheduledFor, String assignee, String note) implements Command {
    }

    public record ServiceResult(String result, String feedback, Integer rating) implements Command {
    }

    public record RequestReturn(String reason, List<QuantityLine> lines) implements Command {
    }

    public record ApproveReturn(String reason) implements Command {
    }

    public record RejectReturn(String reason) implements Command {
    }

    public record ReceiveReturn(List<QuantityLine> lines, String note) implements Command {
    }

    public record Pay(BigDecimal amount, PaymentMethod method, String reference) implements Command {
    }

    /** A new delivery date agreed with the customer, and why. */
    public record Reschedule(LocalDate expectedDeliveryDate, String reason) implements Command {
    }

    public record Hold(HoldReason reason, String note) implements Command {
    }

    public record ReleaseHold(String note) implements Command {
    }

    /** Hands the order to {@code owner}, a principal's id. */
    public record Assign(String owner) implements Command {
    }

    /** A line appended to the order's exception note. */
    public record Note(String note) implements Command {
    }

    /** Closes a partly shipped order whose rest will not ship, and why. */
    public record CloseShort(String reason) implements Command {
    }

    /** Money paid back after a received return or the cancellation of a paid order; the units it is for, if named. */
    public record Refund(BigDecimal amount, String reason, List<QuantityLine> lines) implements Command {
    }

    /** A second person pays back the refund waiting for one. */
    public record ApproveRefund(String reason) implements Command {
    }

    public record RejectRefund(String reason) implements Command {
    }

    /** A logistics partner's scan, {@code POST /v1/tracking}. */
    public record TrackingBody(
            String carrier, String trackingNumber, TrackingStatus status, Instant at, String location, String eventId) {
    }

    /** A catalog entry, {@code PUT /v1/products/{sku}}. */
    /**
     * The body of {@code PUT /v1/customers/{id}}: the customer as data. contactName, phone and address are personal
     * data, never printed.
     */
    public record CustomerRecordBody(String name, CustomerClass customerClass, String contactName, String phone,
                                     String address, PaymentTermsBody paymentTerms, CreditLimitBody creditLimit,
                                     String reason) {
        @Override
        public String toString() {
            return "CustomerRecordBody[name=" + name + "]";
        }
    }

    /** A credit limit: the most the customer may owe on approved orders in {@code currency}. */
    public record CreditLimitBody(BigDecimal amount, String currency) {
    }

    public record ProductBody(String name, String category, BigDecimal unitPrice, int reorderPoint, LineKind kind) {
    }

    /** A goods receipt (quantity positive) or a stocktake adjustment (signed, with a reason). */
    public record StockBody(int quantity, String reference, String reason) {
    }
}
