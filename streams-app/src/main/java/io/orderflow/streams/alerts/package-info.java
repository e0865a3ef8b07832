/**
 * Overdue-delivery and stalled-order alerts. Wiring, in the main class:
 *
 * <pre>{@code
 * AlertTopology.build(builder,
 *         new AlertTopics(topics.orders(), topics.alerts()),   // Topic<String, OrderState>, Topic<String, Alert>
 *         AlertSettings.fromEnv(System.getenv()));
 * }</pre>
 *
 * If another topology already reads {@code orders} with {@code builder.stream}, pass that stream
 * instead: {@code AlertTopology.build(ordersStream, alertTopics, settings)}. Stores are named in
 * {@link io.orderflow.streams.alerts.AlertTopology}.
 */
package io.orderflow.streams.alerts;
