package io.orderflow.streams.stock.partitioned;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stock of one SKU: what a SKU task's store keeps under that SKU. Counters are kept for the
 * conservation check ({@code onHand = received + adjusted - shipped + returned}); per order, what
 * it holds or has reserved here and what of its messages were seen; the orders waiting here, in
 * order of their priority (approval).
 */
public final class SkuState {

    /** Movement ids remembered per SKU against replays, as the single ledger does. */
    public static final int REMEMBERED_MOVEMENT_IDS = 100;

    /**
     * What one order has here. {@code seenAttempt}: the newest attempt whose hold or probe came by;
     * {@code closedThrough}: attempts up to it are dropped; the hold and the reservation each with
     * the attempt that made them; shipment and return ids applied; whether a purchase request went
     * out for the order's current approval.
     */
    public record OrderMark(int seenAttempt, int closedThrough, int heldAttempt, int heldQuantity,
            int reservedAttempt, int reservedQuantity, Set<String> shipments, Set<String> restocks,
            boolean purchaseRequested) {

        static final OrderMark NONE = new OrderMark(0, 0, 0, 0, 0, 0, Set.of(), Set.of(), false);

        public OrderMark {
            shipments = Set.copyOf(shipments);
            restocks = Set.copyOf(restocks);
        }

        OrderMark seen(int attempt) {
            return new OrderMark(attempt, closedThrough, heldAttempt, heldQuantity, reservedAttempt,
                    reservedQuantity, shipments, restocks, purchaseRequested);
        }

        OrderMark closed(int attempt) {
            return new OrderMark(Math.max(seenAttempt, attempt), attempt, heldAttempt, heldQuantity, reservedAttempt,
                    reservedQuantity, shipments, restocks, false);
        }

        OrderMark held(int attempt, int quantity) {
            return new OrderMark(seenAttempt, closedThrough, quantity == 0 ? 0 : attempt, quantity, reservedAttempt,
                    reservedQuantity, shipments, restocks, purchaseRequested);
        }

        OrderMark reserved(int attempt, int quantity) {
            return new OrderMark(seenAttempt, closedThrough, heldAttempt, heldQuantity, quantity == 0 ? 0 : attempt,
                    quantity, shipments, restocks, purchaseRequested);
        }

        OrderMark shipped(String shipmentId) {
            Set<String> ids = new TreeSet<>(shipments);
            ids.add(shipmentId);
            return new OrderMark(seenAttempt, closedThrough, heldAttempt, heldQuantity, reservedAttempt,
                    reservedQuantity, ids, restocks, purchaseRequested);
        }

        OrderMark restocked(String returnId) {
            Set<String> ids = new TreeSet<>(restocks);
            ids.add(returnId);
            return new OrderMark(seenAttempt, closedThrough, heldAttempt, heldQuantity, reservedAttempt,
                    reservedQuantity, shipments, ids, purchaseRequested);
        }

        OrderMark purchased() {
            return new OrderMark(seenAttempt, closedThrough, heldAttempt, heldQuantity, reservedAttempt,
                    reservedQuantity, shipments, restocks, true);
        }
    }

    /**
     * An order waiting here since {@code afterAttempt} for {@code quantity}. {@code earmarked}: the
     * SKU has woken it and set the quantity aside (counted as held) for its next attempt.
     */
    public record Waiter(String orderId, long priority, int quantity, int afterAttempt, boolean earmarked) {

        static final Comparator<Waiter> FIRST_COME = Comparator.comparingLong(Waiter::priority)
                .thenComparing(Waiter::orderId);

        Waiter earmark() {
            return new Waiter(orderId, priority, quantity, afterAttempt, true);
        }
    }

    final String sku;
    final int reorderPoint;
    /**
     * What is held by orders whose marks this state was not given: a SKU task loads only the marks a message
     * concerns ({@link #restored}); zero for a state that holds every mark.
     */
    final int heldElsewhere;
    int onHand;
    int reserved;
    long received;
    long adjusted;
    long shipped;
    long returned;
    boolean lowStockAlerted;
    final TreeMap<String, OrderMark> orders;
    final TreeMap<String, Waiter> waiters;
    final List<String> recentMovementIds;

    /** An empty SKU; {@code reorderPoint} comes from the catalog (co-partitioned by SKU). */
    public SkuState(String sku, int reorderPoint) {
        this(sku, reorderPoint, 0);
    }

    private SkuState(String sku, int reorderPoint, int heldElsewhere) {
        this.sku = Objects.requireNonNull(sku);
        this.reorderPoint = reorderPoint;
        this.heldElsewhere = heldElsewhere;
        this.orders = new TreeMap<>();
        this.waiters = new TreeMap<>();
        this.recentMovementIds = new ArrayList<>();
    }

