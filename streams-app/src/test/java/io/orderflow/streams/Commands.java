package io.orderflow.streams;

import io.orderflow.avro.Actor;
import io.orderflow.avro.AddNote;
import io.orderflow.avro.ApproveCancellation;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.AmendOrder;
import io.orderflow.avro.AssignOrder;
import io.orderflow.avro.Channel;
import io.orderflow.avro.CloseShort;
import io.orderflow.avro.CompleteOrder;
import io.orderflow.avro.ConfirmDelivery;
import io.orderflow.avro.Customer;
import io.orderflow.avro.DecideRefund;
import io.orderflow.avro.DecideReturn;
import io.orderflow.avro.HoldOrder;
import io.orderflow.avro.HoldReason;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderLine;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.PaymentMethod;
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
import io.orderflow.avro.Role;
import io.orderflow.avro.ScheduleService;
import io.orderflow.avro.ShipOrder;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.SubmitOrder;
import io.orderflow.avro.TrackingScan;
import io.orderflow.avro.TrackingStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Test data: actors and command payloads, short to write. */
public final class Commands {

    public static final Actor SALES = new Actor("sam.sales", Role.SALES);
    public static final Actor PLATFORM = new Actor("shopify", Role.PLATFORM);
    public static final Actor REVIEWER = new Actor("rita.reviewer", Role.REVIEWER);
    public static final Actor WAREHOUSE = new Actor("wang.warehouse", Role.WAREHOUSE);
    public static final Actor CARRIER_SF = new Actor("SF", Role.LOGISTICS);
    public static final Actor CARRIER_YTO = new Actor("YTO", Role.LOGISTICS);
    public static final Actor SERVICE = new Actor("sui.service", Role.SERVICE);
    public static final Actor ANALYST = new Actor("ana.analyst", Role.ANALYST);
    public static final Actor ADMIN = new Actor("ada.admin", Role.ADMIN);

    private Commands() {
    }

    public static OrderLine line(String sku, int quantity, String unitPrice) {
        BigDecimal price = new BigDecimal(unitPrice).setScale(2);
        return OrderLine.newBuilder().setSku(sku).setQuantity(quantity).setUnitPrice(price)
                .setAmount(price.multiply(BigDecimal.valueOf(quantity))).build();
    }

    public static OrderLine serviceLine(String sku, String price) {
        OrderLine line = line(sku, 1, price);
        line.setKind(LineKind.SERVICE);
        line.setServiceContent("installation");
        line.setServiceDurationMinutes(90);
        return line;
    }

    public static PlaceOrder place(OrderLine... lines) {
        return PlaceOrder.newBuilder()
                .setChannel(Channel.ONLINE)
                .setOrderDate(LocalDate.of(2026, 11, 22))
                .setCustomer(new Customer("C-1", "Acme Trading", "Li Lei", "+86 10 5555 0000", "1 Road"))
                .setPaymentMethod(PaymentMethod.BANK_TRANSFER)
                .setLines(List.of(lines))
                .build();
    }

    public static AmendOrder amend(OrderLine... lines) {
        PlaceOrder place = place(lines);
        return AmendOrder.newBuilder().setChannel(place.getChannel()).setOrderDate(place.getOrderDate())
                .setCustomer(place.getCustomer()).setPaymentMethod(place.getPaymentMethod())
                .setLines(place.getLines()).build();
    }

    public static SubmitOrder submit() {
        return new SubmitOrder("fixed");
    }

    public static ApproveOrder approve() {
        return new ApproveOrder("ok", false);
    }

    /** An approval over the customer's credit limit, saying why. */
    public static ApproveOrder approveOverCredit(String note) {
        return new ApproveOrder(note, true);
    }

    public static ReturnForChanges returnForChanges() {
        return new ReturnForChanges("price too low");
    }

    public static RequestCancellation requestCancellation() {
        return new RequestCancellation("customer changed their mind");
    }

    public static ApproveCancellation approveCancellation() {
        return new ApproveCancellation("agreed");
    }

    public static ShipmentLine units(String sku, int quantity) {
        return new ShipmentLine(sku, quantity);
    }

    public static ShipOrder ship(String carrier, String trackingNumber, ShipmentLine... lines) {
        return ShipOrder.newBuilder().setCarrier(carrier).setTrackingNumber(trackingNumber)
                .setLines(List.of(lines)).build();
    }

    public static TrackingScan scan(String eventId, Actor partner, String carrier, String trackingNumber,
            TrackingStatus status, Instant at) {
        return TrackingScan.newBuilder().setEventId(eventId).setCarrier(carrier).setTrackingNumber(trackingNumber)
                .setStatus(status).setAt(at).setLocation("Shanghai hub").setActor(partner).build();
    }

    public static ConfirmDelivery confirmDelivery() {
        return new ConfirmDelivery(null, "signed by customer");
    }

    public static CompleteOrder complete() {
        return new CompleteOrder("closed");
    }

    public static RecordPayment pay(String amount) {
        return new RecordPayment(new BigDecimal(amount).setScale(2), PaymentMethod.BANK_TRANSFER, "bank-ref");
    }

    public static ScheduleService scheduleService(Instant at) {
        return new ScheduleService(at, "sui.service", null);
    }

    public static RecordServiceResult serviceResult() {
        return new RecordServiceResult("installed", "very good", 5);
    }

    public static RequestReturn requestReturn(ShipmentLine... lines) {
        return new RequestReturn("damaged", List.of(lines));
    }

    public static DecideReturn decideReturn(boolean approved) {
        return new DecideReturn(approved, approved ? "accepted" : "not our fault");
    }

    public static ReceiveReturn receiveReturn(ShipmentLine... lines) {
        return new ReceiveReturn(List.of(lines), "fine");
    }

    public static RescheduleDelivery reschedule(LocalDate date, String reason) {
        return new RescheduleDelivery(date, reason);
    }

    public static HoldOrder hold(HoldReason reason) {
        return new HoldOrder(reason, "until the bank confirms");
    }

    public static ReleaseHold releaseHold() {
        return new ReleaseHold("paid in full");
    }

    public static AssignOrder assign(String owner) {
        return new AssignOrder(owner);
    }

    public static AddNote note(String text) {
        return new AddNote(text);
    }

    /** An import of {@code order} in {@code status}, from line 2 of a ledger, with these units shipped. */
    public static ImportOrder importOrder(OrderStatus status, PlaceOrder order, ShipmentLine... shipped) {
        return ImportOrder.newBuilder()
                .setOrder(order)
                .setStatus(status)
                .setSource("ledger.csv line 2")
                .setShipped(List.of(shipped))
                .build();
    }

    public static CloseShort closeShort(String reason) {
        return new CloseShort(reason);
    }

    public static RefundOrder refund(String amount, ShipmentLine... lines) {
        return new RefundOrder(new BigDecimal(amount).setScale(2), "returned goods paid back", List.of(lines));
    }

    public static DecideRefund decideRefund(boolean approved) {
        return new DecideRefund(approved, approved ? "checked" : "not owed");
    }
}
