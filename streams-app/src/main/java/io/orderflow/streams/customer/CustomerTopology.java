package io.orderflow.streams.customer;

import static io.orderflow.streams.TopicStreams.consumed;
import static io.orderflow.streams.TopicStreams.produced;

import io.orderflow.avro.CustomerRecord;
import io.orderflow.streams.GlobalStoreMirror;
import io.orderflow.streams.Topics;
import io.orderflow.streams.order.OrderChange;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Customers as data (docs/domain.md, Customers). Reads {@code customers} (customer id &rarr; CustomerRecord,
 * compacted, from the gateway's {@code PUT /v1/customers/{id}}), writes each record with its history to
 * {@code orderflow-customers}, read by every instance as the global store {@value #CUSTOMERS_STORE}: an order's task
 * finds any customer there, whatever the partition. A record that breaks {@link CustomerRules} (not an
 * administrator's, nameless, keyed by another id, terms or limit out of range) is refused on {@code order-refusals},
 * keyed by customer id, and the customer stays as it was. The relay keeps the latest version per customer in
 * {@value #HISTORY_STORE} to tell what changed; it runs in a stream task, so that a poison record goes to the
 * dead-letter topic and not into the global thread (the catalog's reason, see {@code CatalogTopology}).
 *
 * <p>The open receivables of customers with a credit limit: the order's own task writes what an approved order still
 * owes to {@code orderflow-customer-exposure} (key {@code customerId/orderId}, compacted, a tombstone when it owes
 * nothing), read as the global store {@value #EXPOSURE_STORE}, which an approval sums by prefix. A part is written
 * only when it differs from the one published, so orders of customers without a limit write nothing.
 */
public final class CustomerTopology {

    public static final String CUSTOMERS_STORE = "customers-store";
    public static final String EXPOSURE_STORE = "customer-exposure-store";
    public static final String HISTORY_STORE = "customer-history-store";

    private CustomerTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics) {
        var records = builder.stream(topics.customers().name(), consumed(topics.customers(), "customers-source"))
                .filter((id, customer) -> id != null, Named.as("customers-keyed"))
                .split(Named.as("customers-"))
                .branch((id, customer) -> customer == null || CustomerRules.refusal(id, customer).isEmpty(),
                        Branched.as("taken"))
                .defaultBranch(Branched.as("refused"));
        records.get("customers-taken")
                .process(new HistorySupplier(topics), Named.as("customers-history"))
                .to(topics.customerDirectory().name(), produced(topics.customerDirectory(), "customer-directory-sink"));
        records.get("customers-refused")
                .mapValues((id, customer) -> CustomerRules.refusal(id, customer).orElseThrow(),
                        Named.as("customer-refusals"))
                .to(topics.orderRefusals().name(), produced(topics.orderRefusals(), "customer-refusals-sink"));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMERS_STORE), Serdes.String(),
                        topics.customerDirectory().valueSerde()).withLoggingDisabled(),
                topics.customerDirectory().name(),
                consumed(topics.customerDirectory(), "customer-directory-source"),
                () -> new GlobalStoreMirror<>(CUSTOMERS_STORE));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPOSURE_STORE), Serdes.String(),
                        topics.customerExposure().valueSerde()).withLoggingDisabled(),
                topics.customerExposure().name(),
                consumed(topics.customerExposure(), "customer-exposure-source"),
                () -> new GlobalStoreMirror<>(EXPOSURE_STORE));
    }

    /** Adds the exposure writer on the order changes, in the order's own task. */
    public static void exposures(KStream<String, OrderChange> changes, Topics topics) {
        changes.process(ExposureWriter::new, Named.as("customer-exposure-writer"))
                .to(topics.customerExposure().name(),
                        produced(topics.customerExposure(), "customer-exposure-sink"));
    }

    private record HistorySupplier(Topics topics)
            implements ProcessorSupplier<String, CustomerRecord, String, CustomerRecord> {

        @Override
        public Processor<String, CustomerRecord, String, CustomerRecord> get() {
            return new CustomerHistory(HISTORY_STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HISTORY_STORE),
                    Serdes.String(), topics.customerDirectory().valueSerde()).withCachingDisabled());
        }
    }
}
