/**
 * Rolling sales and the ledger reports. Wiring, in the main class:
 *
 * <pre>{@code
 * AnalyticsTopology.build(builder,
 *         new AnalyticsTopics(topics.orderEvents(), topics.products(), lateSales, registry),
 *         AnalyticsSettings.fromEnv(System.getenv()));
 * }</pre>
 *
 * where {@code lateSales} is a {@code Topic<String, LateSale>} named {@code sales-late-records}
 * (configurable like the others). If another topology already reads {@code order-events} as a
 * stream or {@code products} as a global table, pass those instead:
 * {@code AnalyticsTopology.build(eventsStream, "<products global store name>", lateSales, registry, settings)}.
 * Stores and their keys are listed in {@link io.orderflow.streams.analytics.AnalyticsTopology};
 * rolling figures are read with {@link io.orderflow.streams.analytics.RollingSales}.
 */
package io.orderflow.streams.analytics;
