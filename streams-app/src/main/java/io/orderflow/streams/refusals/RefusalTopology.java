package io.orderflow.streams.refusals;

import static io.orderflow.streams.TopicStreams.consumed;

import io.orderflow.avro.OrderRefusals;
import io.orderflow.avro.Refusal;
import io.orderflow.streams.Topics;
import io.orderflow.streams.order.Refusals;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The commands refused for each order, kept with the order so that its page shows them after a reload, not only
 * while it is open, and the ledger marks the order red while a refusal is its latest word: keeps the latest
 * {@value RefusalKeeper#KEPT} refusals of each order in {@value #STORE} (order id &rarr; OrderRefusals, Avro).
 *
 * <p>The store is kept in the order's own task, beside {@code orders-store}: the order processor's refusals reach
 * it in the task that refuses them (as they are written to {@code order-refusals}, not read back); the SKUs publish
 * theirs (a shipment beyond the order's reservation) to {@code order-refusals} keyed by SKU, so those, and only
 * those, are read from there and go through the repartition topic {@code order-refusals-by-order} to reach the
 * order's partition. Whoever reads an order's partition therefore reads its refusals too, with no question to
 * another instance (a list colours its page from them). A refusal that names no order (a stock movement) or an
 * order that does not exist ({@code UNKNOWN_ORDER}: there is no page to show it on, and commands sent to ids made up
 * at random would each leave a key behind) is not kept here. Nothing is written in an order's standard flow: the
 * store changes only when a command is refused.
 */
public final class RefusalTopology {

    public static final String STORE = "order-refusals-store";

    private RefusalTopology() {
    }

    /**
     * Keeps the refusals of {@code ofOrderProcessor} (the lifecycle's own, in its task) and of the SKUs (read from
     * {@code order-refusals}).
     */
    public static void addTo(StreamsBuilder builder, Topics topics, KStream<String, Refusal> ofOrderProcessor) {
        Serde<Refusal> refusalSerde = topics.orderRefusals().valueSerde();
        KStream<String, Refusal> ofSkus = builder.stream(topics.orderRefusals().name(),
                        consumed(topics.orderRefusals(), "refusals-source"))
                .filter((key, refusal) -> key != null && refusal != null && refusal.getOrderId() != null
                        && !key.equals(refusal.getOrderId()), Named.as("refusals-keyed-by-sku"))
                .selectKey((sku, refusal) -> refusal.getOrderId(), Named.as("refusals-by-order-key"))
                .repartition(Repartitioned.<String, Refusal>as("order-refusals-by-order")
                        .withKeySerde(Serdes.String()).withValueSerde(refusalSerde));
        ofOrderProcessor.merge(ofSkus, Named.as("refusals-merged"))
                .filter((orderId, refusal) -> orderId != null && refusal != null && refusal.getOrderId() != null
                        && !Refusals.UNKNOWN_ORDER.equals(refusal.getCode()), Named.as("refusals-of-orders"))
                .process(new Supplier(topics.storeSerde(OrderRefusals.class)), Named.as("refusals-keeper"));
    }

    private record Supplier(Serde<OrderRefusals> serde) implements ProcessorSupplier<String, Refusal, Void, Void> {

        @Override
        public Processor<String, Refusal, Void, Void> get() {
            return new RefusalKeeper(STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), serde));
        }
    }
}
