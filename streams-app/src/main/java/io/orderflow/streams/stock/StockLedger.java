package io.orderflow.streams.stock;

import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.Product;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockRequest;
import io.orderflow.avro.StockRequestType;
import io.orderflow.avro.StockReservation;
import io.orderflow.avro.StockResult;
import io.orderflow.streams.CatalogTopology;
import io.orderflow.streams.order.OrderLines;
import io.orderflow.streams.order.Refusals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock ledger: applies every stock request, one at a time, in the order of the single
 * {@code orderflow-stock-requests} partition (see {@link StockTopology} for why one).
 *
 * <ul>
 *   <li>RESERVE: if every SKU of the order has the quantity available, all are reserved;
 *       otherwise nothing is, the order joins the wait list (FIFO, keyed by the request's offset)
 *       with its shortfall, and a purchase request goes out per short SKU.</li>
 *   <li>RELEASE: the order's reservation is released, or its place on the wait list dropped.</li>
 *   <li>SHIP: reserved units leave: on hand and reserved both go down.</li>
 *   <li>RESTOCK, RECEIPT, ADJUSTMENT: on hand changes; an adjustment that would take available
 *       below zero is refused (published on {@code order-refusals}, keyed by SKU).</li>
 * </ul>
 * Whenever available stock grows (receipt, positive adjustment, release, restock), waiting
 * orders are served first come, first served: in the order they started waiting, each order
 * that can now be reserved completely is, and an order that cannot does not block a later one
 * that can (waiting orders may need different SKUs).
 *
 * <p>Each request first works on copies of the levels it touches and writes them at the end,
 * so a request either changes the ledger completely or, failing, not at all: a quantity that
 * would overflow a level fails with an ArithmeticException and goes to the dead-letter topic.
 */
final class StockLedger implements Processor<String, StockRequest, String, Object> {

    static final int REMEMBERED_MOVEMENT_IDS = 100;

    private static final Logger log = LoggerFactory.getLogger(StockLedger.class);

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, StockLevel> stock;
    private KeyValueStore<String, StockReservation> reservations;
    private KeyValueStore<String, String> waitlist;
    private KeyValueStore<String, Product> products;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.stock = context.getStateStore(StockTopology.STOCK_STORE);
        this.reservations = context.getStateStore(StockTopology.RESERVATIONS_STORE);
        this.waitlist = context.getStateStore(StockTopology.WAITLIST_STORE);
        this.products = context.getStateStore(CatalogTopology.PRODUCTS_STORE);
    }

    @Override
    public void process(Record<String, StockRequest> record) {
        StockRequest request = record.value();
        if (request == null) {
            return;
        }
        Change change = new Change(request);
        switch (request.getType()) {
            case RESERVE -> reserve(change, sequence(record));
            case RELEASE -> release(change);
            case SHIP -> ship(change);
            case RESTOCK -> restock(change);
            case RECEIPT, ADJUSTMENT -> movement(change);
            default -> change.refuse(Refusals.UNKNOWN_COMMAND, "stock movement type " + request.getType()
                    + " is not known");
        }
        if (change.grew) {
            allocateWaiting(change);
        }
        change.write(record);
    }

    private void reserve(Change change, long sequence) {
        StockRequest request = change.request;
        String orderId = request.getOrderId();
        StockReservation existing = reservations.get(orderId);
        if (existing != null) {
            log.info("order {} has a reservation already; request {} changes nothing", orderId,
                    request.getRequestId());
            return;
        }
        Map<String, Integer> wanted = OrderLines.bySku(request.getLines());
        if (change.fits(wanted)) {
            change.reserve(wanted);
            change.reservations.put(orderId, new StockReservation(orderId, request.getLines(), null,
                    request.getRequestId()));
            change.answer(new StockResult(request.getRequestId(), orderId, true, List.of(),
                    "approval " + request.getRequestId(), request.getAt()));
            return;
        }
        List<ShipmentLine> shortfall = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            int missing = quantity - change.available(sku);
            if (missing > 0) {
                shortfall.add(new ShipmentLine(sku, missing));
            }
        });
        change.reservations.put(orderId, new StockReservation(orderId, request.getLines(), sequence,
                request.getRequestId()));
        change.waitlistAdds.put(waitKey(sequence), orderId);
        change.answer(new StockResult(request.getRequestId(), orderId, false, shortfall,
                "approval " + request.getRequestId(), request.getAt()));
        for (ShipmentLine line : shortfall) {
            change.output(line.getSku(), new PurchaseRequest(request.getRequestId() + ":" + line.getSku(),
                    line.getSku(), line.getQuantity(), orderId,
                    "order " + orderId + " waits for " + line.getQuantity() + " more", request.getAt()));
        }
    }

    private void release(Change change) {
        String orderId = change.request.getOrderId();
        StockReservation reservation = reservations.get(orderId);
        if (reservation == null) {
            return;
        }
        if (reservation.getWaitingSince() != null) {
            change.waitlistDeletes.add(waitKey(reservation.getWaitingSince()));
        } else {
            OrderLines.bySku(reservation.getLines()).forEach((sku, quantity) -> {
                StockLevel level = change.level(sku);
                level.setReserved(level.getReserved() - quantity);
            });
            change.grew = true;
        }
        change.reservations.put(orderId, null);
    }

    private void ship(Change change) {
        String orderId = change.request.getOrderId();
        StockReservation reservation = reservations.get(orderId);
        Map<String, Integer> reserved = reservation == null || reservation.getWaitingSince() != null
                ? new LinkedHashMap<>()
                : OrderLines.bySku(reservation.getLines());
        OrderLines.bySku(change.request.getLines()).forEach((sku, quantity) -> {
            StockLevel level = change.level(sku);
            int fromReservation = Math.min(quantity, reserved.getOrDefault(sku, 0));
            if (fromReservation < quantity) {
                log.warn("order {} ships {} x {} with only {} reserved", orderId, quantity, sku, fromReservation);
            }
            reserved.merge(sku, -fromReservation, Integer::sum);
            level.setReserved(level.getReserved() - fromReservation);
            level.setOnHand(level.getOnHand() - quantity);
            level.setShipped(level.getShipped() + quantity);
        });
        if (reservation != null && reservation.getWaitingSince() == null) {
            List<ShipmentLine> left = OrderLines.lines(reserved);
            change.reservations.put(orderId, left.isEmpty() ? null
                    : new StockReservation(orderId, left, null, reservation.getApprovalRequestId()));
        }
    }

    private void restock(Change change) {
        OrderLines.bySku(change.request.getLines()).forEach((sku, quantity) -> {
            StockLevel level = change.level(sku);
            level.setOnHand(Math.addExact(level.getOnHand(), quantity));
            level.setReturned(level.getReturned() + quantity);
        });
        change.grew = true;
    }

    private void movement(Change change) {
        StockRequest request = change.request;
        ShipmentLine line = request.getLines().get(0);
        StockLevel level = change.level(line.getSku());
        if (level.getRecentMovementIds().contains(request.getRequestId())) {
            log.debug("stock movement {} seen already, not applied again", request.getRequestId());
            change.levels.remove(line.getSku());
            return;
        }
        int quantity = line.getQuantity();
        boolean receipt = request.getType() == StockRequestType.RECEIPT;
        if (receipt ? quantity <= 0 : quantity == 0) {
            change.refuse(Refusals.INVALID_QUANTITY, (receipt ? "a receipt" : "an adjustment") + " of " + quantity
                    + " x " + line.getSku() + " changes nothing");
            change.levels.remove(line.getSku());
            return;
        }
        if ((long) level.getOnHand() + quantity < level.getReserved()) {
            change.refuse(Refusals.INSUFFICIENT_STOCK, "adjusting " + line.getSku() + " by " + quantity
                    + " would leave " + (level.getOnHand() + quantity) + " on hand for " + level.getReserved()
                    + " reserved");
            change.levels.remove(line.getSku());
            return;
        }
        level.setOnHand(Math.addExact(level.getOnHand(), quantity));
        if (receipt) {
            level.setReceived(level.getReceived() + quantity);
        } else {
            level.setAdjusted(level.getAdjusted() + quantity);
        }
        List<String> ids = level.getRecentMovementIds();
        ids.add(request.getRequestId());
        if (ids.size() > REMEMBERED_MOVEMENT_IDS) {
            level.setRecentMovementIds(new ArrayList<>(ids.subList(ids.size() - REMEMBERED_MOVEMENT_IDS,
                    ids.size())));
        }
        change.grew = quantity > 0;
    }

    /** Serves the wait list in FIFO order with what is available now. */
    private void allocateWaiting(Change change) {
        List<KeyValue<String, String>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = waitlist.all()) {
            entries.forEachRemaining(waiting::add);
        }
        for (KeyValue<String, String> entry : waiting) {
            if (change.waitlistDeletes.contains(entry.key)) {
                continue;
            }
            StockReservation reservation = reservations.get(entry.value);
            if (reservation == null) {
                change.waitlistDeletes.add(entry.key);
                continue;
            }
            Map<String, Integer> wanted = OrderLines.bySku(reservation.getLines());
            if (change.fits(wanted)) {
                change.reserve(wanted);
                change.waitlistDeletes.add(entry.key);
                change.reservations.put(entry.value, new StockReservation(entry.value, reservation.getLines(), null,
                        reservation.getApprovalRequestId()));
                change.answer(new StockResult("allocation:" + reservation.getApprovalRequestId(), entry.value, true,
                        List.of(), describe(change.request), change.request.getAt()));
            }
        }
    }

    private static String describe(StockRequest request) {
        return switch (request.getType()) {
            case RECEIPT -> "receipt " + request.getRequestId();
            case ADJUSTMENT -> "adjustment " + request.getRequestId();
            case RESTOCK -> "returned goods of order " + request.getOrderId();
            case RELEASE -> "stock released by order " + request.getOrderId();
            default -> request.getType() + " " + request.getRequestId();
        };
    }

    private long sequence(Record<String, StockRequest> record) {
        return context.recordMetadata().map(RecordMetadata::offset).orElse(record.timestamp());
    }

    private static String waitKey(long sequence) {
        return String.format("%020d", sequence);
    }

    /** The effect of one request, collected and then written at once. */
    private final class Change {
        private final StockRequest request;
        private final Map<String, StockLevel> levels = new LinkedHashMap<>();
        private final Map<String, StockReservation> reservations = new LinkedHashMap<>();
        private final Map<String, String> waitlistAdds = new LinkedHashMap<>();
        private final List<String> waitlistDeletes = new ArrayList<>();
        private final List<KeyValue<String, Object>> outputs = new ArrayList<>();
        private boolean grew;

        Change(StockRequest request) {
            this.request = request;
        }

        StockLevel level(String sku) {
            return levels.computeIfAbsent(sku, key -> {
                StockLevel stored = stock.get(key);
                return stored != null
                        ? StockLevel.newBuilder(stored).build()
                        : new StockLevel(key, 0, 0, 0L, 0L, 0L, 0L, false, new ArrayList<>(), request.getAt());
            });
        }

        int available(String sku) {
            StockLevel level = level(sku);
            return level.getOnHand() - level.getReserved();
        }

        boolean fits(Map<String, Integer> wanted) {
            return wanted.entrySet().stream().allMatch(line -> line.getValue() <= available(line.getKey()));
        }

        void reserve(Map<String, Integer> wanted) {
            wanted.forEach((sku, quantity) -> {
                StockLevel level = level(sku);
                level.setReserved(Math.addExact(level.getReserved(), quantity));
            });
        }

        void answer(StockResult result) {
            outputs.add(KeyValue.pair(result.getOrderId(), result));
        }

        void output(String key, Object value) {
            outputs.add(KeyValue.pair(key, value));
        }

        void refuse(String code, String text) {
            String sku = request.getLines().isEmpty() ? null : request.getLines().get(0).getSku();
            outputs.add(KeyValue.pair(sku, Refusal.newBuilder()
                    .setCommandId(request.getRequestId())
                    .setOrderId(request.getOrderId())
                    .setCommand("StockMovement")
                    .setActor(request.getActor())
                    .setAt(request.getAt())
                    .setCode(code)
                    .setReason(text)
                    .build()));
        }

        void write(Record<String, StockRequest> input) {
            Instant at = request.getAt();
            for (StockLevel level : levels.values()) {
                level.setUpdatedAt(at);
                lowStock(level).ifPresent(alert -> outputs.add(KeyValue.pair(alert.getAlertId(), alert)));
                stock.put(level.getSku(), level);
            }
            reservations.forEach((orderId, reservation) -> {
                if (reservation == null) {
                    StockLedger.this.reservations.delete(orderId);
                } else {
                    StockLedger.this.reservations.put(orderId, reservation);
                }
            });
            waitlistDeletes.forEach(waitlist::delete);
            waitlistAdds.forEach(waitlist::put);
            for (KeyValue<String, Object> output : outputs) {
                context.forward(input.withKey(output.key).withValue(output.value));
            }
        }

        /** RAISED once when available falls under the reorder point, CLEARED once it is back. */
        private java.util.Optional<Alert> lowStock(StockLevel level) {
            Product product = products.get(level.getSku());
            int reorderPoint = product == null ? 0 : product.getReorderPoint();
            int available = level.getOnHand() - level.getReserved();
            boolean low = available < reorderPoint;
            if (low == level.getLowStockAlerted()) {
                return java.util.Optional.empty();
            }
            level.setLowStockAlerted(low);
            return java.util.Optional.of(Alert.newBuilder()
                    .setAlertId("LOW_STOCK:" + level.getSku())
                    .setType(AlertType.LOW_STOCK)
                    .setState(low ? AlertState.RAISED : AlertState.CLEARED)
                    .setSku(level.getSku())
                    .setMessage(level.getSku() + ": " + available + " available, reorder point " + reorderPoint)
                    .setAt(request.getAt())
                    .build());
        }
    }
}
