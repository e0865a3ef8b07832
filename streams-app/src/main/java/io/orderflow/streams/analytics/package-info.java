/**
 * Rolling sales and the ledger reports, added up in the order lifecycle's task from the events it
 * writes. Wiring, in {@code OrderflowTopology}:
 *
 * <pre>{@code
 * OrderLifecycleTopology.addTo(builder, topics, ...,
 *         events -> AnalyticsTopology.build(events, CatalogTopology.PRODUCTS_STORE, topics.lateSales(),
 *                 topics.registry(), AnalyticsSettings.fromEnv(settings)));
 * }</pre>
 *
 * Stores and their keys are listed in {@link io.orderflow.streams.analytics.AnalyticsTopology};
 * rolling figures are read with {@link io.orderflow.streams.analytics.RollingSales}.
 */
package io.orderflow.streams.analytics;
