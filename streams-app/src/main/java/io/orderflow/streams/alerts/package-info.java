/**
 * Overdue-delivery and stalled-order alerts. The pipeline builds them on the lifecycle's own stream of order
 * changes (state before and after), so that they run in the task that holds the order (an order and its alerts
 * are on the same instance, and a lookup reads both there):
 *
 * <pre>{@code
 * OrderLifecycleTopology.addTo(builder, topics,
 *         changes -> AlertTopology.build(changes, OrderLifecycleTopology.ORDERS_STORE, topics.alerts(),
 *                 settings));
 * }</pre>
 *
 * Stores are named in {@link io.orderflow.streams.alerts.AlertTopology}.
 */
package io.orderflow.streams.alerts;
