/**
 * The product catalog: {@code products} (SKU &rarr; Product, compacted) relayed through {@code orderflow-catalog} into
 * the global store {@code products-store} ({@link io.orderflow.streams.catalog.CatalogTopology}), which every order
 * and SKU task reads whatever its partition, and {@link io.orderflow.streams.catalog.Catalog}, the catalog as the
 * order rules look a SKU up. A tombstone deletes the product (streams-app/README.md, "Tombstones and deleted
 * products").
 */
package io.orderflow.streams.catalog;
