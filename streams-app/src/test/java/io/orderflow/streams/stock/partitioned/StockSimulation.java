package io.orderflow.streams.stock.partitioned;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.streams.stock.partitioned.OrderStockState.Phase;
import io.orderflow.streams.stock.partitioned.SkuState.OrderMark;
import io.orderflow.streams.stock.partitioned.SkuState.Waiter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A seeded world of SKU machines and order coordinators whose messages are delivered in random
 * order, duplicated and replayed, with random approvals, cancellations, re-approvals, shipments,
 * returns, receipts and adjustments. After every delivery it checks the invariants; when nothing is
 * in flight it checks what must hold when the system is quiet.
 */
final class StockSimulation {

    private static final int MAX_DRAIN_DELIVERIES = 200_000;

    /** A message in flight or delivered; {@code id} tells a re-delivery from a first one. */
    private record Envelope(long id, Object message) {
    }

    /** What the simulation knows of an order apart from its coordinator. */
    private static final class OrderModel {
        int approvals;
        boolean everShipped;
        final Map<String, Integer> shippedIssued = new TreeMap<>();
        final Map<String, Integer> shippedApplied = new TreeMap<>();
        final Map<String, Integer> returnedIssued = new TreeMap<>();
        OrderStock.Report lastReport;
        final Set<String> purchasedSkus = new HashSet<>();
        int shipments;
    }

    private final Random random;
    private final List<String> skus = new ArrayList<>();
    private final List<String> orderIds = new ArrayList<>();
    private final Map<String, SkuState> skuStates = new TreeMap<>();
    private final Map<String, OrderStockState> orderStates = new TreeMap<>();
    private final Map<String, OrderModel> models = new TreeMap<>();
    private final Map<String, long[]> ledger = new TreeMap<>(); // received, adjusted, shipped, returned
    private final Map<String, Boolean> alerted = new HashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final List<Envelope> inFlight = new ArrayList<>();
    private final List<Envelope> delivered = new ArrayList<>();
    private final Set<Long> deliveredIds = new HashSet<>();
    private long nextId;
    private long priority;
    private int movements;
    private int redeliveries;
    private int reservedReports;
    private int shortReports;

    StockSimulation(long seed, int skuCount, int orderCount) {
        this.random = new Random(seed);
        for (int i = 0; i < skuCount; i++) {
            String sku = "SKU-" + i;
            skus.add(sku);
            skuStates.put(sku, new SkuState(sku, random.nextInt(3)));
            ledger.put(sku, new long[4]);
            alerted.put(sku, false);
        }
        for (int i = 0; i < orderCount; i++) {
            String orderId = String.format("O-%03d", i);
            orderIds.add(orderId);
            orderStates.put(orderId, OrderStockState.initial(orderId));
            models.put(orderId, new OrderModel());
        }
    }

    /** Rounds of random traffic, each drained to quiescence and audited. */
    void run(int rounds, int stepsPerRound) {
        for (int round = 0; round < rounds; round++) {
            for (int step = 0; step < stepsPerRound; step++) {
                step();
            }
            drain();
            checkQuiet();
        }
        assertThat(reservedReports + shortReports).as("the simulation exercised the protocol").isPositive();
    }

    int redeliveries() {
        return redeliveries;
    }

    // ---------------------------------------------------------------- traffic

    private void step() {
        int dice = random.nextInt(100);
        if (dice < 50 && !inFlight.isEmpty()) {
            deliver(inFlight.remove(random.nextInt(inFlight.size())));
        } else if (dice < 57 && !inFlight.isEmpty()) {
            deliver(inFlight.get(random.nextInt(inFlight.size()))); // a duplicate: the original stays in flight
        } else if (dice < 64 && !delivered.isEmpty()) {
            deliver(delivered.get(random.nextInt(delivered.size()))); // a replay of an old message
        } else {
            command();
        }
    }

    private void drain() {
        int budget = MAX_DRAIN_DELIVERIES;
        while (!inFlight.isEmpty()) {
            assertThat(--budget).as("the protocol comes to rest (no livelock)").isPositive();
            int dice = random.nextInt(100);
            if (dice < 5) {
                deliver(inFlight.get(random.nextInt(inFlight.size())));
            } else if (dice < 10 && !delivered.isEmpty()) {
                deliver(delivered.get(random.nextInt(delivered.size())));
            } else {
                deliver(inFlight.remove(random.nextInt(inFlight.size())));
            }
        }
    }

