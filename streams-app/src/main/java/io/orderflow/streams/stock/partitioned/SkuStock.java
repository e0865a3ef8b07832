package io.orderflow.streams.stock.partitioned;

import io.orderflow.streams.order.Refusals;
import io.orderflow.streams.stock.partitioned.SkuState.OrderMark;
import io.orderflow.streams.stock.partitioned.SkuState.Waiter;
import io.orderflow.streams.stock.partitioned.SkuStep.LowStock;
import io.orderflow.streams.stock.partitioned.SkuStep.PurchaseNeed;
import io.orderflow.streams.stock.partitioned.SkuStep.Refused;
import java.util.ArrayList;
import java.util.List;

/**
 * The state machine of one SKU: a pure function from the SKU's state and one {@link SkuMessage} to
 * the next state and what to send ({@link SkuStep}). The input state is never changed. See the
 * package documentation for the protocol.
 *
 * <p>After every message the SKU settles: it sets stock aside for the waiting orders it can now
 * serve, first come first ({@link OrderMessage.Wake}); it raises a purchase request for each waiting
 * order that is short of stock nobody merely holds; it raises or clears LOW_STOCK. Each of these
 * is a fixpoint, so a message that changes nothing sends nothing.
 */
public final class SkuStock {

    private SkuStock() {
    }

    public static SkuStep handle(SkuState current, SkuMessage message) {
        Change change = new Change(current.copy());
        if (message instanceof SkuMessage.Hold hold) {
            change.hold(hold);
        } else if (message instanceof SkuMessage.Probe probe) {
            change.probe(probe);
        } else if (message instanceof SkuMessage.Confirm confirm) {
            change.confirm(confirm);
        } else if (message instanceof SkuMessage.Release release) {
            change.release(release);
        } else if (message instanceof SkuMessage.Drop drop) {
            change.drop(drop);
        } else if (message instanceof SkuMessage.Ship ship) {
            change.ship(ship);
        } else if (message instanceof SkuMessage.Restock restock) {
            change.restock(restock);
        } else if (message instanceof SkuMessage.Receipt receipt) {
            change.movement(receipt.movementId(), receipt.quantity(), true);
        } else if (message instanceof SkuMessage.Adjustment adjustment) {
            change.movement(adjustment.movementId(), adjustment.quantity(), false);
        }
        change.settle();
        return new SkuStep(change.state, List.copyOf(change.toSkus), List.copyOf(change.toOrders),
                List.copyOf(change.purchases), List.copyOf(change.alerts), List.copyOf(change.refusals));
    }

    private static final class Change {
        private final SkuState state;
        private final List<SkuMessage> toSkus = new ArrayList<>();
        private final List<OrderMessage> toOrders = new ArrayList<>();
        private final List<PurchaseNeed> purchases = new ArrayList<>();
        private final List<LowStock> alerts = new ArrayList<>();
        private final List<Refused> refusals = new ArrayList<>();

        Change(SkuState state) {
            this.state = state;
        }

        /**
         * The attempt's hold or probe arrives: anything an older attempt of the order still has here
         * goes back first. An older attempt is over when a newer one runs: it failed (its release
         * may still be on its way) or the order's approval was dropped (its drop may be on its way).
         */
        private OrderMark newAttempt(String orderId, int attempt) {
            OrderMark mark = state.order(orderId);
            if (attempt <= mark.seenAttempt() || attempt <= mark.closedThrough()) {
                return null;
            }
            if (mark.heldQuantity() > 0) {
                mark = mark.held(0, 0);
            }
            if (mark.reservedQuantity() > 0) {
                state.reserved -= mark.reservedQuantity();
                mark = mark.reserved(0, 0);
            }
            mark = mark.seen(attempt);
            state.orders.put(orderId, mark);
            // whatever the order waited for here, this attempt asks anew: what was set aside for it is
            // free again, for this attempt first
            state.waiters.remove(orderId);
            return mark;
        }

