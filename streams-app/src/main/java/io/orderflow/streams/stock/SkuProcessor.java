package io.orderflow.streams.stock;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Alert;
import io.orderflow.avro.AlertState;
import io.orderflow.avro.AlertType;
import io.orderflow.avro.Product;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockMark;
import io.orderflow.avro.StockMessage;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.avro.StockWaiter;
import io.orderflow.streams.catalog.CatalogTopology;
import io.orderflow.streams.order.Command;
import io.orderflow.streams.order.Refusals;
import io.orderflow.streams.stock.partitioned.OrderMessage;
import io.orderflow.streams.stock.partitioned.SkuMessage;
import io.orderflow.streams.stock.partitioned.SkuState;
import io.orderflow.streams.stock.partitioned.SkuState.OrderMark;
import io.orderflow.streams.stock.partitioned.SkuState.Waiter;
import io.orderflow.streams.stock.partitioned.SkuStep;
import io.orderflow.streams.stock.partitioned.SkuStock;
import io.orderflow.streams.stock.partitioned.StockMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task of a SKU: applies each message about one SKU ({@code stock-movements} and
 * {@code orderflow-stock-by-sku}, both keyed by SKU, so a SKU's messages meet in the task that owns
 * it) through the pure state machine {@link SkuStock}, and writes what changed.
 *
 * <p>A SKU's state is kept in three stores so that a message reads and writes what it concerns, not
 * every order the SKU has ever seen: {@value StockTopology#STOCK_STORE} (SKU → {@link StockLevel}:
 * the figures, counters and the last movement ids), {@value StockTopology#MARKS_STORE} (SKU and
 * order → {@link StockMark}: what the order has here and which of its messages were seen) and
 * {@value StockTopology#WAITERS_STORE} (SKU and order → {@link StockWaiter}: the orders waiting
 * here). A message loads the level, the mark of its order and, when orders wait here, the waiting
 * orders and their marks: the SKU serves them first come first on every message that frees stock.
 */
final class SkuProcessor implements Processor<String, Object, String, SkuOutput> {

    /** Between the SKU and the order id in the keys of the marks and waiters: no SKU or id contains it. */
    static final char SEPARATOR = '\u0000';
    private static final StringSerializer KEYS = new StringSerializer();

    private ProcessorContext<String, SkuOutput> context;
    private KeyValueStore<String, StockLevel> levels;
    private KeyValueStore<String, StockMark> marks;
    private KeyValueStore<String, StockWaiter> waiters;
    private KeyValueStore<String, Product> products;