    private SkuState(SkuState other) {
        this.sku = other.sku;
        this.reorderPoint = other.reorderPoint;
        this.heldElsewhere = other.heldElsewhere;
        this.onHand = other.onHand;
        this.reserved = other.reserved;
        this.received = other.received;
        this.adjusted = other.adjusted;
        this.shipped = other.shipped;
        this.returned = other.returned;
        this.lowStockAlerted = other.lowStockAlerted;
        this.orders = new TreeMap<>(other.orders);
        this.waiters = new TreeMap<>(other.waiters);
        this.recentMovementIds = new ArrayList<>(other.recentMovementIds);
    }

    /**
     * A SKU's state as a task's stores keep it, with only some of its orders' marks: those a message concerns
     * and those of the waiting orders (every waiting order must be given). {@code held} is the SKU's whole held
     * figure as stored; what the marks given do not account for is kept aside, so {@link #held()} stays whole.
     */
    public static SkuState restored(String sku, int reorderPoint, int onHand, int reserved, int held, long received,
            long adjusted, long shipped, long returned, boolean lowStockAlerted, Map<String, OrderMark> marks,
            Map<String, Waiter> waiting, List<String> recentMovementIds) {
        int given = 0;
        for (OrderMark mark : marks.values()) {
            given += mark.heldQuantity();
        }
        for (Waiter waiter : waiting.values()) {
            given += waiter.earmarked() ? waiter.quantity() : 0;
        }
        SkuState state = new SkuState(sku, reorderPoint, held - given);
        state.onHand = onHand;
        state.reserved = reserved;
        state.received = received;
        state.adjusted = adjusted;
        state.shipped = shipped;
        state.returned = returned;
        state.lowStockAlerted = lowStockAlerted;
        state.orders.putAll(marks);
        state.waiters.putAll(waiting);
        state.recentMovementIds.addAll(recentMovementIds);
        return state;
    }

    SkuState copy() {
        return new SkuState(this);
    }

    public String sku() {
        return sku;
    }

    public int reorderPoint() {
        return reorderPoint;
    }

    public int onHand() {
        return onHand;
    }

    /** The sum of confirmed reservations. */
    public int reserved() {
        return reserved;
    }

    /** Set aside for attempts in flight and for woken orders: zero when the system is quiet. */
    public int held() {
        int held = heldElsewhere;
        for (OrderMark mark : orders.values()) {
            held += mark.heldQuantity();
        }
        for (Waiter waiter : waiters.values()) {
            if (waiter.earmarked()) {
                held += waiter.quantity();
            }
        }
        return held;
    }

    /** What a new hold can have now: on hand less reserved less held. */
    public int free() {
        return onHand - reserved - held();
    }

    /** On hand less reserved: the figure a shortage and the low-stock alert are measured against. */
    public int available() {
        return onHand - reserved;
    }

    public long received() {
        return received;
    }

    public long adjusted() {
        return adjusted;
    }

    public long shipped() {
        return shipped;
    }

    public long returned() {
        return returned;
    }

    public boolean lowStockAlerted() {
        return lowStockAlerted;
    }

    public OrderMark order(String orderId) {
        return orders.getOrDefault(orderId, OrderMark.NONE);
    }

    public Map<String, OrderMark> orders() {
        return Collections.unmodifiableMap(orders);
    }

    /** The orders waiting here by order id. */
    public Map<String, Waiter> waitersByOrder() {
        return Collections.unmodifiableMap(waiters);
    }

    /** The last movement ids applied, oldest first. */
    public List<String> recentMovementIds() {
        return Collections.unmodifiableList(recentMovementIds);
    }

    /** The orders waiting here, first come first. */
    public List<Waiter> waiters() {
        List<Waiter> inLine = new ArrayList<>(waiters.values());
        inLine.sort(Waiter.FIRST_COME);
        return inLine;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SkuState other
                && sku.equals(other.sku) && reorderPoint == other.reorderPoint
                && heldElsewhere == other.heldElsewhere && onHand == other.onHand
                && reserved == other.reserved && received == other.received && adjusted == other.adjusted
                && shipped == other.shipped && returned == other.returned
                && lowStockAlerted == other.lowStockAlerted && orders.equals(other.orders)
                && waiters.equals(other.waiters) && recentMovementIds.equals(other.recentMovementIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sku, onHand, reserved, orders, waiters);
    }

    @Override
    public String toString() {
        return sku + "{onHand=" + onHand + ", reserved=" + reserved + ", held=" + held() + ", orders=" + orders
                + ", waiters=" + waiters() + "}";
    }
}
