package io.orderflow.streams;

import io.orderflow.avro.OrderStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plain sequential interpreter of orders and stock, written apart from the topology, for the
 * property test: it reads the same operations in the same order and says where every order and
 * every SKU must end up. Only the operations the property test generates are modelled.
 */
final class ReferenceModel {

    static final Set<OrderStatus> CANCELLABLE = EnumSet.of(OrderStatus.PENDING_REVIEW, OrderStatus.RETURNED,
            OrderStatus.AWAITING_STOCK, OrderStatus.APPROVED, OrderStatus.PARTIALLY_SHIPPED,
            OrderStatus.SERVICE_SCHEDULED);

    static final Set<OrderStatus> AMENDABLE = EnumSet.of(OrderStatus.PENDING_REVIEW, OrderStatus.RETURNED,
            OrderStatus.AWAITING_STOCK, OrderStatus.APPROVED);

    /** Where an order can be put on hold: something is left to ship or to complete. */
    static final Set<OrderStatus> HOLDABLE = EnumSet.of(OrderStatus.PENDING_REVIEW, OrderStatus.RETURNED,
            OrderStatus.AWAITING_STOCK, OrderStatus.APPROVED, OrderStatus.PARTIALLY_SHIPPED,
            OrderStatus.SERVICE_SCHEDULED, OrderStatus.DELIVERED);

    static final class Order {
        OrderStatus status = OrderStatus.PENDING_REVIEW;
        final Map<String, Integer> ordered = new TreeMap<>();
        final Map<String, Integer> shipped = new TreeMap<>();
        final Map<String, Integer> reserved = new TreeMap<>();
        /** Held orders are not shipped until released. */
        boolean held;

        Order(Map<String, Integer> ordered) {
            this.ordered.putAll(ordered);
        }

        int open(String sku) {
            return ordered.get(sku) - shipped.getOrDefault(sku, 0);
        }
    }

    static final class Sku {
        int onHand;
        int reserved;
    }

    final Map<String, Order> orders = new LinkedHashMap<>();
    /** Amendments that sent an approved or waiting order back to review (so a test can tell it covers them). */
    int amendedAfterApproval;
    final Map<String, Sku> stock = new TreeMap<>();
    private final List<String> waiting = new ArrayList<>();

    private Sku sku(String sku) {
        return stock.computeIfAbsent(sku, key -> new Sku());
    }

    private int available(String sku) {
        return sku(sku).onHand - sku(sku).reserved;
    }

    private boolean fits(Map<String, Integer> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue() <= available(e.getKey()));
    }

    private void reserve(Order order) {
        order.ordered.forEach((sku, quantity) -> {
            sku(sku).reserved += quantity;
            order.reserved.put(sku, quantity);
        });
        order.status = OrderStatus.APPROVED;
    }

    void place(String id, Map<String, Integer> lines) {
        orders.putIfAbsent(id, new Order(lines));
    }

    void approve(String id) {
        Order order = orders.get(id);
        if (order == null || order.status != OrderStatus.PENDING_REVIEW) {
            return;
        }
        if (fits(order.ordered)) {
            reserve(order);
        } else {
            order.status = OrderStatus.AWAITING_STOCK;
            waiting.add(id);
        }
    }

    /** New lines up to the first shipment; an approved or waiting order lets its stock go and is reviewed again. */
    void amend(String id, Map<String, Integer> lines) {
        Order order = orders.get(id);
        if (order == null || !AMENDABLE.contains(order.status)) {
            return;
        }
        order.ordered.clear();
        order.ordered.putAll(lines);
        if (order.status == OrderStatus.APPROVED || order.status == OrderStatus.AWAITING_STOCK) {
            boolean released = !order.reserved.isEmpty();
            order.reserved.forEach((sku, quantity) -> sku(sku).reserved -= quantity);
            order.reserved.clear();
            waiting.remove(id);
            order.status = OrderStatus.PENDING_REVIEW;
            amendedAfterApproval++;
            if (released) {
                allocate();
            }
        }
    }

    void cancel(String id) {
        Order order = orders.get(id);
        if (order == null || !CANCELLABLE.contains(order.status)) {
            return;
        }
        boolean released = !order.reserved.isEmpty();
        order.reserved.forEach((sku, quantity) -> sku(sku).reserved -= quantity);
        order.reserved.clear();
        waiting.remove(id);
        order.status = OrderStatus.CANCELLED;
        order.held = false;
        if (released) {
            allocate();
        }
    }

    void ship(String id, boolean everything) {
        Order order = orders.get(id);
        if (order == null || order.held
                || (order.status != OrderStatus.APPROVED && order.status != OrderStatus.PARTIALLY_SHIPPED)) {
            return;
        }
        Map<String, Integer> shipping = new TreeMap<>();
        for (String sku : order.ordered.keySet()) {
            if (order.open(sku) > 0) {
                shipping.put(sku, everything ? order.open(sku) : 1);
                if (!everything) {
                    break;
                }
            }
        }
        shipping.forEach((sku, quantity) -> {
            sku(sku).onHand -= quantity;
            sku(sku).reserved -= quantity;
            order.reserved.merge(sku, -quantity, Integer::sum);
            order.shipped.merge(sku, quantity, Integer::sum);
        });
        order.reserved.values().removeIf(quantity -> quantity == 0);
        boolean rest = order.ordered.keySet().stream().allMatch(sku -> order.open(sku) == 0);
        order.status = rest ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
    }

    /** A partly shipped order's rest will never ship: its reservation goes back, it is shipped with what it has. */
    void closeShort(String id) {
        Order order = orders.get(id);
        if (order == null || order.held || order.status != OrderStatus.PARTIALLY_SHIPPED) {
            return;
        }
        boolean released = !order.reserved.isEmpty();
        order.reserved.forEach((sku, quantity) -> sku(sku).reserved -= quantity);
        order.reserved.clear();
        order.status = OrderStatus.SHIPPED;
        if (released) {
            allocate();
        }
    }

    void hold(String id) {
        Order order = orders.get(id);
        if (order != null && HOLDABLE.contains(order.status)) {
            order.held = true;
        }
    }

    void release(String id) {
        Order order = orders.get(id);
        if (order != null && order.status != OrderStatus.CANCELLED) {
            order.held = false;
        }
    }

    void deliver(String id) {
        Order order = orders.get(id);
        if (order != null && order.status == OrderStatus.SHIPPED) {
            order.status = OrderStatus.DELIVERED;
        }
    }

    void returnEverything(String id) {
        Order order = orders.get(id);
        if (order == null || order.status != OrderStatus.DELIVERED) {
            return;
        }
        order.shipped.forEach((sku, quantity) -> sku(sku).onHand += quantity);
        order.status = OrderStatus.RETURNED_GOODS_RECEIVED;
        allocate();
    }

    void receive(String sku, int quantity) {
        sku(sku).onHand += quantity;
        allocate();
    }

    void adjust(String sku, int quantity) {
        if (sku(sku).onHand + quantity < sku(sku).reserved) {
            return;
        }
        sku(sku).onHand += quantity;
        if (quantity > 0) {
            allocate();
        }
    }

    /** Waiting orders, oldest first, each taken whole if it fits now. */
    private void allocate() {
        for (String id : new ArrayList<>(waiting)) {
            Order order = orders.get(id);
            if (fits(order.ordered)) {
                reserve(order);
                waiting.remove(id);
            }
        }
    }
}
