package io.orderflow.streams.analytics;

import io.orderflow.avro.LateSale;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Adds the facts of one {@code order-events} partition into its part of the sales buckets and the
 * report ledgers; a sale too late for a bucket goes into {@code sales-late} and out as a {@link LateSale}.
 */
final class AnalyticsAggregator implements Processor<String, Fact, String, LateSale> {

    private final AnalyticsSettings settings;
    private ProcessorContext<String, LateSale> context;
    private long inputTimestamp = Long.MAX_VALUE;
    private WindowStore<String, SalesFigures> minutes;
    private WindowStore<String, SalesFigures> hours;
    private KeyValueStore<String, SalesFigures> days;
    private KeyValueStore<String, SalesFigures> months;
    private KeyValueStore<String, SalesFigures> late;
    private KeyValueStore<String, SalesFigures> monthlyByCustomer;
    private KeyValueStore<String, SalesFigures> monthlyByCategory;
    private KeyValueStore<String, CustomerStats> customers;
    private KeyValueStore<String, Fulfilment> fulfilment;
    private KeyValueStore<String, CycleTimes> cycleTimes;
    private KeyValueStore<String, Cancellations> cancellations;
    private KeyValueStore<String, Long> latestBuckets;

    AnalyticsAggregator(AnalyticsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, LateSale> context) {
        this.context = context;
        minutes = context.getStateStore(AnalyticsTopology.SALES_MINUTE_STORE);
        hours = context.getStateStore(AnalyticsTopology.SALES_HOUR_STORE);
        days = context.getStateStore(AnalyticsTopology.SALES_DAY_STORE);
        months = context.getStateStore(AnalyticsTopology.SALES_MONTH_STORE);
        late = context.getStateStore(AnalyticsTopology.SALES_LATE_STORE);
        monthlyByCustomer = context.getStateStore(AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE);
        monthlyByCategory = context.getStateStore(AnalyticsTopology.MONTHLY_BY_CATEGORY_STORE);
        customers = context.getStateStore(AnalyticsTopology.CUSTOMERS_STORE);
        fulfilment = context.getStateStore(AnalyticsTopology.FULFILMENT_STORE);
        cycleTimes = context.getStateStore(AnalyticsTopology.CYCLE_TIMES_STORE);
        cancellations = context.getStateStore(AnalyticsTopology.CANCELLATIONS_STORE);
        latestBuckets = context.getStateStore(AnalyticsTopology.LATEST_BUCKET_STORE);
    }

    @Override
    public void process(Record<String, Fact> record) {
        inputTimestamp = record.timestamp();
        Fact fact = record.value();
        if (fact instanceof Fact.Sale sale) {
            addSale(sale);
        } else if (fact instanceof Fact.Delivery delivery) {
            String key = delivery.key();
            Fulfilment current = fulfilment.get(key);
            fulfilment.put(key, (current == null ? new Fulfilment(0, 0) : current).add(delivery.onTime()));
        } else if (fact instanceof Fact.Cycle cycle) {
            String key = cycle.key();
            CycleTimes current = cycleTimes.get(key);
            cycleTimes.put(key, (current == null ? CycleTimes.EMPTY : current).add(cycle.millis()));
        } else if (fact instanceof Fact.Placement placement) {
            Cancellations current = cancellations.get(placement.month());
            cancellations.put(placement.month(), (current == null ? new Cancellations(0, 0) : current).add(placement));
        }
    }

    private void addSale(Fact.Sale sale) {
        String dimensionKey = sale.key();
        for (Granularity granularity : Granularity.values()) {
            if (sale.late().contains(granularity)) {
                addLate(sale, dimensionKey, granularity);
                continue;
            }
            switch (granularity) {
                case MINUTE -> addToWindow(minutes, dimensionKey, granularity, sale);
                case HOUR -> addToWindow(hours, dimensionKey, granularity, sale);
                case DAY -> add(days, dimensionKey + "|" + granularity.label(sale.at(), settings.zone()), sale.figures());
                case MONTH -> add(months, dimensionKey + "|" + granularity.label(sale.at(), settings.zone()), sale.figures());
            }
        }
        // The ledgers take every record, however late: they are books, not windows.
        String month = Granularity.MONTH.label(sale.at(), settings.zone());
        switch (sale.dimension()) {
            case "customer" -> {
                add(monthlyByCustomer, month + "|" + sale.value(), sale.figures());
                customers.put(sale.value(), CustomerStats.add(customers.get(sale.value()), sale));
            }
            case "category" -> add(monthlyByCategory, month + "|" + sale.value(), sale.figures());
            default -> {
            }
        }
    }

    /**
     * Adds to the bucket unless the window store would discard it as expired (its retention counts from
     * the latest bucket it holds): then it is late, counted and published like any other, never dropped
     * unseen. A sale this partition's stream time does not call late is never that old; a latest bucket
     * restored from before the aggregator ran beside the facts (when every partition upstream pushed
     * it) can be.
     */
    private void addToWindow(WindowStore<String, SalesFigures> store, String key, Granularity granularity, Fact.Sale sale) {
        long start = granularity.bucketStart(sale.at(), settings.zone());
        Long latest = latestBuckets.get(granularity.name());
        if (latest != null && start <= latest - AnalyticsTopology.retention(granularity, settings).toMillis()) {
            addLate(sale, key, granularity);
            return;
        }
        if (latest == null || start > latest) {
            latestBuckets.put(granularity.name(), start);
        }
        store.put(key, SalesFigures.orZeroPlus(store.fetch(key, start), sale.figures()), start);
    }

    private void addLate(Fact.Sale sale, String dimensionKey, Granularity granularity) {
        String bucket = granularity.label(sale.at(), settings.zone());
        add(late, granularity + "|" + dimensionKey + "|" + bucket, sale.figures());
        LateSale published = LateSale.newBuilder()
                .setDimension(sale.dimension())
                .setValue(sale.value())
                .setGranularity(granularity.name())
                .setBucket(bucket)
                .setOrderId(sale.orderId())
                .setEventAt(Instant.ofEpochMilli(sale.at()))
                .setStreamTime(Instant.ofEpochMilli(sale.streamTime()))
                .setOrders(sale.figures().orders())
                .setUnits(sale.figures().units())
                .setRevenue(sale.figures().revenue())
                .build();
        // Never later than the fact that caused it (see OrderFactsProcessor#emit).
        context.forward(new Record<>(dimensionKey, published, Math.min(sale.at(), inputTimestamp)));
    }

    private static void add(KeyValueStore<String, SalesFigures> store, String key, SalesFigures delta) {
        store.put(key, SalesFigures.orZeroPlus(store.get(key), delta));
    }
}
