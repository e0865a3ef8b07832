package io.orderflow.streams.customer;

import io.orderflow.avro.CustomerRecord;
import java.math.BigDecimal;
import java.util.Optional;

/** The customer records and their open receivables as the order rules need them at approval. */
public interface Customers {

    /** No customer records at all: no limits, no default terms. */
    Customers NONE = new Customers() {
        @Override
        public Optional<CustomerRecord> find(String customerId) {
            return Optional.empty();
        }

        @Override
        public BigDecimal owed(String customerId, String currency, String exceptOrderId) {
            return BigDecimal.ZERO;
        }
    };

    Optional<CustomerRecord> find(String customerId);

    /**
     * What the customer's approved orders other than {@code exceptOrderId} still owe in {@code currency}, as last
     * published to {@code orderflow-customer-exposure}.
     */
    BigDecimal owed(String customerId, String currency, String exceptOrderId);
}
