package io.orderflow.streams.stock;

import static io.orderflow.streams.TombstoneException.unlessTombstone;
import static io.orderflow.streams.TopicStreams.consumed;
import static io.orderflow.streams.TopicStreams.produced;

import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockMark;
import io.orderflow.avro.StockWaiter;
import io.orderflow.streams.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Stock by SKU. {@code stock-movements} (receipts and stocktake adjustments) and
 * {@code orderflow-stock-by-sku} (what orders ask of a SKU: holds, probes, confirms, releases,
 * drops, shipments, returns) are both keyed by SKU on the same partition count, so every message
 * about a SKU reaches the one task that owns it, where {@link SkuProcessor} applies it. No topic has
 * one partition: adding partitions and instances spreads the SKUs, as it spreads the orders.
 *
 * <p>An order's lines are reserved all or none by a chain of holds across its SKUs, sorted by SKU,
 * which the order's own task starts and hears the end of (see the package
 * {@code io.orderflow.streams.stock.partitioned} and streams-app/README.md, "Stock by SKU"). The
 * SKU tasks write the next steps of a chain back to {@code orderflow-stock-by-sku}, answers to the
 * orders to {@code orderflow-stock-answers} (keyed by order id), purchase requests to
 * {@code purchase-requests} (keyed by SKU), LOW_STOCK alerts to {@code alerts} (keyed
 * {@code LOW_STOCK:<sku>}) and refused movements and shipments to {@code order-refusals}.
 */
public final class StockTopology {

    public static final String STOCK_STORE = "stock-levels-store";
    public static final String MARKS_STORE = "stock-marks-store";
    public static final String WAITERS_STORE = "stock-waiters-store";

    private StockTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_STORE),
                Serdes.String(), topics.storeSerde(StockLevel.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MARKS_STORE),
                Serdes.String(), topics.storeSerde(StockMark.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WAITERS_STORE),
                Serdes.String(), topics.storeSerde(StockWaiter.class)).withCachingEnabled());

        KStream<String, Object> movements = builder
                .stream(topics.stockMovements().name(), consumed(topics.stockMovements(), "stock-movements-source"))
                .mapValues(movement -> (Object) unlessTombstone(movement, topics.stockMovements().name(),
                        "a stock movement"), Named.as("stock-movements-as-input"));
        KStream<String, Object> messages = builder
                .stream(topics.stockBySku().name(), consumed(topics.stockBySku(), "stock-by-sku-source"))
                .mapValues(message -> (Object) unlessTombstone(message, topics.stockBySku().name(),
                        "a stock message"), Named.as("stock-by-sku-as-input"));

        movements.merge(messages, Named.as("stock-inputs"))
                .process(SkuProcessor::new, Named.as("sku-stock"), STOCK_STORE, MARKS_STORE, WAITERS_STORE)
                .split(Named.as("stock-output-"))
                .branch((key, value) -> value instanceof SkuOutput.NextStep, Branched.withConsumer(next -> next
                        .mapValues(value -> ((SkuOutput.NextStep) value).value(), Named.as("stock-next-steps"))
                        .to(topics.stockBySku().name(), produced(topics.stockBySku(), "stock-by-sku-sink")),
                        "steps"))
                .branch((key, value) -> value instanceof SkuOutput.Answer, Branched.withConsumer(answers -> answers
                        .mapValues(value -> ((SkuOutput.Answer) value).value(), Named.as("stock-answers"))
                        .to(topics.stockAnswers().name(), produced(topics.stockAnswers(), "stock-answers-sink")),
                        "answers"))
                .branch((key, value) -> value instanceof SkuOutput.Purchase, Branched.withConsumer(requests -> requests
                        .mapValues(value -> ((SkuOutput.Purchase) value).value(), Named.as("purchase-requests"))
                        .to(topics.purchaseRequests().name(), produced(topics.purchaseRequests(),
                                "purchase-requests-sink")), "purchases"))
                .branch((key, value) -> value instanceof SkuOutput.LowStock, Branched.withConsumer(alerts -> alerts
                        .mapValues(value -> ((SkuOutput.LowStock) value).value(), Named.as("stock-alerts"))
                        .to(topics.alerts().name(), produced(topics.alerts(), "stock-alerts-sink")), "alerts"))
                .branch((key, value) -> value instanceof SkuOutput.Refused, Branched.withConsumer(refusals -> refusals
                        .mapValues(value -> ((SkuOutput.Refused) value).value(), Named.as("stock-refusals"))
                        .to(topics.orderRefusals().name(), produced(topics.orderRefusals(), "stock-refusals-sink")),
                        "refusals"))
                .noDefaultBranch();
    }
}
