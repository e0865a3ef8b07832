package io.orderflow.streams.analytics;

import io.orderflow.avro.Actor;
import io.orderflow.avro.Channel;
import io.orderflow.avro.OrderEvent;
import io.orderflow.avro.OrderLineState;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.OrderStatus;
import io.orderflow.avro.Refund;
import io.orderflow.avro.ReturnRequest;
import io.orderflow.avro.Role;
import io.orderflow.avro.Shipment;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.ShortClosure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded log of order lifecycles: approvals (some after a return for changes or a wait for stock),
 * cancellations before and after approval (some paid back), partial shipments with two carriers (some closed short), deliveries on time
 * and late, returns of some lines or of everything, orders whose events arrive hours or days
 * late, so that the log is out of order across orders, and orders dated days or weeks before they
 * are entered (from a paper ledger), some in a month whose figures closed before.
 */
final class EventLogGenerator {

    static final Instant START = Instant.parse("2026-10-20T00:00:00Z");
    static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6", "SKU-7", "SKU-9");
    private static final List<String> PRICES = List.of("9.90", "120.00", "33.33", "0.99", "1999.00", "45.50", "7.25", "300.01");
    private static final List<String> CARRIERS = List.of("SF", "JD", "EMS");
    private static final Channel[] CHANNELS = {Channel.ONLINE, Channel.PHONE, Channel.OFFLINE, Channel.DISTRIBUTOR};

    /** An event with the time it arrives on the topic (at + the order's delay). */
    record Arrival(OrderEvent event, long arrival, long sequence) {
    }

    private final Random random;
    private final ZoneId zone;
    private long sequence;

    EventLogGenerator(long seed, ZoneId zone) {
        this.random = new Random(seed);
        this.zone = zone;
    }

