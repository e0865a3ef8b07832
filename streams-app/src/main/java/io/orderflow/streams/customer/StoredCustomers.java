package io.orderflow.streams.customer;

import io.orderflow.avro.CustomerExposure;
import io.orderflow.avro.CustomerRecord;
import java.math.BigDecimal;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link Customers} read from the global stores {@value CustomerTopology#CUSTOMERS_STORE} and
 * {@value CustomerTopology#EXPOSURE_STORE}; a topology without them (a test of the lifecycle alone) has no customers.
 */
public final class StoredCustomers implements Customers {

    private final ReadOnlyKeyValueStore<String, CustomerRecord> records;
    private final ReadOnlyKeyValueStore<String, CustomerExposure> exposure;

    private StoredCustomers(ReadOnlyKeyValueStore<String, CustomerRecord> records,
                            ReadOnlyKeyValueStore<String, CustomerExposure> exposure) {
        this.records = records;
        this.exposure = exposure;
    }

    /** The customers of these stores; {@link Customers#NONE} when the topology has no customer records. */
    public static Customers of(ReadOnlyKeyValueStore<String, CustomerRecord> records,
                               ReadOnlyKeyValueStore<String, CustomerExposure> exposure) {
        return records == null || exposure == null ? NONE : new StoredCustomers(records, exposure);
    }

    @Override
    public Optional<CustomerRecord> find(String customerId) {
        return Optional.ofNullable(records.get(customerId));
    }

    @Override
    public BigDecimal owed(String customerId, String currency, String exceptOrderId) {
        BigDecimal owed = BigDecimal.ZERO;
        try (KeyValueIterator<String, CustomerExposure> parts =
                     exposure.prefixScan(Exposure.prefix(customerId), new StringSerializer())) {
            while (parts.hasNext()) {
                CustomerExposure part = parts.next().value;
                if (part != null && !part.getOrderId().equals(exceptOrderId) && part.getCurrency().equals(currency)) {
                    owed = owed.add(part.getOpen());
                }
            }
        }
        return owed;
    }
}
