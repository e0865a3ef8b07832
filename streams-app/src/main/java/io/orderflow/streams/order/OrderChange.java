package io.orderflow.streams.order;

import io.orderflow.avro.OrderState;

/**
 * One accepted change of an order, as the lifecycle hands it to the processors that run in the order's own task
 * (the alerts): the state before it ({@code null} for a new order) and after it. Never written to a topic: only
 * {@code after} goes to {@code orders}. Knowing {@code before}, a processor can take back what the previous state
 * led it to do without keeping a copy of that state in a store of its own. {@code after} is {@code null} when the
 * monthly archive takes the order out of the live state: the processor lets go of whatever it keeps for it.
 */
public record OrderChange(OrderState before, OrderState after) {
}