    List<OrderEvent> log(int orders) {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            long delay = delay();
            for (OrderEvent event : lifecycle(String.format("ORD-%04d", i))) {
                arrivals.add(new Arrival(event, event.getAt().toEpochMilli() + delay, sequence++));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::arrival).thenComparingLong(Arrival::sequence));
        return arrivals.stream().map(Arrival::event).toList();
    }

    private long delay() {
        double r = random.nextDouble();
        if (r < 0.75) {
            return 0;
        }
        if (r < 0.88) {
            return minutes(1, 120);
        }
        return minutes(120, 4 * 24 * 60);
    }

    private List<OrderEvent> lifecycle(String orderId) {
        List<OrderEvent> events = new ArrayList<>();
        Instant t = START.plus(Duration.ofMinutes(random.nextInt(22 * 24 * 60))).plusSeconds(random.nextInt(60));
        List<OrderLineState> lines = new ArrayList<>();
        int lineCount = 1 + random.nextInt(3);
        for (int l = 0; l < lineCount; l++) {
            int product = random.nextInt(SKUS.size());
            lines.add(OrderFixtures.line(SKUS.get(product), 1 + random.nextInt(5), PRICES.get(product)));
        }
        OrderState.Builder order = OrderFixtures.order(orderId, OrderStatus.PENDING_REVIEW, t,
                CHANNELS[random.nextInt(CHANNELS.length)], "C" + random.nextInt(40), lines);
        if (chance(0.3)) {
            discount(order);
        }
        // a fifth of the orders in US dollars (from the id, so that the log's other draws stay as they were)
        order.setCurrency(Math.floorMod(orderId.hashCode(), 5) == 0 ? "USD" : "CNY");
        LocalDate entered = LocalDate.ofInstant(t, zone);
        order.setOrderDate(chance(0.12) ? entered.minusDays(3 + random.nextInt(40)) : entered);
        order.setExpectedDeliveryDate(entered.plusDays(1 + random.nextInt(6)));
        events.add(event(order, null, OrderStatus.PENDING_REVIEW, t));

        if (chance(0.15)) {
            t = later(t, 5, 600);
            events.add(move(order, OrderStatus.RETURNED, t));
            t = later(t, 5, 600);
            events.add(move(order, OrderStatus.PENDING_REVIEW, t));
        }
        if (chance(0.1)) {
            events.add(move(order, OrderStatus.CANCELLED, later(t, 5, 2000)));
            return events;
        }
        t = later(t, 10, 1800);
        if (chance(0.2)) {
            events.add(move(order, OrderStatus.AWAITING_STOCK, t));
            t = later(t, 30, 3000);
        }
        events.add(move(order, OrderStatus.APPROVED, t));
        if (chance(0.1)) {
            // amended after approval: back to review with other lines (and at times another own date), and
            // approved again
            t = later(t, 5, 600);
            List<OrderLineState> amended = new ArrayList<>();
            int amendedCount = 1 + random.nextInt(3);
            for (int l = 0; l < amendedCount; l++) {
                int product = random.nextInt(SKUS.size());
                amended.add(OrderFixtures.line(SKUS.get(product), 1 + random.nextInt(5), PRICES.get(product)));
            }
            order.setLines(amended);
            if (Math.floorMod(orderId.hashCode(), 7) == 0) {
                // amended into the other currency: taken out of the one it was counted in
                order.setCurrency(order.getCurrency().equals("USD") ? "CNY" : "USD");
            }
            order.setDiscount(null);
            order.setTotalAmount(amended.stream().map(l -> l.getLine().getAmount())
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
            if (chance(0.3)) {
                discount(order);
            }
            if (chance(0.3)) {
                order.setOrderDate(order.getOrderDate().minusDays(1 + random.nextInt(3)));
            }
            events.add(move(order, OrderStatus.PENDING_REVIEW, t));
            t = later(t, 5, 600);
            events.add(move(order, OrderStatus.APPROVED, t));
        }
        if (chance(0.15)) {
            t = later(t, 5, 3000);
            events.add(move(order, OrderStatus.CANCELLED, t));
            if (chance(0.5)) {
                refund(order, events, later(t, 1, 120));
            }
            return events;
        }
        t = later(t, 30, 3000);
        List<Shipment> shipments = new ArrayList<>();
        if (chance(0.3)) {
            shipments.add(shipment(orderId, 1, order, true, t));
            order.setShipments(new ArrayList<>(shipments));
            events.add(move(order, OrderStatus.PARTIALLY_SHIPPED, t));
            t = later(t, 30, 3000);
        }
        if (!shipments.isEmpty() && chance(0.25)) {
            // the rest will never ship: closed short, the order goes on as shipped with what it has
            List<ShipmentLine> unshipped = new ArrayList<>();
            for (OrderLineState line : order.getLines()) {
                int open = line.getLine().getQuantity() - line.getShippedQuantity();
                if (open > 0) {
                    unshipped.add(new ShipmentLine(line.getLine().getSku(), open));
                }
            }
            order.setShortClosure(ShortClosure.newBuilder().setReason("discontinued").setLines(unshipped)
                    .setClosedBy(actor(Role.SALES)).setClosedAt(t).build());
        } else {
            shipments.add(shipment(orderId, 2, order, false, t));
            order.setShipments(new ArrayList<>(shipments));
        }
        events.add(move(order, OrderStatus.SHIPPED, t));
        if (chance(0.1)) {
            return events;
        }
        t = later(t, 30, 1500);
        events.add(move(order, OrderStatus.IN_TRANSIT, t));
        t = later(t, 60, 8000);
        order.setDeliveredAt(t);
        if (chance(0.25)) {
            // the date was moved with the customer before delivery: the first promise is kept beside it
            order.setPromisedDeliveryDate(order.getExpectedDeliveryDate());
            order.setExpectedDeliveryDate(order.getExpectedDeliveryDate().plusDays(1 + random.nextInt(4)));
        }
        events.add(move(order, OrderStatus.DELIVERED, t));
        if (order.getShortClosure() != null && chance(0.5)) {
            // paid in full before the close: what it no longer owes goes back
            t = later(t, 1, 120);
            refund(order, events, t);
        }
        if (chance(0.3)) {
            t = later(t, 60, 5000);
            List<ShipmentLine> returned = new ArrayList<>();
            if (chance(0.6)) {
                for (OrderLineState line : order.getLines()) {
                    if (chance(0.6)) {
                        int shipped = line.getShippedQuantity();
                        if (shipped > 0) {
                            returned.add(new ShipmentLine(line.getLine().getSku(), 1 + random.nextInt(shipped)));
                        }
                    }
                }
            }
            order.setReturnRequest(ReturnRequest.newBuilder()
                    .setReason("damaged").setLines(returned).setRequestedBy(actor(Role.SALES)).setRequestedAt(t).build());
            events.add(move(order, OrderStatus.RETURN_REQUESTED, t));
            t = later(t, 30, 3000);
            if (chance(0.8)) {
                events.add(move(order, OrderStatus.RETURN_APPROVED, t));
                if (chance(0.5)) {
                    t = later(t, 30, 3000);
                    events.add(move(order, OrderStatus.RETURNED_GOODS_RECEIVED, t));
                    while (chance(0.6)) {
                        t = later(t, 1, 120);
                        refund(order, events, t);
                    }
                }
            } else {
                events.add(move(order, OrderStatus.RETURN_REJECTED, t));
            }
        } else if (chance(0.5)) {
            events.add(move(order, OrderStatus.COMPLETED, later(t, 30, 3000)));
        }
        return events;
    }

    /**
     * Pays part of the order's total back (the order paid in full): a refund event, which stays in the status, the
     * refund's id that of its own command.
     */
    private void refund(OrderState.Builder order, List<OrderEvent> events, Instant at) {
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLineState line : order.getLines()) {
            total = total.add(line.getLine().getAmount());
        }
        order.setPaidAmount(total);
        List<Refund> refunds = new ArrayList<>(order.hasRefunds() ? order.getRefunds() : List.of());
        BigDecimal refunded = refunds.stream().map(Refund::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal amount = total.multiply(BigDecimal.valueOf(5 + random.nextInt(60))).movePointLeft(2)
                .setScale(2, java.math.RoundingMode.DOWN).min(total.subtract(refunded));
        if (amount.signum() <= 0) {
            return;
        }
        refunds.add(Refund.newBuilder().setRefundId("cmd-" + order.getOrderId() + "-" + (order.getVersion() + 1))
                .setAmount(amount).setReason("paid back").setLines(List.of()).setRequestedBy(actor(Role.SALES))
                .setRequestedAt(at).setRefundedAt(at).build());
        order.setRefunds(refunds);
        events.add(move(order, order.getStatus(), at));
    }

    /** Ships every line: half of each (rounded down) when partial, else the rest. */
    private Shipment shipment(String orderId, int n, OrderState.Builder order, boolean partial, Instant at) {
        List<ShipmentLine> shipped = new ArrayList<>();
        List<OrderLineState> lines = new ArrayList<>();
        for (OrderLineState line : order.getLines()) {
            int quantity = line.getLine().getQuantity();
            int now = partial ? quantity / 2 : quantity - line.getShippedQuantity();
            if (now > 0) {
                shipped.add(new ShipmentLine(line.getLine().getSku(), now));
            }
            lines.add(OrderLineState.newBuilder(line).setShippedQuantity(line.getShippedQuantity() + now).build());
        }
        order.setLines(lines);
        return Shipment.newBuilder()
                .setShipmentId(orderId + "-S" + n)
                .setCarrier(CARRIERS.get(random.nextInt(CARRIERS.size())))
                .setTrackingNumber("T" + orderId + n)
                .setLines(shipped)
                .setShippedAt(at)
                .build();
    }

    private OrderEvent move(OrderState.Builder order, OrderStatus to, Instant at) {
        return event(order, order.getStatus(), to, at);
    }

    private OrderEvent event(OrderState.Builder order, OrderStatus from, OrderStatus to, Instant at) {
        order.setStatus(to).setStatusSince(at).setUpdatedAt(at).setVersion(order.getVersion() + 1);
        OrderState snapshot = order.build();
        return OrderEvent.newBuilder()
                .setEventId(snapshot.getOrderId() + "-" + snapshot.getVersion())
                .setOrderId(snapshot.getOrderId())
                .setCommandId("cmd-" + snapshot.getOrderId() + "-" + snapshot.getVersion())
                .setAction(to.name())
                .setActor(actor(Role.SALES))
                .setAt(at)
                .setFromStatus(from)
                .setToStatus(to)
                .setOrder(snapshot)
                .build();
    }

    private static Actor actor(Role role) {
        return Actor.newBuilder().setId("someone").setRole(role).build();
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private Instant later(Instant t, int minMinutes, int maxMinutes) {
        return t.plus(Duration.ofMinutes(minutes(minMinutes, maxMinutes) / 60_000)).plusSeconds(random.nextInt(60));
    }

    private long minutes(int min, int max) {
        return Duration.ofMinutes(min + random.nextInt(max - min + 1)).toMillis();
    }

    /** A discount of up to the whole of the lines, in cents, with the order's total net of it. */
    private void discount(OrderState.Builder order) {
        long cents = order.getLines().stream().mapToLong(l -> l.getLine().getAmount().movePointRight(2).longValueExact())
                .sum();
        java.math.BigDecimal discount = java.math.BigDecimal.valueOf(1 + (long) (random.nextDouble() * cents), 2);
        order.setDiscount(discount);
        order.setTotalAmount(java.math.BigDecimal.valueOf(cents, 2).subtract(discount));
    }

}