    private void command() {
        String orderId = orderIds.get(random.nextInt(orderIds.size()));
        OrderStockState order = orderStates.get(orderId);
        OrderModel model = models.get(orderId);
        switch (random.nextInt(7)) {
            case 0, 1 -> {
                if (order.phase() == Phase.IDLE && !model.everShipped && model.approvals < 3) {
                    model.approvals++;
                    model.purchasedSkus.clear();
                    model.lastReport = null;
                    apply(OrderStock.approve(order, orderId + "#approval-" + model.approvals, ++priority,
                            randomLines()));
                }
            }
            case 2 -> {
                if (order.phase() != Phase.IDLE && !model.everShipped) {
                    apply(OrderStock.drop(order));
                }
            }
            case 3 -> {
                if (order.phase() == Phase.RESERVED) {
                    ship(order, model);
                }
            }
            case 4 -> {
                List<Line> back = new ArrayList<>();
                model.shippedIssued.forEach((sku, shipped) -> {
                    int returnable = shipped - model.returnedIssued.getOrDefault(sku, 0);
                    if (returnable > 0 && random.nextBoolean()) {
                        int quantity = 1 + random.nextInt(returnable);
                        back.add(new Line(sku, quantity));
                        model.returnedIssued.merge(sku, quantity, Integer::sum);
                    }
                });
                if (!back.isEmpty()) {
                    OrderStock.restock(orderId, orderId + "#return-" + (++model.shipments), back)
                            .forEach(this::send);
                }
            }
            case 5 -> send(new SkuMessage.Receipt(randomSku(), "movement-" + (++movements),
                    random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3)));
            default -> send(new SkuMessage.Adjustment(randomSku(), "movement-" + (++movements),
                    random.nextInt(7) - 3));
        }
    }

    private void ship(OrderStockState order, OrderModel model) {
        List<Line> lines = new ArrayList<>();
        for (Line line : order.lines()) {
            int left = line.quantity() - model.shippedIssued.getOrDefault(line.sku(), 0);
            if (left > 0 && random.nextBoolean()) {
                int quantity = 1 + random.nextInt(left);
                lines.add(new Line(line.sku(), quantity));
                model.shippedIssued.merge(line.sku(), quantity, Integer::sum);
            }
        }
        if (!lines.isEmpty()) {
            model.everShipped = true;
            OrderStock.ship(order, order.orderId() + "#shipment-" + (++model.shipments), lines).forEach(this::send);
        }
    }

    private List<Line> randomLines() {
        List<String> pool = new ArrayList<>(skus);
        int count = 1 + random.nextInt(3);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(new Line(pool.remove(random.nextInt(pool.size())), 1 + random.nextInt(3)));
        }
        return lines;
    }

    private String randomSku() {
        return skus.get(random.nextInt(skus.size()));
    }

    private void send(Object message) {
        inFlight.add(new Envelope(nextId++, message));
    }

    private void apply(OrderStock.Step step) {
        OrderStockState state = step.state();
        orderStates.put(state.orderId(), state);
        step.toSkus().forEach(this::send);
        for (OrderStock.Report report : step.reports()) {
            models.get(report.orderId()).lastReport = report;
            if (report instanceof OrderStock.StockReserved) {
                reservedReports++;
            } else {
                shortReports++;
            }
        }
    }

    // ---------------------------------------------------------------- delivery

    private void deliver(Envelope envelope) {
        boolean again = !deliveredIds.add(envelope.id());
        if (again) {
            redeliveries++;
        } else {
            delivered.add(envelope);
        }
        if (envelope.message() instanceof SkuMessage message) {
            SkuState before = skuStates.get(message.sku());
            SkuStep step = SkuStock.handle(before, message);
            if (again) {
                assertThat(step.state()).as("a re-delivered %s changes nothing", message).isEqualTo(before);
                assertThat(step.silent()).as("a re-delivered %s sends nothing", message).isTrue();
                return;
            }
            account(before, message, step);
            touched.add(message.sku());
            skuStates.put(message.sku(), step.state());
            step.toSkus().forEach(this::send);
            step.toOrders().forEach(this::send);
            checkPurchases(step);
            checkWakeOrder(step);
            step.alerts().forEach(alert -> alerted.put(alert.sku(), alert.raised()));
        } else {
            OrderMessage message = (OrderMessage) envelope.message();
            OrderStockState before = orderStates.get(message.orderId());
            OrderStock.Step step = OrderStock.handle(before, message);
            if (again) {
                assertThat(step.state()).as("a re-delivered %s changes nothing", message).isEqualTo(before);
                assertThat(step.silent()).as("a re-delivered %s sends nothing", message).isTrue();
                return;
            }
            apply(step);
        }
        checkAlways();
    }

    /** The simulation's own ledger of what a first delivery must have applied. */
    private void account(SkuState before, SkuMessage message, SkuStep step) {
        long[] totals = ledger.get(message.sku());
        boolean refused = !step.refusals().isEmpty();
        if (message instanceof SkuMessage.Receipt receipt) {
            assertThat(refused).as("refusal of %s", receipt).isEqualTo(receipt.quantity() <= 0);
            if (!refused) {
                totals[0] += receipt.quantity();
            }
        } else if (message instanceof SkuMessage.Adjustment adjustment) {
            boolean mustRefuse = adjustment.quantity() == 0
                    || before.onHand() + adjustment.quantity() < before.reserved() + heldOf(before);
            assertThat(refused).as("refusal of %s at %s", adjustment, before).isEqualTo(mustRefuse);
            if (!refused) {
                totals[1] += adjustment.quantity();
            }
        } else if (message instanceof SkuMessage.Ship ship) {
            assertThat(step.refusals()).as("shipping reserved stock is never refused: %s at %s", ship, before)
                    .isEmpty();
            totals[2] += ship.quantity();
            models.get(ship.orderId()).shippedApplied.merge(ship.sku(), ship.quantity(), Integer::sum);
        } else if (message instanceof SkuMessage.Restock restock) {
            assertThat(refused).isFalse();
            totals[3] += restock.quantity();
        } else {
            assertThat(step.refusals()).isEmpty();
        }
    }

    private void checkPurchases(SkuStep step) {
        for (SkuStep.PurchaseNeed need : step.purchases()) {
            SkuState sku = step.state();
            Waiter waiter = sku.waiters.get(need.orderId());
            assertThat(waiter).as("a purchase request for an order waiting at %s", sku).isNotNull();
            assertThat(waiter.earmarked()).isFalse();
            assertThat(need.quantity())
                    .as("a purchase request only for a real shortage (on hand less reserved, holds aside): %s at %s",
                            need, sku)
                    .isPositive()
                    .isEqualTo(waiter.quantity() - sku.available());
            models.get(need.orderId()).purchasedSkus.add(need.sku());
        }
    }

    /**
     * FIFO when stock frees up: the orders woken by one step were the first in line that the stock
     * could serve. An older order left unwoken must not have fitted in what is still free plus what
     * went to younger orders in this step.
     */
    private void checkWakeOrder(SkuStep step) {
        SkuState sku = step.state();
        Set<String> woken = new HashSet<>();
        step.toOrders().stream().filter(OrderMessage.Wake.class::isInstance)
                .forEach(wake -> woken.add(wake.orderId()));
        if (woken.isEmpty()) {
            return;
        }
        List<Waiter> line = sku.waiters();
        for (int i = 0; i < line.size(); i++) {
            Waiter older = line.get(i);
            if (older.earmarked()) {
                continue;
            }
            int toYounger = 0;
            for (Waiter younger : line.subList(i + 1, line.size())) {
                if (woken.contains(younger.orderId())) {
                    toYounger += younger.quantity();
                }
            }
            assertThat(older.quantity()).as("FIFO: %s passed over for younger orders %s at %s", older.orderId(),
                    woken, sku).isGreaterThan(sku.free() + toYounger);
        }
    }

    // ---------------------------------------------------------------- invariants

    private static int heldOf(SkuState sku) {
        int held = 0;
        for (OrderMark mark : sku.orders.values()) {
            assertThat(mark.heldQuantity()).isNotNegative();
            held += mark.heldQuantity();
        }
        for (Waiter waiter : sku.waiters.values()) {
            if (waiter.earmarked()) {
                held += waiter.quantity();
            }
        }
        return held;
    }

    /** After every delivery. */
    private void checkAlways() {
        for (SkuState sku : skuStates.values()) {
            int reserved = 0;
            for (OrderMark mark : sku.orders.values()) {
                assertThat(mark.reservedQuantity()).isNotNegative();
                reserved += mark.reservedQuantity();
            }
            int held = heldOf(sku);
            assertThat(sku.reserved()).as("reserved is the sum of the reservations at %s", sku).isEqualTo(reserved);
            assertThat(sku.onHand()).as("never negative: on hand at %s", sku).isNotNegative();
            assertThat(sku.onHand() - reserved).as("never negative: available at %s", sku).isNotNegative();
            assertThat(sku.onHand() - reserved - held).as("holds counted against availability at %s", sku)
                    .isNotNegative();
            long[] totals = ledger.get(sku.sku());
            assertThat((long) sku.onHand()).as("conserved at %s", sku)
                    .isEqualTo(totals[0] + totals[1] - totals[2] + totals[3]);
            assertThat(new long[] {sku.received(), sku.adjusted(), sku.shipped(), sku.returned()}).isEqualTo(totals);
            for (Waiter waiter : sku.waiters()) {
                assertThat(waiter.earmarked() || waiter.quantity() > sku.onHand() - reserved - held)
                        .as("FIFO: no stock lies free while %s waits for it at %s", waiter.orderId(), sku).isTrue();
            }
            assertThat(alerted.get(sku.sku())).as("LOW_STOCK as published at %s", sku)
                    .isEqualTo(sku.lowStockAlerted());
            if (touched.contains(sku.sku())) {
                assertThat(sku.lowStockAlerted()).as("LOW_STOCK follows available at %s", sku)
                        .isEqualTo(sku.available() < sku.reorderPoint());
            }
        }
        for (OrderStockState order : orderStates.values()) {
            if (order.phase() == Phase.RESERVED) {
                assertEveryLineSetAside(order);
            }
        }
    }

    /** All or none: an order reported reserved has every line reserved, or held and confirmed on the way. */
    private void assertEveryLineSetAside(OrderStockState order) {
        OrderModel model = models.get(order.orderId());
        assertThat(model.lastReport).isInstanceOf(OrderStock.StockReserved.class);
        for (Line line : order.lines()) {
            OrderMark mark = skuStates.get(line.sku()).order(order.orderId());
            int shipped = model.shippedApplied.getOrDefault(line.sku(), 0);
            boolean reserved = mark.heldQuantity() == 0 && mark.reservedQuantity() == line.quantity() - shipped
                    && (mark.reservedQuantity() == 0 || mark.reservedAttempt() == order.attempt());
            boolean heldForConfirm = mark.heldQuantity() == line.quantity() && mark.heldAttempt() == order.attempt()
                    && mark.reservedQuantity() == 0 && shipped == 0;
            assertThat(reserved || heldForConfirm)
                    .as("all or none: %s reported reserved has %s set aside, has %s", order, line, mark).isTrue();
        }
    }

    /** When nothing is in flight. */
    private void checkQuiet() {
        Map<String, Integer> reservedByOrders = new TreeMap<>();
        for (OrderStockState order : orderStates.values()) {
            OrderModel model = models.get(order.orderId());
            assertThat(order.phase()).as("no attempt left open: %s", order).isNotEqualTo(Phase.HOLDING);
            for (String sku : skus) {
                OrderMark mark = skuStates.get(sku).order(order.orderId());
                assertThat(mark.heldQuantity()).as("nothing held when quiet: %s at %s", order, sku).isZero();
            }
            if (order.phase() == Phase.RESERVED) {
                assertEveryLineSetAside(order);
                for (Line line : order.lines()) {
                    reservedByOrders.merge(line.sku(),
                            line.quantity() - model.shippedApplied.getOrDefault(line.sku(), 0), Integer::sum);
                }
            } else {
                for (String sku : skus) {
                    OrderMark mark = skuStates.get(sku).order(order.orderId());
                    assertThat(mark.reservedQuantity()).as("no part of %s's lines is reserved at %s", order, sku)
                            .isZero();
                }
            }
            if (order.phase() == Phase.WAITING) {
                assertThat(model.lastReport).isInstanceOf(OrderStock.StockShort.class);
                List<String> shortAt = new ArrayList<>();
                for (Line line : order.lines()) {
                    SkuState sku = skuStates.get(line.sku());
                    if (line.quantity() > sku.available()) {
                        shortAt.add(line.sku());
                    }
                }
                assertThat(shortAt).as("FIFO audit: waiting %s is really short of some SKU", order).isNotEmpty();
                assertThat(shortAt.stream().anyMatch(sku -> skuStates.get(sku).waiters.containsKey(order.orderId())))
                        .as("waiting %s is in line where it is short, to be woken", order).isTrue();
                assertThat(shortAt.stream().anyMatch(model.purchasedSkus::contains))
                        .as("a purchase request went out for waiting %s (short at %s)", order, shortAt).isTrue();
            } else {
                assertThat(waitsAnywhere(order.orderId())).as("%s waits in no line", order).isFalse();
            }
        }
        for (SkuState sku : skuStates.values()) {
            assertThat(heldOf(sku)).as("nothing held when quiet at %s", sku).isZero();
            assertThat(sku.reserved()).as("reserved at %s is what reserved orders still need", sku)
                    .isEqualTo(reservedByOrders.getOrDefault(sku.sku(), 0));
        }
    }

    private boolean waitsAnywhere(String orderId) {
        return skuStates.values().stream().anyMatch(sku -> sku.waiters.containsKey(orderId));
    }
}
