package io.orderflow.streams.catalog;

import io.orderflow.avro.Product;
import java.util.Optional;

/** The product catalog as the order rules need it: a SKU's product, when the catalog has it. */
@FunctionalInterface
public interface Catalog {

    Optional<Product> find(String sku);
}
