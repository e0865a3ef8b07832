package io.orderflow.streams.query.service;

import io.orderflow.avro.OrderState;
import java.time.LocalDate;
import java.util.Set;

/**
 * Which orders a list holds: statuses (any of), customer id, channel, order date from/to
 * (inclusive); null means any.
 */
public record OrderFilter(Set<String> statuses, String customer, String channel, LocalDate from, LocalDate to) {

    public static final OrderFilter ALL = new OrderFilter(Set.of(), null, null, null, null);

    public boolean test(OrderState order) {
        return (statuses.isEmpty() || statuses.contains(order.getStatus().name()))
                && (customer == null || customer.equals(order.getCustomer().getId()))
                && (channel == null || channel.equals(order.getChannel().name()))
                && (from == null || !order.getOrderDate().isBefore(from))
                && (to == null || !order.getOrderDate().isAfter(to));
    }
}
