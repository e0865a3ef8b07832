package io.orderflow.streams.analytics;

import io.orderflow.avro.LateSale;
import io.orderflow.streams.Remembered;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Adds the facts of one {@code order-events} partition into its part of the sales buckets and the
 * report ledgers: the rolling buckets at the time a sale happened, where one too late for its bucket
 * goes into {@code sales-late} and out as a {@link LateSale} instead; the days, months and reports on
 * the day it is booked on, every record, however late (see {@link OrderFactsProcessor}).
 */
final class AnalyticsAggregator implements Processor<String, Fact, String, LateSale> {

    /** Keys whose values are remembered per store: a month's, a day's and the open buckets' dimension keys. */
    private static final int REMEMBERED_PER_STORE = 4096;

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
    /** Per store name: the values last read or written (see {@link Remembered}); new at every {@code init}. */
    private Map<String, Remembered<String, Object>> remembered;
    /** The latest bucket written per rolling granularity, as {@link #latestBuckets} holds it. */
    private Map<Granularity, Long> latest;
    /** The labels of the sale's time per granularity, for the time they were worked out for. */
    private long labelledAt = Long.MIN_VALUE;
    private final Map<Granularity, String> labels = new EnumMap<>(Granularity.class);
    /** The labels of the day a sale is booked on and of its month, for the day they were worked out for. */
    private LocalDate labelledDay;
    private String dayLabel;
    private String monthLabel;

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
        remembered = new HashMap<>();
        latest = new EnumMap<>(Granularity.class);
        labelledAt = Long.MIN_VALUE;
        labelledDay = null;
    }

    /** {@code store}'s value under {@code key}, remembered between sales (this processor is its only writer). */
    @SuppressWarnings("unchecked")
    private <V> V get(KeyValueStore<String, V> store, String name, String key) {
        return (V) remembered(name).get(key, k -> store.get(k));
    }

    private <V> void put(KeyValueStore<String, V> store, String name, String key, V value) {
        store.put(key, value);
        remembered(name).written(key, value);
    }

    /** The values remembered of the store {@code name}. */
    private Remembered<String, Object> remembered(String name) {
        return remembered.computeIfAbsent(name, n -> new Remembered<>(REMEMBERED_PER_STORE));
    }

    /** The bucket label of {@code at} at {@code granularity}; the facts of one event share their time. */
    private String label(Granularity granularity, long at) {
        if (at != labelledAt) {
            labels.clear();
            labelledAt = at;
        }
        return labels.computeIfAbsent(granularity, g -> g.label(at, settings.zone()));
    }

    /** Works out the labels of {@code day} and its month, unless they are those of the last sale's day. */
    private void labelDay(LocalDate day) {
        if (!day.equals(labelledDay)) {
            labelledDay = day;
            dayLabel = day.toString();
            monthLabel = YearMonth.from(day).toString();
        }
    }

    @Override
    public void process(Record<String, Fact> record) {
        inputTimestamp = record.timestamp();
        Fact fact = record.value();
        if (fact instanceof Fact.Sale sale) {
            addSale(sale);
        } else if (fact instanceof Fact.Delivery delivery) {
            String key = delivery.key();
            Fulfilment current = get(fulfilment, AnalyticsTopology.FULFILMENT_STORE, key);
            put(fulfilment, AnalyticsTopology.FULFILMENT_STORE, key,
                    (current == null ? new Fulfilment(0, 0) : current).add(delivery.onTime(),
                            delivery.onTimeToFirstPromise()));
        } else if (fact instanceof Fact.Cycle cycle) {
            String key = cycle.key();
            CycleTimes current = get(cycleTimes, AnalyticsTopology.CYCLE_TIMES_STORE, key);
            put(cycleTimes, AnalyticsTopology.CYCLE_TIMES_STORE, key,
                    (current == null ? CycleTimes.EMPTY : current).add(cycle.millis()));
        } else if (fact instanceof Fact.Placement placement) {
            Cancellations current = get(cancellations, AnalyticsTopology.CANCELLATIONS_STORE, placement.month());
            put(cancellations, AnalyticsTopology.CANCELLATIONS_STORE, placement.month(),
                    (current == null ? new Cancellations(0, 0) : current).add(placement));
        }
    }

    private void addSale(Fact.Sale sale) {
        String dimensionKey = sale.key();
        if (sale.late().contains(Granularity.MINUTE)) {
            addLate(sale, dimensionKey, Granularity.MINUTE);
        } else {
            addToWindow(minutes, dimensionKey, Granularity.MINUTE, sale);
        }
        if (sale.late().contains(Granularity.HOUR)) {
            addLate(sale, dimensionKey, Granularity.HOUR);
        } else {
            addToWindow(hours, dimensionKey, Granularity.HOUR, sale);
        }
        // Days, months and the ledgers take every record, however late: they are books, not windows. An
        // order of a month already reported changes that month, once, when it is counted.
        labelDay(sale.day());
        add(days, AnalyticsTopology.SALES_DAY_STORE, dimensionKey + "|" + dayLabel, sale.figures());
        add(months, AnalyticsTopology.SALES_MONTH_STORE, dimensionKey + "|" + monthLabel, sale.figures());
        switch (sale.dimension()) {
            case "customer" -> {
                add(monthlyByCustomer, AnalyticsTopology.MONTHLY_BY_CUSTOMER_STORE, monthLabel + "|" + sale.valueKey(),
                        sale.figures());
                put(customers, AnalyticsTopology.CUSTOMERS_STORE, sale.valueKey(),
                        CustomerStats.add(get(customers, AnalyticsTopology.CUSTOMERS_STORE, sale.valueKey()), sale));
            }
            case "category" -> add(monthlyByCategory, AnalyticsTopology.MONTHLY_BY_CATEGORY_STORE,
                    monthLabel + "|" + sale.valueKey(), sale.figures());
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
        Long latestStart = latest.computeIfAbsent(granularity, g -> latestBuckets.get(g.name()));
        if (latestStart != null
                && start <= latestStart - AnalyticsTopology.retention(granularity, settings).toMillis()) {
            addLate(sale, key, granularity);
            return;
        }
        if (latestStart == null || start > latestStart) {
            latestBuckets.put(granularity.name(), start);
            latest.put(granularity, start);
        }
        String name = granularity == Granularity.MINUTE ? AnalyticsTopology.SALES_MINUTE_STORE
                : AnalyticsTopology.SALES_HOUR_STORE;
        Remembered<String, Object> values = remembered(name);
        String bucketKey = start + "|" + key;
        SalesFigures figures = SalesFigures.orZeroPlus((SalesFigures) values.get(bucketKey, k -> store.fetch(key, start)),
                sale.figures());
        store.put(key, figures, start);
        values.written(bucketKey, figures);
    }

    private void addLate(Fact.Sale sale, String dimensionKey, Granularity granularity) {
        String bucket = label(granularity, sale.at());
        add(late, AnalyticsTopology.SALES_LATE_STORE, granularity + "|" + dimensionKey + "|" + bucket, sale.figures());
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
                .setCurrency(sale.currency())
                .build();
        // Never later than the fact that caused it (see OrderFactsProcessor#emit).
        context.forward(new Record<>(dimensionKey, published, Math.min(sale.at(), inputTimestamp)));
    }

    private void add(KeyValueStore<String, SalesFigures> store, String name, String key, SalesFigures delta) {
        put(store, name, key, SalesFigures.orZeroPlus(get(store, name, key), delta));
    }
}
