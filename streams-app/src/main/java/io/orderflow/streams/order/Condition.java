package io.orderflow.streams.order;

import io.orderflow.avro.DecideReturn;
import io.orderflow.avro.ImportOrder;
import io.orderflow.avro.LineKind;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipOrder;
import io.orderflow.avro.TrackingScan;
import io.orderflow.avro.TrackingStatus;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Which of the transitions for the same status and action applies: a named predicate on the
 * order before the change and the (already validated) command.
 */
public enum Condition {
    ALWAYS("always", (order, command) -> true),
    HAS_GOODS("the order has goods lines", (order, command) -> OrderLines.hasGoods(order)),
    SERVICE_ONLY("the order has no goods lines", (order, command) -> !OrderLines.hasGoods(order)),
    SHIPS_THE_REST("the shipment leaves nothing unshipped", Condition::shipsTheRest),
    SHIPS_PART("the shipment leaves goods unshipped", (order, command) -> !shipsTheRest(order, command)),
    ALL_DELIVERED("after this scan every shipment is delivered", Condition::allDeliveredAfterScan),
    NOT_ALL_DELIVERED("after this scan some shipment is not delivered",
            (order, command) -> !allDeliveredAfterScan(order, command)),
    RETURN_ACCEPTED("the return is approved", (order, command) -> ((DecideReturn) command.payload()).getApproved()),
    RETURN_DECLINED("the return is rejected", (order, command) -> !((DecideReturn) command.payload()).getApproved()),
    IMPORTS_GOODS("the imported order has goods lines", (order, command) -> importsGoods(command)),
    IMPORTS_SERVICE_ONLY("the imported order has no goods lines", (order, command) -> !importsGoods(command)),
    CLOSED_SHORT("the order was closed short", (order, command) -> order.getShortClosure() != null);

    private final String description;
    private final BiPredicate<OrderState, Command> test;

    Condition(String description, BiPredicate<OrderState, Command> test) {
        this.description = description;
        this.test = test;
    }

    public boolean holds(OrderState order, Command command) {
        return test.test(order, command);
    }

    public String description() {
        return description;
    }

    private static boolean importsGoods(Command command) {
        return ((ImportOrder) command.payload()).getOrder().getLines().stream()
                .anyMatch(line -> line.getKind() == LineKind.GOODS);
    }

    private static boolean shipsTheRest(OrderState order, Command command) {
        Map<String, Integer> shipping = OrderLines.bySku(((ShipOrder) command.payload()).getLines());
        for (OrderLineState line : order.getLines()) {
            if (line.getLine().getKind() == LineKind.GOODS) {
                int open = line.getLine().getQuantity() - line.getShippedQuantity();
                int now = Math.min(open, shipping.getOrDefault(line.getLine().getSku(), 0));
                shipping.merge(line.getLine().getSku(), -now, Integer::sum);
                if (open - now > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean allDeliveredAfterScan(OrderState order, Command command) {
        TrackingScan scan = (TrackingScan) command.payload();
        for (Shipment shipment : order.getShipments()) {
            boolean scanned = shipment.getCarrier().equals(scan.getCarrier())
                    && shipment.getTrackingNumber().equals(scan.getTrackingNumber());
            boolean delivered = shipment.getDeliveredAt() != null
                    || (scanned && scan.getStatus() == TrackingStatus.DELIVERED);
            if (!delivered) {
                return false;
            }
        }
        return true;
    }
}
