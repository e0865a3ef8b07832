package io.orderflow.streams.analytics;

import io.orderflow.avro.LateSale;
import io.orderflow.avro.OrderEvent;
import io.orderflow.serde.SchemaRegistryClient;
import io.orderflow.serde.Topic;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Rolling sales and the ledger reports ({@code docs/domain.md}, "Reports and figures"), live from {@code order-events}.
 *
 * <p>Reads the events the order lifecycle writes to {@code order-events} (order id &rarr; OrderEvent), in
 * its own task, and the catalog's global store of products (SKU &rarr; Product, for categories: "unknown"
 * when absent); writes
 * {@code sales-late-records} ({@code <dimension>|<value>|<currency>} &rarr; LateSale). An order counts when a
 * reviewer approves it: in the rolling figures at the approval's time, in the daily, monthly and
 * report figures on its own order date (下单日期). A cancellation takes it out, and an approved return
 * its returned lines (units and revenue), at their own time and on their own day.
 *
 * <p>One sub-topology, no repartition: the facts of an event are added up in the task of its
 * {@code order-events} partition, so every store below holds, per partition, the part of a key's
 * figures that the partition's orders make. Every value adds up ({@code plus}) and what derives
 * from it (average order value, rates, a customer's class, mean and percentiles) is worked out from
 * the sum: readers sum a key over all partitions first (the query API's {@code AnalyticsQueries}).
 * The rolling figures' lateness is decided per partition, against its own stream time
 * ({@link OrderFactsProcessor}); days, months and reports take every record, however late.
 *
 * <p>Figures are kept per currency, the order's: nothing adds CNY to USD. Every key that holds revenue ends in
 * the currency ({@link CurrencyKeys}; keys of releases before have none and are read as CNY).
 *
 * <p>Sales stores: dimension key {@code <dimension>|<value>|<currency>}, dimension one of {@code total} (value
 * {@code all}), {@code channel}, {@code product} (SKU), {@code category}, {@code customer} (id);
 * values {@link SalesFigures} (orders, units, revenue; average order value derived).
 * <ul>
 *   <li>{@value #SALES_MINUTE_STORE}: window store, 1-minute buckets, key = dimension key; the last hour =
 *       the 60 buckets starting after now - 1 h ({@link RollingSales#lastHour});</li>
 *   <li>{@value #SALES_HOUR_STORE}: window store, 1-hour buckets; last 24 h and 7 days likewise;</li>
 *   <li>{@value #SALES_DAY_STORE}: {@code <dimension key>|yyyy-MM-dd}, the day a sale is booked on (the
 *       order date; a cancellation's or return's own day in the zone);</li>
 *   <li>{@value #SALES_MONTH_STORE}: {@code <dimension key>|yyyy-MM}, the month of that day;</li>
 *   <li>{@value #SALES_LATE_STORE}: {@code <MINUTE|HOUR>|<dimension key>|<bucket>}, the figures that
 *       arrived after their rolling bucket closed (see {@link Granularity}) and were kept out of it (keys
 *       {@code DAY|...} and {@code MONTH|...} are from releases whose days and months closed).</li>
 * </ul>
 * Report stores (ledgers: every record counts, however late):
 * <ul>
 *   <li>{@value #MONTHLY_BY_CUSTOMER_STORE}: {@code yyyy-MM|<customer id>|<currency>} &rarr; SalesFigures, by
 *       the month a sale is booked on, as the monthly sales;</li>
 *   <li>{@value #MONTHLY_BY_CATEGORY_STORE}: {@code yyyy-MM|<category>|<currency>} &rarr; SalesFigures,
 *       likewise;</li>
 *   <li>{@value #CUSTOMERS_STORE}: {@code <customer id>|<currency>} &rarr; {@link CustomerStats} (figures,
 *       order dates of the first and last order; repeat and class derived from the sum): a customer buying in
 *       two currencies has a row in each;</li>
 *   <li>{@value #FULFILMENT_STORE}: {@code yyyy-MM|<total|channel|carrier>|<value>} &rarr; {@link Fulfilment},
 *       by the month of the order date of the orders delivered;</li>
 *   <li>{@value #CYCLE_TIMES_STORE}: {@code yyyy-MM|<stage>} &rarr; {@link CycleTimes}, by month the stage ended;</li>
 *   <li>{@value #CANCELLATIONS_STORE}: {@code yyyy-MM} &rarr; {@link Cancellations}, orders placed by
 *       the month of their order date, cancelled by the month of the cancellation.</li>
 * </ul>
 * Internal: {@value #LEDGER_STORE} (order id &rarr; what was counted), {@value #STREAM_TIME_STORE},
 * {@value #LATEST_BUCKET_STORE} (granularity &rarr; latest rolling bucket written, to tell expiry).
 * Store values are Avro, registered like the topics' ({@link AnalyticsSerdes}, which still reads the
 * JSON and binary values of earlier releases); the stream time and latest buckets are plain longs.
 */
public final class AnalyticsTopology {

    public static final String LEDGER_STORE = "analytics-order-ledger";
    public static final String STREAM_TIME_STORE = "analytics-stream-time";
    public static final String SALES_MINUTE_STORE = "sales-rolling-minute";
    public static final String SALES_HOUR_STORE = "sales-rolling-hour";
    public static final String SALES_DAY_STORE = "sales-daily";
    public static final String SALES_MONTH_STORE = "sales-monthly";
    public static final String SALES_LATE_STORE = "sales-late";
    public static final String LATEST_BUCKET_STORE = "sales-rolling-latest-bucket";
    public static final String MONTHLY_BY_CUSTOMER_STORE = "report-monthly-by-customer";
    public static final String MONTHLY_BY_CATEGORY_STORE = "report-monthly-by-category";
    public static final String CUSTOMERS_STORE = "report-customers";
    public static final String FULFILMENT_STORE = "report-fulfilment";
    public static final String CYCLE_TIMES_STORE = "report-cycle-times";
    public static final String CANCELLATIONS_STORE = "report-cancellations";

    private AnalyticsTopology() {
    }

    /**
     * Adds the analytics on a stream of order events the caller already reads, with the name of a
     * global products store the caller already keeps (a {@code globalTable} of SKU &rarr; Product), and the
     * registry of the stores' value schemas.
     */
    public static void build(KStream<String, OrderEvent> events, String productsStore,
                             Topic<String, LateSale> lateSales, SchemaRegistryClient registry,
                             AnalyticsSettings settings) {
        AnalyticsSerdes serdes = new AnalyticsSerdes(registry, settings.zone());
        // The aggregator runs in the task of the order-events partition, beside the facts it adds up:
        // no repartition by key (the stores hold each partition's part of a key's figures, summed when
        // read), and lateness stays as OrderFactsProcessor decided it, against this partition's time.
        events.process(new FactsSupplier(settings, productsStore, serdes), Named.as("analytics-order-facts"))
                .process(new AggregatorSupplier(settings, serdes), Named.as("analytics-aggregator"))
                .to(lateSales.name(), Produced.with(lateSales.keySerde(), lateSales.valueSerde())
                        .withName("sales-late-records-sink"));
    }

    private record FactsSupplier(AnalyticsSettings settings, String productsStore, AnalyticsSerdes serdes)
            implements ProcessorSupplier<String, OrderEvent, String, Fact> {

        @Override
        public Processor<String, OrderEvent, String, Fact> get() {
            return new OrderFactsProcessor(settings, productsStore);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    perOrder(LEDGER_STORE, serdes.orderLedger()),
                    keyValue(STREAM_TIME_STORE, Serdes.Long()));
        }
    }

    private record AggregatorSupplier(AnalyticsSettings settings, AnalyticsSerdes serdes)
            implements ProcessorSupplier<String, Fact, String, LateSale> {

        @Override
        public Processor<String, Fact, String, LateSale> get() {
            return new AnalyticsAggregator(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            Serde<SalesFigures> figures = serdes.salesFigures();
            return Set.of(
                    window(SALES_MINUTE_STORE, Granularity.MINUTE, settings, figures),
                    window(SALES_HOUR_STORE, Granularity.HOUR, settings, figures),
                    keyValue(SALES_DAY_STORE, figures),
                    keyValue(SALES_MONTH_STORE, figures),
                    keyValue(SALES_LATE_STORE, figures),
                    keyValue(MONTHLY_BY_CUSTOMER_STORE, figures),
                    keyValue(MONTHLY_BY_CATEGORY_STORE, figures),
                    keyValue(CUSTOMERS_STORE, serdes.customerStats()),
                    keyValue(FULFILMENT_STORE, serdes.fulfilment()),
                    keyValue(CYCLE_TIMES_STORE, serdes.cycleTimes()),
                    keyValue(CANCELLATIONS_STORE, serdes.cancellations()),
                    keyValue(LATEST_BUCKET_STORE, Serdes.Long()));
        }
    }

    /** How long a rolling store keeps buckets: as long as they can still be written, plus a margin. */
    static Duration retention(Granularity granularity, AnalyticsSettings settings) {
        return granularity.span().plus(granularity.size()).plus(settings.grace()).plus(settings.retentionMargin());
    }

    private static StoreBuilder<?> window(String name, Granularity granularity, AnalyticsSettings settings,
                                          Serde<SalesFigures> figures) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name, retention(granularity, settings), granularity.size(), false),
                Serdes.String(), figures).withCachingEnabled();
    }

    /** A store with a key per order: not cached (see {@code AppConfig#streamsProperties}). */
    private static <V> StoreBuilder<?> perOrder(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingDisabled();
    }

    private static <V> StoreBuilder<?> keyValue(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }
}
