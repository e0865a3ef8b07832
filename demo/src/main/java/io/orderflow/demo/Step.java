package io.orderflow.demo;

import java.util.Set;
import java.util.function.Function;

/**
 * One step of an order's life.
 *
 * @param readyWhen statuses in which the step may be taken; empty: take it without asking the query API
 * @param call      builds the request from the order id (null before the order is placed)
 */
public record Step(Action action, Set<String> readyWhen, Function<String, Call> call) {
}
