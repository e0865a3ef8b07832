package io.orderflow.gateway.service;

import io.orderflow.avro.AddNote;
import io.orderflow.avro.AmendOrder;
import io.orderflow.avro.ApproveCancellation;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.AssignOrder;
import io.orderflow.avro.CloseShort;
import io.orderflow.avro.CompleteOrder;
import io.orderflow.avro.ConfirmDelivery;
import io.orderflow.avro.Customer;
import io.orderflow.avro.DecideRefund;
import io.orderflow.avro.DecideReturn;
import io.orderflow.avro.HoldOrder;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.PaymentTerms;
import io.orderflow.avro.PlaceOrder;
import io.orderflow.avro.ReceiveReturn;
import io.orderflow.avro.RecordPayment;
import io.orderflow.avro.RecordServiceResult;
import io.orderflow.avro.RefundOrder;
import io.orderflow.avro.ReleaseHold;
import io.orderflow.avro.RequestCancellation;
import io.orderflow.avro.RequestReturn;
import io.orderflow.avro.RescheduleDelivery;
import io.orderflow.avro.ReturnForChanges;
import io.orderflow.avro.ScheduleService;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipOrder;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.SubmitOrder;
import io.orderflow.gateway.api.OrderRequests;
import io.orderflow.gateway.api.OrderRequests.CustomerBody;
import io.orderflow.gateway.api.OrderRequests.LineBody;
import io.orderflow.gateway.api.OrderRequests.OrderBody;
import io.orderflow.gateway.api.OrderRequests.QuantityLine;
import io.orderflow.gateway.ledger.LedgerState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Explicit mapping of the HTTP records to the Avro contract. */
final class AvroMapping {

    private AvroMapping() {
    }

    static PlaceOrder placeOrder(OrderBody body, LocalDate today) {
        return PlaceOrder.newBuilder()
                .setChannel(body.channel())
                .setOrderDate(body.orderDate() == null ? today : body.orderDate())
                .setCustomer(customer(body.customer()))
                .setExpectedDeliveryDate(body.expectedDeliveryDate())
                .setPaymentMethod(body.paymentMethod())
                .setCurrency(body.currency())
                .setDiscount(body.discount())
                .setNotes(body.notes())
                .setLines(lines(body.lines()))
                .setExternalRef(body.externalRef())
                .setPaymentTerms(terms(body))
                .build();
    }

    /**
     * A ledger's order with what happened to it, from {@code source} (file and line). Its parcels (物流信息) left
     * when the ledger says it shipped (else {@code now}); which parcel carried what it does not say.
     */
    static ImportOrder importOrder(OrderBody body, LedgerState state, String source, LocalDate today, Instant now) {
        List<Shipment> shipments = new ArrayList<>();
        for (LedgerState.Parcel parcel : state.parcels()) {
            shipments.add(Shipment.newBuilder()
                    .setShipmentId("import-" + (shipments.size() + 1))
                    .setCarrier(parcel.carrier())
                    .setTrackingNumber(parcel.trackingNumber())
                    .setLines(List.of())
                    .setShippedAt(Objects.requireNonNullElse(state.shippedAt(),
                            Objects.requireNonNullElse(state.updatedAt(), now)))
                    .setExchange(false)
                    .setDeliveredAt(state.deliveredAt())
                    .build());
        }
        List<ShipmentLine> shipped = new ArrayList<>();
        state.shipped().forEach((sku, quantity) -> shipped.add(new ShipmentLine(sku, quantity)));
        return ImportOrder.newBuilder()
                .setOrder(placeOrder(body, today))
                .setStatus(state.status())
                .setSource(source)
                .setCreatedBy(state.createdBy())
                .setCreatedAt(state.createdAt())
                .setUpdatedAt(state.updatedAt())
                .setOwner(state.owner())
                .setReviewer(state.reviewer())
                .setReviewedAt(state.reviewedAt())
                .setShipped(shipped)
                .setShipments(shipments)
                .setDeliveredAt(state.deliveredAt())
                .setPaidAmount(state.paidAmount())
                .setExceptionNote(state.exceptionNote())
                .build();
    }

    static AmendOrder amendOrder(OrderBody body, LocalDate today) {
        return AmendOrder.newBuilder()
                .setChannel(body.channel())
                .setOrderDate(body.orderDate() == null ? today : body.orderDate())
                .setCustomer(customer(body.customer()))
                .setExpectedDeliveryDate(body.expectedDeliveryDate())
                .setPaymentMethod(body.paymentMethod())
                .setCurrency(body.currency())
                .setDiscount(body.discount())
                .setNotes(body.notes())
                .setLines(lines(body.lines()))
                .setPaymentTerms(terms(body))
                .build();
    }