        void hold(SkuMessage.Hold hold) {
            OrderMark mark = newAttempt(hold.orderId(), hold.attempt());
            if (mark == null) {
                return;
            }
            String orderId = hold.orderId();
            int wanted = hold.lines().get(hold.index()).quantity();
            boolean last = hold.index() == hold.lines().size() - 1;
            if (wanted <= state.free()) {
                if (last) {
                    state.reserved += wanted;
                    state.orders.put(orderId, mark.reserved(hold.attempt(), wanted));
                    for (int i = 0; i < hold.index(); i++) {
                        toSkus.add(new SkuMessage.Confirm(hold.lines().get(i).sku(), orderId, hold.attempt()));
                    }
                    toOrders.add(new OrderMessage.Reserved(orderId, hold.attempt()));
                } else {
                    state.orders.put(orderId, mark.held(hold.attempt(), wanted));
                    toSkus.add(new SkuMessage.Hold(orderId, hold.attempt(), hold.priority(), hold.lines(),
                            hold.index() + 1));
                }
                return;
            }
            int missing = wanted - state.free();
            state.waiters.put(orderId, new Waiter(orderId, hold.priority(), wanted, hold.attempt(), false));
            for (int i = 0; i < hold.index(); i++) {
                toSkus.add(new SkuMessage.Release(hold.lines().get(i).sku(), orderId, hold.attempt()));
            }
            passOn(orderId, hold.attempt(), hold.priority(), hold.lines(), hold.index(),
                    List.of(new Line(state.sku, missing)));
        }

        void probe(SkuMessage.Probe probe) {
            if (newAttempt(probe.orderId(), probe.attempt()) == null) {
                return;
            }
            String orderId = probe.orderId();
            int wanted = probe.lines().get(probe.index()).quantity();
            List<Line> shortfall = new ArrayList<>(probe.shortfall());
            if (wanted > state.free()) {
                state.waiters.put(orderId, new Waiter(orderId, probe.priority(), wanted, probe.attempt(), false));
                shortfall.add(new Line(state.sku, wanted - state.free()));
            }
            passOn(orderId, probe.attempt(), probe.priority(), probe.lines(), probe.index(), shortfall);
        }

        private void passOn(String orderId, int attempt, long priority, List<Line> lines, int index,
                List<Line> shortfall) {
            if (index == lines.size() - 1) {
                toOrders.add(new OrderMessage.Short(orderId, attempt, shortfall));
            } else {
                toSkus.add(new SkuMessage.Probe(orderId, attempt, priority, lines, index + 1, shortfall));
            }
        }

        void confirm(SkuMessage.Confirm confirm) {
            OrderMark mark = state.order(confirm.orderId());
            if (mark.heldQuantity() > 0 && mark.heldAttempt() == confirm.attempt()) {
                confirmHold(confirm.orderId(), mark);
            }
        }

        private OrderMark confirmHold(String orderId, OrderMark mark) {
            state.reserved += mark.heldQuantity();
            OrderMark confirmed = mark.reserved(mark.heldAttempt(), mark.reservedQuantity() + mark.heldQuantity())
                    .held(0, 0);
            state.orders.put(orderId, confirmed);
            return confirmed;
        }

        void release(SkuMessage.Release release) {
            OrderMark mark = state.order(release.orderId());
            if (mark.heldQuantity() > 0 && mark.heldAttempt() == release.attempt()) {
                state.orders.put(release.orderId(), mark.held(0, 0));
            }
        }

        void drop(SkuMessage.Drop drop) {
            OrderMark mark = state.order(drop.orderId());
            if (drop.attempt() <= mark.closedThrough()) {
                return;
            }
            if (mark.heldQuantity() > 0 && mark.heldAttempt() <= drop.attempt()) {
                mark = mark.held(0, 0);
            }
            if (mark.reservedQuantity() > 0 && mark.reservedAttempt() <= drop.attempt()) {
                state.reserved -= mark.reservedQuantity();
                mark = mark.reserved(0, 0);
            }
            Waiter waiter = state.waiters.get(drop.orderId());
            if (waiter != null && waiter.afterAttempt() <= drop.attempt()) {
                state.waiters.remove(drop.orderId());
            }
            state.orders.put(drop.orderId(), mark.closed(drop.attempt()));
        }

