package io.orderflow.streams.order;

import io.orderflow.avro.AddNote;
import io.orderflow.avro.AmendOrder;
import io.orderflow.avro.ApproveCancellation;
import io.orderflow.avro.ApproveOrder;
import io.orderflow.avro.AssignOrder;
import io.orderflow.avro.CloseShort;
import io.orderflow.avro.CompleteOrder;
import io.orderflow.avro.ConfirmDelivery;
import io.orderflow.avro.DecideRefund;
import io.orderflow.avro.DecideReturn;
import io.orderflow.avro.HoldOrder;
import io.orderflow.avro.ImportOrder;
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
import io.orderflow.avro.ShipOrder;
import io.orderflow.avro.SubmitOrder;
import io.orderflow.avro.TrackingScan;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a command asks of an order: one per payload type of {@code OrderCommand}, plus the two
 * answers of the order's SKUs, which the pipeline itself (role SYSTEM) applies.
 */
public enum Action {
    PLACE(PlaceOrder.class),
    AMEND(AmendOrder.class),
    SUBMIT(SubmitOrder.class),
    APPROVE(ApproveOrder.class),
    RETURN_FOR_CHANGES(ReturnForChanges.class),
    REQUEST_CANCELLATION(RequestCancellation.class),
    APPROVE_CANCELLATION(ApproveCancellation.class),
    SHIP(ShipOrder.class),
    CONFIRM_DELIVERY(ConfirmDelivery.class),
    COMPLETE(CompleteOrder.class),
    SCHEDULE_SERVICE(ScheduleService.class),
    RECORD_SERVICE_RESULT(RecordServiceResult.class),
    REQUEST_RETURN(RequestReturn.class),
    DECIDE_RETURN(DecideReturn.class),
    RECEIVE_RETURN(ReceiveReturn.class),
    RECORD_PAYMENT(RecordPayment.class),
    TRACKING_SCAN(TrackingScan.class),
    RESCHEDULE(RescheduleDelivery.class),
    HOLD(HoldOrder.class),
    RELEASE_HOLD(ReleaseHold.class),
    ASSIGN(AssignOrder.class),
    ADD_NOTE(AddNote.class),
    /** A ledger's order brought in in its own status: a migration, by administrators only. */
    IMPORT(ImportOrder.class),
    CLOSE_SHORT(CloseShort.class),
    REFUND(RefundOrder.class),
    DECIDE_REFUND(DecideRefund.class),
    /** The SKUs reserved every goods line (after an approval, or when stock arrived for a waiting order). */
    STOCK_RESERVED(null),
    /** The SKUs could not reserve every goods line; nothing is reserved and the order waits. */
    STOCK_SHORT(null);

    private final Class<?> payloadType;

    Action(Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    /** The action of a command payload, empty for a payload no action knows. */
    public static Optional<Action> of(Object payload) {
        return Arrays.stream(values())
                .filter(action -> action.payloadType != null && action.payloadType.isInstance(payload))
                .findFirst();
    }

    /** The name used in events, history and refusals: the payload's record name, e.g. {@code ApproveOrder}. */
    public String label() {
        if (payloadType != null) {
            return payloadType.getSimpleName();
        }
        return this == STOCK_RESERVED ? "StockReserved" : "StockShort";
    }
}