    private static PaymentTerms terms(OrderBody body) {
        return body.paymentTerms() == null ? null : new PaymentTerms(body.paymentTerms().dueDays());
    }

    /** The Avro payload of a command on an existing order (one of the OrderCommand union's branches). */
    static Object payload(OrderRequests.Command command, LocalDate today) {
        if (command instanceof OrderRequests.Amend c) {
            return amendOrder(c.order(), today);
        } else if (command instanceof OrderRequests.Submit c) {
            return new SubmitOrder(c.note());
        } else if (command instanceof OrderRequests.Approve c) {
            return new ApproveOrder(c.note(), c.overrideCreditLimit());
        } else if (command instanceof OrderRequests.ReturnForChanges c) {
            return new ReturnForChanges(c.reason());
        } else if (command instanceof OrderRequests.Cancel c) {
            return new RequestCancellation(c.reason());
        } else if (command instanceof OrderRequests.ApproveCancel c) {
            return new ApproveCancellation(c.note());
        } else if (command instanceof OrderRequests.Ship c) {
            return new ShipOrder(c.shipmentId(), shipmentLines(c.lines()), c.carrier(), c.trackingNumber());
        } else if (command instanceof OrderRequests.Deliver c) {
            return new ConfirmDelivery(c.deliveredAt(), c.note());
        } else if (command instanceof OrderRequests.Complete c) {
            return new CompleteOrder(c.note());
        } else if (command instanceof OrderRequests.ScheduleService c) {
            return new ScheduleService(c.scheduledFor(), c.assignee(), c.note());
        } else if (command instanceof OrderRequests.ServiceResult c) {
            return new RecordServiceResult(c.result(), c.feedback(), c.rating());
        } else if (command instanceof OrderRequests.RequestReturn c) {
            return new RequestReturn(c.reason(), shipmentLines(c.lines()));
        } else if (command instanceof OrderRequests.ApproveReturn c) {
            return new DecideReturn(true, c.reason());
        } else if (command instanceof OrderRequests.RejectReturn c) {
            return new DecideReturn(false, c.reason());
        } else if (command instanceof OrderRequests.ReceiveReturn c) {
            return new ReceiveReturn(shipmentLines(c.lines()), c.note());
        } else if (command instanceof OrderRequests.Pay c) {
            return new RecordPayment(c.amount(), c.method(), c.reference());
        } else if (command instanceof OrderRequests.Reschedule c) {
            return new RescheduleDelivery(c.expectedDeliveryDate(), c.reason());
        } else if (command instanceof OrderRequests.Hold c) {
            return new HoldOrder(c.reason(), c.note());
        } else if (command instanceof OrderRequests.ReleaseHold c) {
            return new ReleaseHold(c.note());
        } else if (command instanceof OrderRequests.Assign c) {
            return new AssignOrder(c.owner());
        } else if (command instanceof OrderRequests.Note c) {
            return new AddNote(c.note());
        } else if (command instanceof OrderRequests.CloseShort c) {
            return new CloseShort(c.reason());
        } else if (command instanceof OrderRequests.Refund c) {
            return new RefundOrder(c.amount(), c.reason(), shipmentLines(c.lines()));
        } else if (command instanceof OrderRequests.ApproveRefund c) {
            return new DecideRefund(true, c.reason());
        } else if (command instanceof OrderRequests.RejectRefund c) {
            return new DecideRefund(false, c.reason());
        }
        throw new IllegalArgumentException("no mapping for " + command.getClass().getSimpleName());
    }

    private static Customer customer(CustomerBody c) {
        return new Customer(c.id(), c.name(), c.contactName(), c.phone(), c.address());
    }

    private static List<OrderLine> lines(List<LineBody> lines) {
        return lines.stream()
                .map(l -> OrderLine.newBuilder()
                        .setSku(l.sku())
                        .setProductName(l.productName())
                        .setSpec(l.spec())
                        .setQuantity(l.quantity())
                        .setUnitPrice(l.unitPrice())
                        .setAmount(l.amount())
                        .setTaxIncluded(l.taxIncluded())
                        .setKind(l.kind())
                        .setServiceContent(l.serviceContent())
                        .setServiceDurationMinutes(l.serviceDurationMinutes())
                        .build())
                .toList();
    }

    private static List<ShipmentLine> shipmentLines(List<QuantityLine> lines) {
        return lines.stream().map(l -> new ShipmentLine(l.sku(), l.quantity())).toList();
    }
}
