package io.orderflow.e2e;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the clients were told: every command the gateway acknowledged with {@code 202}, and nothing else. From it
 * alone, the state the product must show is recomputed: each order's status, history and payment, stock per SKU
 * ({@code docs/domain.md}, "Stock": approval reserves, shipping turns the reservation into a deduction, cancellation
 * releases it, a receipt adds), and the month's sales per product (counted at approval, taken back out on
 * cancellation).
 */
final class Ledger {

    /** A command on an order, as the history names it. */
    enum Action {
        PLACE("PlaceOrder"), APPROVE("ApproveOrder"), PAY("RecordPayment"), SHIP("ShipOrder"),
        DELIVER("ConfirmDelivery"), COMPLETE("CompleteOrder"), REQUEST_CANCEL("RequestCancellation"),
        APPROVE_CANCEL("ApproveCancellation");

        final String historyName;

        Action(String historyName) {
            this.historyName = historyName;
        }
    }

    record Line(String sku, int quantity, BigDecimal unitPrice) {
        BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /** An order placed by a client, with the commands acknowledged on it, in the order they were sent. */
    static final class Order {
        final String id;
        final List<Line> lines;
        final String phone;
        final String address;
        final List<Action> acknowledged = new CopyOnWriteArrayList<>();

        Order(String id, List<Line> lines, String phone, String address) {
            this.id = id;
            this.lines = List.copyOf(lines);
            this.phone = phone;
            this.address = address;
        }

        BigDecimal total() {
            return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        boolean has(Action action) {
            return acknowledged.contains(action);
        }

        /** The status the acknowledged commands lead to (stock is always sufficient in these tests). */
        String expectedStatus() {
            String status = null;
            for (Action action : acknowledged) {
                status = switch (action) {
                    case PLACE -> "PENDING_REVIEW";
                    case APPROVE -> "APPROVED";
                    case SHIP -> "SHIPPED";
                    case DELIVER -> "DELIVERED";
                    case COMPLETE -> "COMPLETED";
                    case APPROVE_CANCEL -> "CANCELLED";
                    case PAY, REQUEST_CANCEL -> status;
                };
            }
            return status;
        }

        List<String> expectedHistory() {
            return acknowledged.stream().map(action -> action.historyName).toList();
        }

        boolean reserving() {
            return has(Action.APPROVE) && !has(Action.SHIP) && !has(Action.APPROVE_CANCEL);
        }

        boolean counted() {
            return has(Action.APPROVE) && !has(Action.APPROVE_CANCEL);
        }
    }

    /** Expected stock of one SKU. */
    record Stock(long onHand, long reserved) {
        long available() {
            return onHand - reserved;
        }
    }

    /** Expected sales of one product in the month. */
    record Sales(long orders, long units, BigDecimal revenue) {
    }

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, Long> received = new ConcurrentHashMap<>();

    Order placed(Order order) {
        orders.put(order.id, order);
        return order;
    }

    /** Units received per SKU, from the acknowledged receipts. */
    Map<String, Long> received() {
        return Map.copyOf(received);
    }

    void received(String sku, int quantity) {
        received.merge(sku, (long) quantity, Long::sum);
    }

    List<Order> orders() {
        return List.copyOf(orders.values());
    }

    Map<String, Stock> expectedStock() {
        Map<String, Long> shipped = new TreeMap<>();
        Map<String, Long> reserved = new TreeMap<>();
        for (Order order : orders.values()) {
            for (Line line : order.lines) {
                if (order.has(Action.SHIP)) {
                    shipped.merge(line.sku(), (long) line.quantity(), Long::sum);
                } else if (order.reserving()) {
                    reserved.merge(line.sku(), (long) line.quantity(), Long::sum);
                }
            }
        }
        Map<String, Stock> stock = new TreeMap<>();
        received.forEach((sku, in) -> stock.put(sku,
                new Stock(in - shipped.getOrDefault(sku, 0L), reserved.getOrDefault(sku, 0L))));
        return stock;
    }

    Map<String, Sales> expectedSalesByProduct() {
        Map<String, Sales> sales = new LinkedHashMap<>();
        for (Order order : orders.values()) {
            if (!order.counted()) {
                continue;
            }
            Map<String, List<Line>> bySku = new LinkedHashMap<>();
            order.lines.forEach(line -> bySku.computeIfAbsent(line.sku(), sku -> new ArrayList<>()).add(line));
            bySku.forEach((sku, lines) -> {
                long units = lines.stream().mapToLong(Line::quantity).sum();
                BigDecimal revenue = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                sales.merge(sku, new Sales(1, units, revenue), (a, b) -> new Sales(a.orders() + b.orders(),
                        a.units() + b.units(), a.revenue().add(b.revenue())));
            });
        }
        return sales;
    }
}
