package io.orderflow.streams.stock.partitioned;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.streams.order.Refusals;
import io.orderflow.streams.stock.partitioned.OrderStockState.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The protocol message by message, delivered in the order sent; the simulator covers other orders. */
class PartitionedStockTest {

    /** Delivers every message in the order it was sent and keeps what came out. */
    private static final class World {
        final Map<String, SkuState> skus = new TreeMap<>();
        final Map<String, OrderStockState> orders = new TreeMap<>();
        final Deque<Object> queue = new ArrayDeque<>();
        final List<SkuStep.PurchaseNeed> purchases = new ArrayList<>();
        final List<SkuStep.Refused> refusals = new ArrayList<>();
        final List<SkuStep.LowStock> alerts = new ArrayList<>();
        final List<OrderStock.Report> reports = new ArrayList<>();
        int messages;
        long priority;

        World(String... skuIds) {
            for (String sku : skuIds) {
                skus.put(sku, new SkuState(sku, 1));
            }
        }

        World receive(String sku, String movementId, int quantity) {
            queue.add(new SkuMessage.Receipt(sku, movementId, quantity));
            return settle();
        }

        World approve(String orderId, Line... lines) {
            OrderStockState order = orders.getOrDefault(orderId, OrderStockState.initial(orderId));
            apply(OrderStock.approve(order, orderId + "-approval", ++priority, List.of(lines)));
            return settle();
        }

        World cancel(String orderId) {
            apply(OrderStock.drop(orders.get(orderId)));
            return settle();
        }

        void apply(OrderStock.Step step) {
            orders.put(step.state().orderId(), step.state());
            messages += step.toSkus().size();
            queue.addAll(step.toSkus());
            reports.addAll(step.reports());
        }

        World deliverNext() {
            Object message = queue.poll();
            if (message instanceof SkuMessage toSku) {
                SkuStep step = SkuStock.handle(skus.get(toSku.sku()), toSku);
                skus.put(toSku.sku(), step.state());
                messages += step.toSkus().size() + step.toOrders().size();
                queue.addAll(step.toSkus());
                queue.addAll(step.toOrders());
                purchases.addAll(step.purchases());
                refusals.addAll(step.refusals());
                alerts.addAll(step.alerts());
            } else if (message instanceof OrderMessage toOrder) {
                apply(OrderStock.handle(orders.get(toOrder.orderId()), toOrder));
            }
            return this;
        }

        World settle() {
            while (!queue.isEmpty()) {
                deliverNext();
            }
            return this;
        }

        Phase phase(String orderId) {
            return orders.get(orderId).phase();
        }

        SkuState sku(String sku) {
            return skus.get(sku);
        }
    }

    @Test
    void shouldReserveAOneLineOrderWithTwoMessages() {
        World world = new World("A").receive("A", "m1", 5);
        world.messages = 0;

        world.approve("o1", new Line("A", 2));

        assertThat(world.messages).as("hold, reserved").isEqualTo(2);
        assertThat(world.phase("o1")).isEqualTo(Phase.RESERVED);
        assertThat(world.sku("A").reserved()).isEqualTo(2);
        assertThat(world.reports).containsExactly(new OrderStock.StockReserved("o1", "o1-approval", 1));
    }

    @Test
    void shouldReserveAThreeLineOrderWithTwoMessagesPerLine() {
        World world = new World("A", "B", "C").receive("A", "m1", 5).receive("B", "m2", 5).receive("C", "m3", 5);
        world.messages = 0;

        world.approve("o1", new Line("C", 1), new Line("A", 2), new Line("B", 3));

        assertThat(world.messages).as("three holds (two passed SKU to SKU), two confirms, reserved").isEqualTo(6);
        assertThat(List.of(world.sku("A").reserved(), world.sku("B").reserved(), world.sku("C").reserved()))
                .containsExactly(2, 3, 1);
        assertThat(world.skus.values()).allSatisfy(sku -> assertThat(sku.held()).isZero());
    }

    @Test
    void shouldHoldNothingOfAnOrderShortOfOneLineAndRequestOnlyWhatIsMissing() {
        World world = new World("A", "B").receive("A", "m1", 5).receive("B", "m2", 1);

        world.approve("o1", new Line("A", 2), new Line("B", 3));

        assertThat(world.phase("o1")).isEqualTo(Phase.WAITING);
        assertThat(world.reports).containsExactly(new OrderStock.StockShort("o1", "o1-approval",
                List.of(new Line("B", 2))));
        assertThat(world.sku("A").free()).isEqualTo(5);
        assertThat(world.sku("A").reserved() + world.sku("B").reserved()).isZero();
        assertThat(world.purchases).containsExactly(new SkuStep.PurchaseNeed("o1:B:1", "B", 2, "o1"));
    }

    @Test
    void shouldServeWaitingOrdersFirstComeFirstWhenStockArrives() {
        World world = new World("A");
        world.approve("older", new Line("A", 2)).approve("younger", new Line("A", 2));

        world.receive("A", "m1", 2);

        assertThat(world.phase("older")).isEqualTo(Phase.RESERVED);
        assertThat(world.phase("younger")).isEqualTo(Phase.WAITING);
    }

    @Test
    void shouldNotLetAnOrderThatCannotBeCompletedBlockALaterOne() {
        World world = new World("A", "B");
        world.approve("older", new Line("A", 1), new Line("B", 1)).approve("younger", new Line("A", 1));

        world.receive("A", "m1", 1);

        assertThat(world.phase("older")).as("still short of B").isEqualTo(Phase.WAITING);
        assertThat(world.phase("younger")).isEqualTo(Phase.RESERVED);
        assertThat(world.sku("A").held()).isZero();
    }

