package io.orderflow.streams.order;

import io.orderflow.avro.Product;
import java.util.Optional;

/** The product catalog as the rules need it. */
@FunctionalInterface
public interface Catalog {

    Optional<Product> find(String sku);
}
