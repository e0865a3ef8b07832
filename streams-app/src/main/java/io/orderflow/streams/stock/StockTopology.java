package io.orderflow.streams.stock;

import static io.orderflow.streams.TombstoneException.unlessTombstone;

import io.orderflow.avro.Alert;
import io.orderflow.avro.PurchaseRequest;
import io.orderflow.avro.Refusal;
import io.orderflow.avro.ShipmentLine;
import io.orderflow.avro.StockLevel;
import io.orderflow.avro.StockMovement;
import io.orderflow.avro.StockMovementType;
import io.orderflow.avro.StockRequest;
import io.orderflow.avro.StockRequestType;
import io.orderflow.avro.StockReservation;
import io.orderflow.avro.StockResult;
import io.orderflow.streams.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Stock per SKU, kept by one ledger. Reads {@code stock-movements} (receipts and stocktake
 * adjustments, keyed by SKU) and turns each into a request on {@code orderflow-stock-requests},
 * where the order processor also puts its reservations, releases, shipments and restocks. That
 * topic has ONE partition, read by one {@link StockLedger} task, which writes the ledger's
 * answers to {@code orderflow-stock-results} (keyed by order id), purchase requests to
 * {@code purchase-requests} (keyed by SKU), LOW_STOCK alerts to {@code alerts} (keyed
 * {@code LOW_STOCK:<sku>}) and refused movements to {@code order-refusals} (keyed by SKU).
 *
 * <p><b>Why one partition.</b> An approval must reserve all lines of an order or none, and the
 * lines' SKUs would live on different partitions if stock were partitioned by SKU. With every
 * stock change in one totally ordered log, a reservation is a single local decision over all
 * its SKUs: no holds to compensate, no distributed protocol to get wrong, and "available never
 * negative, stock conserved" hold by construction for any interleaving. The price is
 * throughput: one task (one thread on one instance) applies every stock change. Each change is
 * a few store reads and writes, so a single task handles thousands of order approvals a second,
 * far above an order desk's load; orders themselves remain partitioned by order id and scale
 * out. Should it ever not suffice, the ledger could be sharded by SKU group with a saga for
 * orders spanning shards; that complexity is not bought before it is needed. Standby replicas
 * keep the ledger's fail-over short.
 *
 * <p>Stores: {@code stock-store} (SKU → {@link StockLevel}), {@code stock-reservations-store}
 * (order id → {@link StockReservation}) and {@code stock-waitlist-store} (ledger sequence →
 * order id, FIFO of orders waiting for stock).
 */
public final class StockTopology {

    public static final String STOCK_STORE = "stock-store";
    public static final String RESERVATIONS_STORE = "stock-reservations-store";
    public static final String WAITLIST_STORE = "stock-waitlist-store";

    private StockTopology() {
    }

    public static void addTo(StreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_STORE),
                Serdes.String(), topics.storeSerde(StockLevel.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESERVATIONS_STORE),
                Serdes.String(), topics.storeSerde(StockReservation.class)).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WAITLIST_STORE),
                Serdes.String(), Serdes.String()).withCachingDisabled());

        builder.stream(topics.stockMovements().name(),
                        Consumed.with(topics.stockMovements().keySerde(), topics.stockMovements().valueSerde())
                                .withName("stock-movements-source"))
                .mapValues(movement -> request(unlessTombstone(movement, topics.stockMovements().name(),
                        "a stock movement")), Named.as("stock-movement-requests"))
                .to(topics.stockRequests().name(),
                        Produced.with(topics.stockRequests().keySerde(), topics.stockRequests().valueSerde())
                                .withName("stock-movement-requests-sink"));

        builder.stream(topics.stockRequests().name(),
                        Consumed.with(topics.stockRequests().keySerde(), topics.stockRequests().valueSerde())
                                .withName("stock-requests-source"))
                .process(StockLedger::new, Named.as("stock-ledger"), STOCK_STORE, RESERVATIONS_STORE, WAITLIST_STORE)
                .split(Named.as("stock-output-"))
                .branch((key, value) -> value instanceof StockResult, Branched.withConsumer(results -> results
                        .mapValues(value -> (StockResult) value, Named.as("stock-results"))
                        .to(topics.stockResults().name(), Produced.with(topics.stockResults().keySerde(),
                                topics.stockResults().valueSerde()).withName("stock-results-sink")), "results"))
                .branch((key, value) -> value instanceof PurchaseRequest, Branched.withConsumer(requests -> requests
                        .mapValues(value -> (PurchaseRequest) value, Named.as("purchase-requests"))
                        .to(topics.purchaseRequests().name(), Produced.with(topics.purchaseRequests().keySerde(),
                                topics.purchaseRequests().valueSerde()).withName("purchase-requests-sink")),
                        "purchases"))
                .branch((key, value) -> value instanceof Alert, Branched.withConsumer(alerts -> alerts
                        .mapValues(value -> (Alert) value, Named.as("stock-alerts"))
                        .to(topics.alerts().name(), Produced.with(topics.alerts().keySerde(),
                                topics.alerts().valueSerde()).withName("stock-alerts-sink")), "alerts"))
                .branch((key, value) -> value instanceof Refusal, Branched.withConsumer(refusals -> refusals
                        .mapValues(value -> (Refusal) value, Named.as("stock-refusals"))
                        .to(topics.orderRefusals().name(), Produced.with(topics.orderRefusals().keySerde(),
                                topics.orderRefusals().valueSerde()).withName("stock-refusals-sink")), "refusals"))
                .noDefaultBranch();
    }

    static StockRequest request(StockMovement movement) {
        StockRequestType type = movement.getType() == StockMovementType.RECEIPT ? StockRequestType.RECEIPT
                : movement.getType() == StockMovementType.ADJUSTMENT ? StockRequestType.ADJUSTMENT
                : StockRequestType.UNKNOWN;
        return StockRequest.newBuilder()
                .setRequestId(movement.getMovementId())
                .setType(type)
                .setLines(List.of(new ShipmentLine(movement.getSku(), movement.getQuantity())))
                .setActor(movement.getActor())
                .setAt(movement.getAt())
                .setReference(movement.getReference())
                .setReason(movement.getReason())
                .build();
    }
}
