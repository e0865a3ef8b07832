/**
 * Overdue-delivery and stalled-order alerts. The pipeline builds them on the lifecycle's own stream of
 * order changes (state before and after), so that they run in the task that holds the order (an order and its alerts are on the
 * same instance, and a lookup reads both there):
 *
 * <pre>{@code
 * OrderLifecycleTopology.addTo(builder, topics,
 *         changes -> AlertTopology.build(changes, OrderLifecycleTopology.ORDERS_STORE,
 *                 new AlertTopics(topics.alerts()), settings));
 * }</pre>
 *
 * {@code AlertTopology.build(builder, states, alertTopics, settings)} reads a topic of order states as a source
 * of its own instead, keeping the latest state per order to tell the changes (the alert topology alone, as its tests and the punctuation benchmark run it). Stores are
 * named in {@link io.orderflow.streams.alerts.AlertTopology}.
 */
package io.orderflow.streams.alerts;
