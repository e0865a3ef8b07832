package io.orderflow.streams.query.service;

import io.orderflow.avro.Actor;
import io.orderflow.avro.OrderState;
import io.orderflow.avro.Role;
import java.time.LocalDate;
import java.util.Set;

/**
 * Which orders a list holds: statuses (any of), customer id, channel, order date from/to
 * (inclusive), owner (负责人), payment status, a SKU on any line, and for an e-commerce platform
 * only the orders it placed itself; null means any.
 */
public record OrderFilter(Set<String> statuses, String customer, String channel, LocalDate from, LocalDate to,
                          String placedBy, String owner, String paymentStatus, String sku) {

    public static final OrderFilter ALL = new OrderFilter(Set.of(), null, null, null, null, null, null, null, null);

    public OrderFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /** Whether {@code caller} may read {@code order}: a platform reads only the orders it placed, everyone else any. */
    public static boolean readable(OrderState order, Caller caller) {
        return caller.platform() == null || placedBy(order, caller.platform());
    }

    /** This filter as {@code caller} may apply it: a platform's holds only the orders it placed, whatever it says. */
    public OrderFilter readableBy(Caller caller) {
        return new OrderFilter(statuses, customer, channel, from, to, caller.platform(), owner, paymentStatus, sku);
    }

    private static boolean placedBy(OrderState order, String platform) {
        Actor creator = order.getCreatedBy();
        return creator != null && creator.getRole() == Role.PLATFORM && platform.equals(creator.getId());
    }

    public boolean test(OrderState order) {
        return (placedBy == null || placedBy(order, placedBy))
                && (statuses.isEmpty() || statuses.contains(order.getStatus().name()))
                && (customer == null || customer.equals(order.getCustomer().getId()))
                && (channel == null || channel.equals(order.getChannel().name()))
                && (from == null || !order.getOrderDate().isBefore(from))
                && (to == null || !order.getOrderDate().isAfter(to))
                && (owner == null || owner.equals(order.getOwner()))
                && (paymentStatus == null || paymentStatus.equals(order.getPaymentStatus().name()))
                && (sku == null || order.getLines().stream().anyMatch(l -> sku.equals(l.getLine().getSku())));
    }
}