    @Test
    void shouldRaiseNoPurchaseRequestForStockOnlyHeldByAnotherAttempt() {
        World world = new World("A", "B").receive("A", "m1", 1).receive("B", "m2", 1);
        world.apply(OrderStock.approve(OrderStockState.initial("first"), "first-approval", 1,
                List.of(new Line("A", 1), new Line("B", 1))));
        world.deliverNext(); // A holds for first, passes the hold to B
        world.apply(OrderStock.approve(OrderStockState.initial("second"), "second-approval", 2,
                List.of(new Line("A", 1))));
        world.queue.addFirst(world.queue.removeLast()); // second's hold reaches A first
        world.deliverNext();

        assertThat(world.sku("A").held()).isEqualTo(1);
        assertThat(world.purchases).as("A is only held, not short").isEmpty();

        world.settle();

        assertThat(world.phase("first")).isEqualTo(Phase.RESERVED);
        assertThat(world.phase("second")).isEqualTo(Phase.WAITING);
        assertThat(world.purchases).as("once first confirms, second's shortage is real")
                .containsExactly(new SkuStep.PurchaseNeed("second:A:1", "A", 1, "second"));
    }

    @Test
    void shouldReleaseEverythingOfACancelledOrderAndServeTheNextInLine() {
        World world = new World("A", "B").receive("A", "m1", 1).receive("B", "m2", 1);
        world.approve("o1", new Line("A", 1), new Line("B", 1)).approve("o2", new Line("B", 1));

        world.cancel("o1");

        assertThat(world.phase("o1")).isEqualTo(Phase.IDLE);
        assertThat(world.phase("o2")).isEqualTo(Phase.RESERVED);
        assertThat(world.sku("A").reserved()).isZero();
        assertThat(world.sku("B").reserved()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnAdjustmentThatWouldTakeHeldOrReservedStock() {
        World world = new World("A").receive("A", "m1", 3).approve("o1", new Line("A", 2));

        world.queue.add(new SkuMessage.Adjustment("A", "m2", -2));
        world.queue.add(new SkuMessage.Receipt("A", "m3", 0));
        world.settle();

        assertThat(world.sku("A").onHand()).isEqualTo(3);
        assertThat(world.refusals).extracting(SkuStep.Refused::code)
                .containsExactly(Refusals.INSUFFICIENT_STOCK, Refusals.INVALID_QUANTITY);
    }

    @Test
    void shouldChangeNothingOnAReplayedReceiptOrHold() {
        World world = new World("A").receive("A", "m1", 3).approve("o1", new Line("A", 2));
        SkuState before = world.sku("A");

        SkuStep receipt = SkuStock.handle(before, new SkuMessage.Receipt("A", "m1", 3));
        SkuStep hold = SkuStock.handle(before, new SkuMessage.Hold("o1", 1, 1, List.of(new Line("A", 2)), 0));

        assertThat(receipt.state()).isEqualTo(before);
        assertThat(receipt.silent()).isTrue();
        assertThat(hold.state()).isEqualTo(before);
        assertThat(hold.silent()).isTrue();
    }

    @Test
    void shouldIgnoreARepeatedApprovalAndADropOfNothing() {
        OrderStock.Step approved = OrderStock.approve(OrderStockState.initial("o1"), "approval-1", 1,
                List.of(new Line("A", 1)));

        OrderStock.Step again = OrderStock.approve(approved.state(), "approval-1", 1, List.of(new Line("A", 1)));
        OrderStock.Step dropped = OrderStock.drop(approved.state());
        OrderStock.Step droppedAgain = OrderStock.drop(dropped.state());
        OrderStock.Step replayed = OrderStock.approve(dropped.state(), "approval-1", 1, List.of(new Line("A", 1)));

        assertThat(again.silent()).isTrue();
        assertThat(again.state()).isEqualTo(approved.state());
        assertThat(dropped.toSkus()).containsExactly(new SkuMessage.Drop("A", "o1", 1));
        assertThat(droppedAgain.silent()).isTrue();
        assertThat(replayed.silent()).as("the dropped approval is not served again").isTrue();
    }

    @Test
    void shouldKeepANewerApprovalsHoldFromADropThatArrivesLate() {
        World world = new World("A", "B").receive("A", "m1", 2).receive("B", "m2", 2);
        world.approve("o1", new Line("A", 1), new Line("B", 1));
        OrderStock.Step dropped = OrderStock.drop(world.orders.get("o1"));
        world.orders.put("o1", dropped.state());
        world.apply(OrderStock.approve(dropped.state(), "o1-amended", 7, List.of(new Line("A", 2))));

        world.settle(); // the new approval's hold reaches A first, then the old approval's drops
        world.queue.addAll(dropped.toSkus());
        world.settle();

        assertThat(world.phase("o1")).isEqualTo(Phase.RESERVED);
        assertThat(world.sku("A").reserved()).isEqualTo(2);
        assertThat(world.sku("B").reserved()).isZero();
    }

    @Test
    void shouldRaiseAndClearLowStockOnAvailableStock() {
        World world = new World("A");

        world.receive("A", "m1", 1).approve("o1", new Line("A", 1)).receive("A", "m2", 2);

        assertThat(world.alerts).containsExactly(new SkuStep.LowStock("A", true, 0, 1),
                new SkuStep.LowStock("A", false, 2, 1));
    }
}