    @Override
    public void init(ProcessorContext<String, SkuOutput> context) {
        this.context = context;
        this.levels = context.getStateStore(StockTopology.STOCK_STORE);
        this.marks = context.getStateStore(StockTopology.MARKS_STORE);
        this.waiters = context.getStateStore(StockTopology.WAITERS_STORE);
        this.products = context.getStateStore(CatalogTopology.PRODUCTS_STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        Actor actor = Command.PIPELINE;
        SkuMessage message;
        if (record.value() instanceof StockMovement movement) {
            at = movement.getAt();
            actor = movement.getActor();
            if (movement.getType() == StockMovementType.RECEIPT) {
                message = new SkuMessage.Receipt(movement.getSku(), movement.getMovementId(), movement.getQuantity());
            } else if (movement.getType() == StockMovementType.ADJUSTMENT) {
                message = new SkuMessage.Adjustment(movement.getSku(), movement.getMovementId(),
                        movement.getQuantity());
            } else {
                forward(record, movement.getSku(), new SkuOutput.Refused(refusal(new SkuStep.Refused(
                        movement.getSku(), movement.getMovementId(), null, Refusals.UNKNOWN_COMMAND,
                        "stock movement type " + movement.getType() + " is not known"), actor, at)));
                return;
            }
        } else if (record.value() instanceof StockMessage stockMessage) {
            message = StockMessages.toSku(stockMessage);
        } else {
            throw new IllegalArgumentException("unexpected input " + (record.value() == null ? "null"
                    : record.value().getClass().getName()));
        }
        if (record.key() != null && !record.key().equals(message.sku())) {
            throw new IllegalArgumentException("a message for SKU " + message.sku() + " arrived under key "
                    + record.key() + "; stock messages and movements must be keyed by SKU");
        }
        apply(record, message, actor, at);
    }

    private void apply(Record<String, Object> record, SkuMessage message, Actor actor, Instant at) {
        String sku = message.sku();
        StockLevel level = levels.get(sku);
        Map<String, OrderMark> loadedMarks = new HashMap<>();
        Map<String, Waiter> loadedWaiters = new HashMap<>();
        String orderId = orderOf(message);
        if (orderId != null) {
            StockMark mark = marks.get(key(sku, orderId));
            if (mark != null) {
                loadedMarks.put(orderId, mark(mark));
            }
        }
        if (level != null && level.getWaiting() > 0) {
            try (KeyValueIterator<String, StockWaiter> entries = waiters.prefixScan(sku + SEPARATOR, KEYS)) {
                entries.forEachRemaining(entry -> loadedWaiters.put(entry.value.getOrderId(), waiter(entry.value)));
            }
            for (String waiting : loadedWaiters.keySet()) {
                if (!loadedMarks.containsKey(waiting)) {
                    StockMark mark = marks.get(key(sku, waiting));
                    if (mark != null) {
                        loadedMarks.put(waiting, mark(mark));
                    }
                }
            }
        }
        Product product = products.get(sku);
        int reorderPoint = product == null ? 0 : product.getReorderPoint();
        SkuState before = level == null
                ? SkuState.restored(sku, reorderPoint, 0, 0, 0, 0, 0, 0, 0, false, loadedMarks, loadedWaiters,
                        List.of())
                : SkuState.restored(sku, reorderPoint, level.getOnHand(), level.getReserved(), level.getHeld(),
                        level.getReceived(), level.getAdjusted(), level.getShipped(), level.getReturned(),
                        level.getLowStockAlerted(), loadedMarks, loadedWaiters, level.getRecentMovementIds());
        SkuStep step = SkuStock.handle(before, message);
        write(before, step.state(), level, at);
        for (SkuMessage next : step.toSkus()) {
            forward(record, next.sku(), new SkuOutput.NextStep(StockMessages.toAvro(next)));
        }
        for (OrderMessage answer : step.toOrders()) {
            forward(record, answer.orderId(), new SkuOutput.Answer(StockMessages.toAvro(answer)));
        }
        for (SkuStep.PurchaseNeed need : step.purchases()) {
            forward(record, sku, new SkuOutput.Purchase(new PurchaseRequest(need.requestId(), sku, need.quantity(),
                    need.orderId(), "order " + need.orderId() + " waits for " + need.quantity() + " more", at)));
        }
        for (SkuStep.LowStock low : step.alerts()) {
            Alert alert = Alert.newBuilder()
                    .setAlertId("LOW_STOCK:" + sku)
                    .setType(AlertType.LOW_STOCK)
                    .setState(low.raised() ? AlertState.RAISED : AlertState.CLEARED)
                    .setSku(sku)
                    .setMessage(sku + ": " + low.available() + " available, reorder point " + low.reorderPoint())
                    .setAt(at)
                    .build();
            forward(record, alert.getAlertId(), new SkuOutput.LowStock(alert));
        }
        for (SkuStep.Refused refused : step.refusals()) {
            forward(record, sku, new SkuOutput.Refused(refusal(refused, actor, at)));
        }
    }

    /** Writes what the step changed: the level, the marks it touched, the waiters that came or went. */
    private void write(SkuState before, SkuState after, StockLevel stored, Instant at) {
        String sku = after.sku();
        after.orders().forEach((orderId, mark) -> {
            if (!mark.equals(before.orders().get(orderId))) {
                marks.put(key(sku, orderId), mark(orderId, mark));
            }
        });
        before.waitersByOrder().keySet().stream()
                .filter(orderId -> !after.waitersByOrder().containsKey(orderId))
                .forEach(orderId -> waiters.delete(key(sku, orderId)));
        after.waitersByOrder().forEach((orderId, waiter) -> {
            if (!waiter.equals(before.waitersByOrder().get(orderId))) {
                waiters.put(key(sku, orderId), waiter(waiter));
            }
        });
        StockLevel level = new StockLevel(sku, after.onHand(), after.reserved(), after.held(),
                after.waitersByOrder().size(), after.received(), after.adjusted(), after.shipped(), after.returned(),
                after.lowStockAlerted(), new ArrayList<>(after.recentMovementIds()), at);
        if (stored == null || !sameFigures(stored, level)) {
            levels.put(sku, level);
        }
    }

    private static boolean sameFigures(StockLevel a, StockLevel b) {
        return a.getOnHand() == b.getOnHand() && a.getReserved() == b.getReserved() && a.getHeld() == b.getHeld()
                && a.getWaiting() == b.getWaiting() && a.getReceived() == b.getReceived()
                && a.getAdjusted() == b.getAdjusted() && a.getShipped() == b.getShipped()
                && a.getReturned() == b.getReturned() && a.getLowStockAlerted() == b.getLowStockAlerted()
                && a.getRecentMovementIds().equals(b.getRecentMovementIds());
    }

    private void forward(Record<String, Object> input, String key, SkuOutput value) {
        context.forward(new Record<>(key, value, input.timestamp()));
    }

    private static Refusal refusal(SkuStep.Refused refused, Actor actor, Instant at) {
        return Refusal.newBuilder()
                .setCommandId(refused.commandId())
                .setOrderId(refused.orderId())
                .setCommand(refused.orderId() == null ? "StockMovement" : "StockShipment")
                .setActor(actor)
                .setAt(at)
                .setCode(refused.code())
                .setReason(refused.reason())
                .build();
    }

    private static String orderOf(SkuMessage message) {
        if (message instanceof SkuMessage.Hold hold) {
            return hold.orderId();
        } else if (message instanceof SkuMessage.Probe probe) {
            return probe.orderId();
        } else if (message instanceof SkuMessage.Confirm confirm) {
            return confirm.orderId();
        } else if (message instanceof SkuMessage.Release release) {
            return release.orderId();
        } else if (message instanceof SkuMessage.Drop drop) {
            return drop.orderId();
        } else if (message instanceof SkuMessage.Ship ship) {
            return ship.orderId();
        } else if (message instanceof SkuMessage.Restock restock) {
            return restock.orderId();
        }
        return null;
    }

    static String key(String sku, String orderId) {
        return sku + SEPARATOR + Objects.requireNonNull(orderId);
    }

    private static OrderMark mark(StockMark mark) {
        return new OrderMark(mark.getSeenAttempt(), mark.getClosedThrough(), mark.getHeldAttempt(),
                mark.getHeldQuantity(), mark.getReservedAttempt(), mark.getReservedQuantity(),
                java.util.Set.copyOf(mark.getShipments()), java.util.Set.copyOf(mark.getRestocks()),
                mark.getPurchaseRequested());
    }

    private static StockMark mark(String orderId, OrderMark mark) {
        return new StockMark(orderId, mark.seenAttempt(), mark.closedThrough(), mark.heldAttempt(),
                mark.heldQuantity(), mark.reservedAttempt(), mark.reservedQuantity(),
                new ArrayList<>(new java.util.TreeSet<>(mark.shipments())),
                new ArrayList<>(new java.util.TreeSet<>(mark.restocks())), mark.purchaseRequested());
    }

    private static Waiter waiter(StockWaiter waiter) {
        return new Waiter(waiter.getOrderId(), waiter.getPriority(), waiter.getQuantity(), waiter.getAfterAttempt(),
                waiter.getEarmarked());
    }

    private static StockWaiter waiter(Waiter waiter) {
        return new StockWaiter(waiter.orderId(), waiter.priority(), waiter.quantity(), waiter.afterAttempt(),
                waiter.earmarked());
    }
}