        void ship(SkuMessage.Ship ship) {
            OrderMark mark = state.order(ship.orderId());
            if (mark.shipments().contains(ship.shipmentId())) {
                return;
            }
            if (mark.heldQuantity() > 0 && mark.heldAttempt() == ship.attempt()) {
                // the order ships, so the attempt holding this line reserved all: its confirm is on the way
                mark = confirmHold(ship.orderId(), mark);
            }
            int quantity = ship.quantity();
            int fromReservation = Math.min(quantity, mark.reservedQuantity());
            if (quantity <= 0 || quantity - fromReservation > state.free()) {
                refusals.add(new Refused(state.sku, ship.shipmentId(), ship.orderId(),
                        quantity <= 0 ? Refusals.INVALID_QUANTITY : Refusals.INSUFFICIENT_STOCK,
                        "shipping " + quantity + " x " + state.sku + " with " + fromReservation + " reserved and "
                                + state.free() + " free"));
                state.orders.put(ship.orderId(), mark.shipped(ship.shipmentId()));
                return;
            }
            state.reserved -= fromReservation;
            state.onHand -= quantity;
            state.shipped += quantity;
            state.orders.put(ship.orderId(), mark.reserved(mark.reservedAttempt(),
                    mark.reservedQuantity() - fromReservation).shipped(ship.shipmentId()));
        }

        void restock(SkuMessage.Restock restock) {
            OrderMark mark = state.order(restock.orderId());
            if (mark.restocks().contains(restock.returnId())) {
                return;
            }
            if (restock.quantity() <= 0) {
                refusals.add(new Refused(state.sku, restock.returnId(), restock.orderId(), Refusals.INVALID_QUANTITY,
                        "a return of " + restock.quantity() + " x " + state.sku + " changes nothing"));
            } else {
                state.onHand = Math.addExact(state.onHand, restock.quantity());
                state.returned += restock.quantity();
            }
            state.orders.put(restock.orderId(), mark.restocked(restock.returnId()));
        }

        void movement(String movementId, int quantity, boolean receipt) {
            if (state.recentMovementIds.contains(movementId)) {
                return;
            }
            remember(movementId);
            if (receipt ? quantity <= 0 : quantity == 0) {
                refusals.add(new Refused(state.sku, movementId, null, Refusals.INVALID_QUANTITY,
                        (receipt ? "a receipt" : "an adjustment") + " of " + quantity + " x " + state.sku
                                + " changes nothing"));
                return;
            }
            if ((long) state.onHand + quantity < (long) state.reserved + state.held()) {
                refusals.add(new Refused(state.sku, movementId, null, Refusals.INSUFFICIENT_STOCK,
                        "adjusting " + state.sku + " by " + quantity + " would leave " + (state.onHand + quantity)
                                + " on hand for " + state.reserved + " reserved and " + state.held() + " held"));
                return;
            }
            state.onHand = Math.addExact(state.onHand, quantity);
            if (receipt) {
                state.received += quantity;
            } else {
                state.adjusted += quantity;
            }
        }

        private void remember(String movementId) {
            state.recentMovementIds.add(movementId);
            if (state.recentMovementIds.size() > SkuState.REMEMBERED_MOVEMENT_IDS) {
                state.recentMovementIds.remove(0);
            }
        }

        /** Wakes whom the free stock can serve, first come first; purchase requests; LOW_STOCK. */
        void settle() {
            for (Waiter waiter : state.waiters()) {
                if (!waiter.earmarked() && waiter.quantity() <= state.free()) {
                    state.waiters.put(waiter.orderId(), waiter.earmark());
                    toOrders.add(new OrderMessage.Wake(waiter.orderId(), state.sku, waiter.afterAttempt()));
                }
            }
            for (Waiter waiter : state.waiters()) {
                OrderMark mark = state.order(waiter.orderId());
                int missing = waiter.quantity() - state.available();
                if (!waiter.earmarked() && !mark.purchaseRequested() && missing > 0) {
                    state.orders.put(waiter.orderId(), mark.purchased());
                    purchases.add(new PurchaseNeed(waiter.orderId() + ":" + state.sku + ":" + waiter.afterAttempt(),
                            state.sku, missing, waiter.orderId()));
                }
            }
            boolean low = state.available() < state.reorderPoint;
            if (low != state.lowStockAlerted) {
                state.lowStockAlerted = low;
                alerts.add(new LowStock(state.sku, low, state.available(), state.reorderPoint));
            }
        }
    }
}
