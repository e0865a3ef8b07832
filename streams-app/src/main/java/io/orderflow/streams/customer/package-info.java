/**
 * Customers as data: the records of {@code customers} with their history in the global store
 * {@code customers-store} ({@link io.orderflow.streams.customer.CustomerTopology}), each customer-limited order's
 * open receivable in the global store {@code customer-exposure-store}, and {@link io.orderflow.streams.customer.Customers},
 * how the order rules look a customer and its open receivables up at approval.
 */
package io.orderflow.streams.customer;
